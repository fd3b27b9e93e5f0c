"""Who may do what with the privacy notice."""

from accounts.rules import is_administrator


def can_publish_notice(user):
    """Administrators write the notice; each save publishes a new version."""
    return is_administrator(user) and user.has_perm("accounts.add_privacynotice")


def can_export_for_others(user):
    """Administrators answer a person's request for their data (by email, by letter)."""
    return is_administrator(user) and user.has_perm("accounts.export_personal_data")


def can_download_export(user, export):
    """The person whose data it is, and the administrator who asked for it."""
    if not user.is_authenticated:
        return False
    if export.subject_id == user.pk:
        return True
    return export.requested_by_id == user.pk and can_export_for_others(user)


def can_erase(user):
    """Administrators approve or refuse erasure requests."""
    return is_administrator(user) and user.has_perm("accounts.erase_personal_data")


def can_set_retention(user):
    """Administrators set how long records are kept and read the record of processing."""
    return is_administrator(user) and user.has_perm("accounts.set_retention")
