from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from accounts.audit import register_action

        for code, label in [
            ("objective.created", _("Objective created")),
            ("objective.changed", _("Objective changed")),
            ("objective.deleted", _("Objective deleted")),
            ("indicator.created", _("Indicator created")),
            ("indicator.changed", _("Indicator changed")),
            ("indicator.deleted", _("Indicator deleted")),
            ("framework.targets_changed", _("Targets changed")),
            ("technology.created", _("Technology added")),
            ("technology.changed", _("Technology changed")),
            ("output_type.created", _("Output type added")),
            ("output_type.changed", _("Output type changed")),
        ]:
            register_action(code, label)
