"""Who takes part in a proposal's panel discussion: the reviewers of its current round once
their own review is submitted, and the funding officers and the programme's managers, who
follow it. Applicants never see it."""

from reviews.models import AssignmentState, PanelRole, ReviewState
from reviews.scoring.rules import can_view_reviews


def own_assignment(user, proposal, assignments):
    """`user`'s assignment among `assignments` (the proposal's current round), or None."""
    if not user.is_authenticated:
        return None
    return next((a for a in assignments if a.reviewer_id == user.pk), None)


def has_submitted(assignment):
    review = getattr(assignment, "review", None)
    return (
        assignment.state == AssignmentState.SUBMITTED
        and review is not None
        and review.state == ReviewState.SUBMITTED
    )


def can_join_panel(user, proposal, assignments):
    """A reviewer of the round who submitted their own review (so that the others' scores do
    not sway it), or an officer or manager who may read the reviews."""
    mine = own_assignment(user, proposal, assignments)
    if mine is not None and has_submitted(mine):
        return True
    return user.is_authenticated and can_view_reviews(user, proposal)


def is_chair(user, proposal, assignments):
    """The round's lead reviewer, once their own review is submitted, writes the consensus."""
    mine = own_assignment(user, proposal, assignments)
    return mine is not None and mine.panel_role == PanelRole.CHAIR and has_submitted(mine)
