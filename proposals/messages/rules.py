"""Who may edit messages: a programme's by its managers, the site's by administrators."""

from accounts.rules import is_administrator
from indicators.rules import can_view_framework, is_programme_manager


def can_edit_messages(user, programme):
    """The programme's own managers (reads `programme.managers`, prefetched by the pages)."""
    if not is_programme_manager(user):
        return False
    return any(manager.pk == user.pk for manager in programme.managers.all())


def can_see_programme(user, programme):
    """Those who see programmes at all get a 403 from the messages they may not edit."""
    return can_view_framework(user, programme)


def can_edit_site_messages(user):
    """Administrators write the site's texts (an account's emails, the risk digest, a
    document being ready)."""
    return is_administrator(user)


def can_see_site_messages(user):
    """Anyone with a role may know the site's texts exist (the programme's list names them):
    a 403 rather than a 404."""
    return bool(user.is_authenticated and user.role_names)
