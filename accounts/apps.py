from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs):
    from accounts.services import sync_role_groups

    sync_role_groups()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts import access, extensions, signals  # noqa: F401

        extensions.connect()
        access.connect()

        # Every app's permissions exist only after its own post_migrate; syncing after each
        # keeps the role groups complete whatever order apps migrate in.
        post_migrate.connect(_sync_roles, dispatch_uid="accounts.sync_role_groups")
