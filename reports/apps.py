from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        import reports.excel  # noqa: F401 (registers the Excel exports)
        from reports import links
        from reports.pdf import register_documents

        register_documents()
        links.register_all()
