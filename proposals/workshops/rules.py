"""Who may run workshops, register for them and record that a team attended one."""

from accounts.roles import Role
from accounts.rules import has_role
from proposals.rules import can_edit_proposal


def can_manage_workshops(user):
    """Funding officers and programme managers run workshops (the `manage_workshop`
    permission of their roles)."""
    return bool(user.is_authenticated and user.has_perm("proposals.manage_workshop"))


def can_manage_workshop(user, workshop):
    """An officer runs any programme's workshops; a manager those of the programmes they
    manage. They alone see who registered and record who came."""
    if not can_manage_workshops(user):
        return False
    if has_role(user, Role.FUNDING_OFFICER):
        return True
    return user.manages(workshop.programme_id)


def can_register(user):
    """Researchers (the cities' teams) register for workshops."""
    return has_role(user, Role.RESEARCHER)


def can_record_attended_workshops(user, proposal):
    """The team says which workshops it attended while it may edit its proposal."""
    return can_edit_proposal(user, proposal)
