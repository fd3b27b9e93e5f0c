"""Who may keep the screening checklists, screen proposals and read a call's review overview,
as small predicates used by the views, the templates and the tests alike."""

from accounts.roles import Role
from accounts.rules import has_role
from proposals.models import ProposalState


def is_funding_officer(user):
    return has_role(user, Role.FUNDING_OFFICER)


def can_manage_screening(user):
    """Funding officers keep each call's screening checklist."""
    return is_funding_officer(user)


def can_screen(user):
    """Funding officers whose role holds the permission to screen proposals tick their
    checklists and pass them to review or return them."""
    return is_funding_officer(user) and user.has_perm("proposals.screen_proposal")


def manages_programme(user, call):
    """A programme manager of the call's programme."""
    return has_role(user, Role.PROGRAMME_MANAGER) and user.manages(call.programme_id)


def can_use_overview(user):
    """Officers and programme managers open the review overview of calls (a manager only
    sees the calls of the programmes they manage)."""
    return is_funding_officer(user) or has_role(user, Role.PROGRAMME_MANAGER)


def can_read_call_overview(user, call):
    return is_funding_officer(user) or manages_programme(user, call)


def can_edit_screening(user, proposal):
    """The checklist of a proposal is ticked while it waits for screening."""
    return can_screen(user) and proposal.state == ProposalState.SUBMITTED
