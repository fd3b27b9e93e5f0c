"""Who may read and edit a programme's framework and the technology catalogue."""

from accounts.roles import Role


def holds_any_role(user):
    return user.is_authenticated and bool(user.role_names)


def can_view_framework(user, programme=None):
    """Anyone with a role reads frameworks: applicants commit to their indicators."""
    return holds_any_role(user)


def is_programme_manager(user):
    return user.is_authenticated and user.has_role(Role.PROGRAMME_MANAGER)


def can_edit_framework(user, programme):
    """Programme managers edit the frameworks of the programmes they manage."""
    if not is_programme_manager(user):
        return False
    return user.manages(programme.pk)


def can_edit_catalogue(user):
    """The technology catalogue and the list of output types belong to programme managers."""
    return is_programme_manager(user)


def can_edit_funders(user):
    """The funders' identifiers (open data) are kept by administrators and programme managers."""
    return (
        user.is_authenticated
        and (user.has_role(Role.ADMINISTRATOR) or user.has_role(Role.PROGRAMME_MANAGER))
        and user.has_perm("indicators.change_funder")
    )


DASHBOARD_ROLES = (Role.FUNDING_OFFICER, Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR)


def can_view_dashboards(user):
    """Staff watch the KPI dashboards and the municipality pages: funding officers,
    administrators and the managers of any programme (they compare programmes)."""
    return user.is_authenticated and any(user.has_role(role) for role in DASHBOARD_ROLES)
