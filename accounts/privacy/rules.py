"""Who may do what with the privacy notice."""

from accounts.rules import is_administrator


def can_publish_notice(user):
    """Administrators write the notice; each save publishes a new version."""
    return is_administrator(user) and user.has_perm("accounts.add_privacynotice")
