"""Who may edit a programme's messages: the managers of that programme."""

from indicators.rules import can_view_framework, is_programme_manager


def can_edit_messages(user, programme):
    """The programme's own managers (reads `programme.managers`, prefetched by the pages)."""
    if not is_programme_manager(user):
        return False
    return any(manager.pk == user.pk for manager in programme.managers.all())


def can_see_programme(user, programme):
    """Those who see programmes at all get a 403 from the messages they may not edit."""
    return can_view_framework(user, programme)
