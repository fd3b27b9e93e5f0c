from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals")

    def ready(self):
        # Registers the readable names of this app's audit actions for the history page.
        from proposals import services  # noqa: F401
        from proposals.projects import services as projects

        projects.register()
