from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


class ConfigConfig(AppConfig):
    """Makes `config` an app so that project-wide commands (seed_demo) live beside the settings."""

    name = "config"
    verbose_name = "Configuration"

    def ready(self):
        # kombu's filesystem broker needs its folders before anything is queued or read.
        options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", None) or {}
        for key in ("data_folder_in", "data_folder_out", "control_folder"):
            if options.get(key):
                Path(options[key]).mkdir(parents=True, exist_ok=True)
