import importlib

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Modules of the review work that register conditions or hooks with the lifecycle when they
# are imported. The screening's is always there; the others once their engineers add them.
OPTIONAL_HOOKS = ("reviews.decisions.conditions", "reviews.reviewing.reminders")


def register_all():
    """Import every module that registers itself (lifecycle conditions, periodic tasks)."""
    importlib.import_module("reviews.screening.conditions")
    for name in OPTIONAL_HOOKS:
        try:
            importlib.import_module(name)
        except ImportError as error:
            # Only a module that is not there yet is skipped; a broken import inside one
            # that exists must still fail loudly.
            if error.name != name:
                raise


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        register_all()
