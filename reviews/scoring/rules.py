"""Who may write a review, read the reviews and rankings, and reopen a review: small predicates
used by the scoring views, their templates and the tests alike."""

from accounts.roles import Role
from accounts.rules import has_role
from proposals.models import ProposalState
from reviews.models import AssignmentState, ReviewState
from reviews.reviewing.rules import is_assigned_reviewer
from reviews.screening.rules import manages_programme


def can_view_ranking(user, call):
    """Funding officers and the managers of the call's programme read its ranking."""
    return has_role(user, Role.FUNDING_OFFICER) or manages_programme(user, call)


def can_view_reviews(user, proposal):
    """Funding officers and the managers of the programme read every review of a proposal,
    with the reviewers' names and the confidential comments."""
    return can_view_ranking(user, proposal.call)


def can_reopen_reviews(user):
    """Funding officers reopen a submitted review, with a reason."""
    return has_role(user, Role.FUNDING_OFFICER)


def review_is_reopenable(review):
    """A submitted review of the proposal's current round, while the proposal is in review."""
    assignment = review.assignment
    return (
        review.state == ReviewState.SUBMITTED
        and assignment.round == assignment.proposal.round
        and assignment.proposal.state == ProposalState.IN_REVIEW
    )


class FormAccess:
    """What the review form shows to a person, for one assignment."""

    HIDDEN = "hidden"  # not their assignment: 404
    NOT_CLEARED = "not_cleared"  # theirs, but not accepted with no conflict declared: 403
    CLOSED = "closed"  # cleared, but the proposal is not in review in this round: read only
    SUBMITTED = "submitted"  # the review is submitted: read only
    EDITABLE = "editable"


def form_access(user, assignment, review=None):
    """A FormAccess value for `user` on `assignment` whose review (if any) is `review`."""
    if not is_assigned_reviewer(user, assignment):
        return FormAccess.HIDDEN
    if not assignment.is_cleared:
        return FormAccess.NOT_CLEARED
    if (review is not None and review.state == ReviewState.SUBMITTED) or (
        assignment.state == AssignmentState.SUBMITTED
    ):
        return FormAccess.SUBMITTED
    proposal = assignment.proposal
    if proposal.state != ProposalState.IN_REVIEW or assignment.round != proposal.round:
        return FormAccess.CLOSED
    return FormAccess.EDITABLE


def can_write_review(user, assignment, review=None):
    """The assigned, cleared reviewer writes while the proposal is in review in this round
    and the review is not submitted."""
    return form_access(user, assignment, review) == FormAccess.EDITABLE
