from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Funded projects")

    def ready(self):
        from projects import extensions
        from projects.portfolio import cache

        extensions.connect()
        cache.connect()
