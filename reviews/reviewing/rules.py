"""Who may do what on the reviewer's side, as small predicates used by views, templates and
tests alike. An assignment belongs to its reviewer only: to anyone else it does not exist."""

from accounts.roles import Role
from accounts.rules import has_role
from reviews.models import AssignmentState, ReviewState

# Assignments still waiting for their reviewer: invited, or accepted and not yet submitted.
OPEN_STATES = (AssignmentState.INVITED, AssignmentState.ACCEPTED)


class NextAction:
    """What the reviewer has to do next on one assignment (None: nothing)."""

    ANSWER = "answer"  # accept or decline the invitation
    DECLARE = "declare"  # declare a conflict of interest, or none
    REVIEW = "review"  # read the proposal and write the review
    READ = "read"  # the review is in; the proposal may still be read
    WAIT = "wait"  # cleared, but the team is revising the proposal


def is_reviewer(user):
    """The reviewer's pages are for people holding the reviewer role."""
    return has_role(user, Role.REVIEWER)


def is_assigned_reviewer(user, assignment):
    """The reviewer the assignment names, while they hold the reviewer role."""
    return is_reviewer(user) and assignment.reviewer_id == user.pk


def can_answer(user, assignment):
    """An invitation is accepted or declined once, by its reviewer."""
    return is_assigned_reviewer(user, assignment) and assignment.state == AssignmentState.INVITED


def can_declare(user, assignment):
    """The declaration comes after accepting and is made once."""
    return (
        is_assigned_reviewer(user, assignment)
        and assignment.state == AssignmentState.ACCEPTED
        and assignment.coi_declared_at is None
    )


def proposal_is_settled(proposal):
    """The proposal says what was submitted: not a draft or a revision in the team's hands
    (their unsubmitted text is nobody else's to read)."""
    return not proposal.is_editable


def can_read_proposal(user, assignment):
    """Accepted, no conflict declared, and the proposal as submitted: only then does the
    reviewer see more than its reference, title and call."""
    return (
        is_assigned_reviewer(user, assignment)
        and assignment.is_cleared
        and proposal_is_settled(assignment.proposal)
    )


def next_action(assignment, review_state=None):
    """The step the reviewer takes next on `assignment` (a NextAction value or None);
    `review_state` is the state of its review, if one was started."""
    state = assignment.state
    if state == AssignmentState.INVITED:
        return NextAction.ANSWER
    if state == AssignmentState.ACCEPTED and assignment.coi_declared_at is None:
        return NextAction.DECLARE
    if not assignment.is_cleared:
        return None
    if not proposal_is_settled(assignment.proposal):
        return NextAction.WAIT
    if state == AssignmentState.SUBMITTED or review_state == ReviewState.SUBMITTED:
        return NextAction.READ
    return NextAction.REVIEW


def is_open(assignment):
    """Still waiting for the reviewer: invited, or accepted and not yet submitted."""
    return assignment.state in OPEN_STATES
