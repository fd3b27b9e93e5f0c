"""Erasure by pseudonymisation: a person's name, email, phone and organisation are replaced by a
pseudonym, everywhere the apps copied them, while every row that refers to the person stays.
The audit log, the financial records and the programme's results keep their entries and sums;
they now name "Erased person #N". Files that no longer need keeping are deleted, and the account
can no longer sign in.

Each app that copies a person's details, or keeps files only for them, registers
`register_erasure(fn)` from its extensions.py; `fn(user, old_email)` runs inside the erasure's
transaction, after the account itself is pseudonymised, and returns how many rows or files it
changed (for the audit entry)."""

from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from accounts import audit
from accounts.models import AuditEntry, Invitation, Notification, User
from accounts.privacy.models import DataExport
from core.hooks import Hook

ERASURE = Hook(
    "accounts.erasure",
    "Pseudonymise what an app copied of a person, inside the erasure: fn(user, old_email) -> "
    "{what: count}.",
)

PSEUDONYM_DOMAIN = "erased.invalid"


def register_erasure(fn):
    return ERASURE.register(fn)


def pseudonym_email(user):
    return f"erased-{user.pk}@{PSEUDONYM_DOMAIN}"


def is_erased(user):
    return user.email.endswith("@" + PSEUDONYM_DOMAIN)


def pseudonymise(user):
    """Replace `user`'s personal details here and in every app; returns {what: count}. Call it
    inside a transaction, with the user's row locked."""
    old_email = user.email
    user.email = pseudonym_email(user)
    user.full_name_th = f"ผู้ใช้ที่ถูกลบ #{user.pk}"
    user.full_name_en = f"Erased person #{user.pk}"
    for name in ("honorific_th", "honorific_en", "organisation", "phone", "expertise_keywords"):
        setattr(user, name, "")
    # The organisation's record stays (it names no one); the person is no longer linked to it.
    user.organisation_record = None
    user.is_active = False
    user.set_unusable_password()
    user.save()
    counts = {
        "email_addresses": EmailAddress.objects.filter(user=user).delete()[0],
        "notifications": Notification.objects.filter(recipient=user).delete()[0],
        "invitations": Invitation.objects.filter(email__iexact=old_email).update(email=user.email),
    }
    # The audit log keeps every entry; what it copied of the person now reads as the pseudonym.
    about = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
    )
    counts["audit_entries"] = about.update(object_repr=str(user)[:255])
    for entry in AuditEntry.objects.filter(data__email=old_email):
        entry.data["email"] = user.email
        entry.save(update_fields=["data"])
        counts["audit_entries"] += 1
    exports = list(DataExport.objects.filter(subject=user))
    for export in exports:
        if export.file:
            export.file.delete(save=False)
    counts["exports"] = DataExport.objects.filter(subject=user).delete()[0]
    for fn in ERASURE:
        counts.update(fn(user, old_email))
    return counts


def erase(*, actor, subject, reason):
    """Pseudonymise `subject` (an approved request, or the retention period passed)."""
    with transaction.atomic():
        subject = User.objects.select_for_update().get(pk=subject.pk)
        if is_erased(subject):
            return {}
        counts = pseudonymise(subject)
        audit.record(
            actor=actor,
            action="privacy.erased",
            obj=subject,
            comment=reason,
            data={key: value for key, value in counts.items() if value},
        )
    return counts
