"""Who may have each PDF document: exactly those who may open the page it prints today, so
that a download never shows more than the screen does. `user` None (the command line) is
answered by the caller, not here: these say no to it."""

from proposals.rules import can_view_proposal
from reviews.decisions.rules import can_read_decisions
from reviews.models import Assignment
from reviews.reviewing.rules import can_read_proposal
from reviews.scoring.rules import can_view_ranking, can_view_reviews


def _signed_in(user):
    return user is not None and user.is_authenticated


def may_have_proposal(user, proposal):
    """The workspace's readers: the team, funding officers and the managers of the call's
    programme."""
    return _signed_in(user) and can_view_proposal(user, proposal)


def is_cleared_reviewer(user, proposal):
    """An assigned reviewer who accepted and declared no conflict, while the proposal is as
    submitted: the reader of the reviewer's proposal page (in any round)."""
    if not _signed_in(user):
        return False
    for assignment in Assignment.objects.filter(proposal=proposal, reviewer=user):
        assignment.proposal = proposal  # the rule reads it; no query
        if can_read_proposal(user, assignment):
            return True
    return False


def may_have_blind_proposal(user, proposal):
    """The proposal's readers and its cleared reviewers."""
    return may_have_proposal(user, proposal) or is_cleared_reviewer(user, proposal)


def may_have_review_summary(user, proposal):
    """Funding officers and the managers of the programme, who read the reviews with names."""
    return _signed_in(user) and can_view_reviews(user, proposal)


def has_decision(proposal):
    """Whether a decision on `proposal` is recorded; asked once per proposal object and page
    (the decision letter and the review summary both ask, and a decision is not taken while
    a page is drawn)."""
    known = getattr(proposal, "_has_decision", None)
    if known is None:
        known = getattr(proposal, "has_decision_recorded", None)  # read with the proposal
    if known is None:
        known = proposal._has_decision = proposal.decisions.exists()
    return known


def may_have_decision_documents(user, proposal):
    """The decision page's readers (the team, officers, the programme's managers), once a
    decision has been taken and sent: the letter and the anonymised review summary."""
    return _signed_in(user) and can_read_decisions(user, proposal) and has_decision(proposal)


def may_have_committee_sheet(user, call):
    """The ranking page's readers: funding officers and the managers of the call's programme."""
    return _signed_in(user) and can_view_ranking(user, call)
