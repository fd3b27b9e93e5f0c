"""Who may edit a call's decision letters, take decisions and read them, as small predicates
used by the views, the templates and the tests alike."""

from accounts.roles import Role
from accounts.rules import has_role
from proposals.rules import can_view_proposal
from reviews.screening.rules import manages_programme


def can_edit_letters(user, call):
    """Funding officers and the managers of the call's programme write its decision letters."""
    return has_role(user, Role.FUNDING_OFFICER) or manages_programme(user, call)


def can_decide(user, call):
    """The managers of the call's programme, whose role holds the permission to decide, decide
    on its proposals. (The lifecycle checks the same again when the decision is applied.)"""
    return manages_programme(user, call) and user.has_perm("proposals.decide_proposal")


def can_read_decisions(user, proposal):
    """The team, funding officers and the managers of the programme read a proposal's
    decisions and letters: everyone who may open the proposal, and nobody else."""
    return can_view_proposal(user, proposal)
