from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from indicators import cache, extensions

        extensions.connect()
        cache.connect()
        _follow_managers()


def _follow_managers():
    """The programmes a person manages are kept with their roles (accounts.access): a change
    of a programme's managers, or a programme deleted, drops what is kept."""
    from django.db.models.signals import m2m_changed, post_delete

    from accounts import access
    from indicators.models import Programme

    through = Programme.managers.through
    m2m_changed.connect(access.membership_changed, sender=through, dispatch_uid="access-managers")
    post_delete.connect(access.everyone_changed, sender=Programme, dispatch_uid="access-programme")
