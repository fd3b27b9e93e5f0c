"""Who answers the reviewers (the team, while a revision is asked for) and who reads the
answers (whoever may open the proposal, and the reviewers of a later round)."""

from proposals.models import ProposalState
from proposals.rules import can_view_proposal, is_team_editor
from reviews.models import Assignment


def answered_round(proposal):
    """The round whose reviews are answered: the current one while the revision is asked
    for, the one before once the proposal is resubmitted."""
    if proposal.state == ProposalState.REVISION:
        return proposal.round
    return proposal.round - 1


def can_write_rebuttal(user, proposal):
    return proposal.state == ProposalState.REVISION and is_team_editor(user, proposal)


def can_read_rebuttal(user, proposal):
    if not user.is_authenticated:
        return False
    if can_view_proposal(user, proposal):
        return True
    return Assignment.objects.filter(
        proposal=proposal, reviewer=user, round__gt=answered_round(proposal)
    ).exists()
