from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """Makes `config` an app so that project-wide commands (seed_demo) live beside the settings."""

    name = "config"
    verbose_name = "Configuration"
