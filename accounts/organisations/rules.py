"""Who keeps the organisation records: administrators and programme managers (the open data's
recipients and funder are theirs to name)."""

from accounts.roles import Role
from accounts.rules import has_role, is_administrator


def can_manage_organisations(user):
    return (is_administrator(user) or has_role(user, Role.PROGRAMME_MANAGER)) and user.has_perm(
        "accounts.change_organisation"
    )
