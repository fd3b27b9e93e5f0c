from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Helpers every app may import: Thai dates and money, numbers, uploads, workbooks,
    extension points. `core` imports none of the other apps."""

    name = "core"
    verbose_name = "Core"
