"""Who may do what in accounts, as small predicates used by views, templates and tests alike."""

from accounts.roles import INVITABLE_ROLES, Role


def has_role(user, role):
    return bool(user.is_authenticated and user.has_role(role))


def is_administrator(user):
    return has_role(user, Role.ADMINISTRATOR)


def invitable_roles(user):
    """The roles `user` may hand out in an invitation (none for most people)."""
    if not user.is_authenticated:
        return frozenset()
    allowed = set()
    for role, roles in INVITABLE_ROLES.items():
        if user.has_role(role):
            allowed |= roles
    return frozenset(allowed)


def can_invite(user):
    return bool(invitable_roles(user)) and user.has_perm("accounts.invite_user")


def can_assign_roles(user):
    return is_administrator(user) and user.has_perm("accounts.assign_roles")


def can_list_users(user):
    return (
        user.is_authenticated
        and user.has_perm("accounts.view_user")
        and (is_administrator(user) or has_role(user, Role.FUNDING_OFFICER))
    )


def can_read_history(user):
    """Staff (officers, managers, administrators) read any object's audit history."""
    return (
        user.is_authenticated
        and user.holds_staff_role
        and user.has_perm("accounts.view_auditentry")
    )


def can_open_dashboard(user, role):
    return has_role(user, role)
