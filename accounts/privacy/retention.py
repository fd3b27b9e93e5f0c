"""Retention: each kind of record is removed once the period an administrator set for it has
passed, by a daily task (`accounts.tasks.apply_retention`) that records what it removed.

The app that owns a kind of record removes it: `register_retention(kind, fn)` from its
extensions.py, where `fn(cutoff)` removes the records of `kind` older than `cutoff` and returns
how many it removed. Accounts removes unused accounts (pseudonymised, as on request) and old
copies of personal data."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import audit
from accounts.models import User
from accounts.privacy.erasure import PSEUDONYM_DOMAIN, erase
from accounts.privacy.models import DataExport, RetentionKind, RetentionPeriod
from core.hooks import Hook

RETENTION = Hook(
    "accounts.retention",
    "Remove the records of a kind older than a cutoff: fn(cutoff) -> how many removed.",
    keys=RetentionKind.values,
)

# Offered when an administrator first sets the periods (days).
SUGGESTED_DAYS = {
    RetentionKind.REJECTED_PROPOSALS: 5 * 365,
    RetentionKind.UNUSED_ACCOUNTS: 3 * 365,
    RetentionKind.DOCUMENT_JOBS: 14,
    RetentionKind.DATA_EXPORTS: 7,
}

AUDIT_ACTIONS = [
    ("privacy.retention_applied", _("Records past their retention period removed"), None),
]


def register_retention(kind, fn):
    return RETENTION.register(fn, key=kind)


def periods():
    """{kind: days or None} for every kind."""
    set_days = dict(RetentionPeriod.objects.values_list("kind", "days"))
    return {RetentionKind(kind): set_days.get(kind) for kind in RetentionKind.values}


def apply_retention(now=None):
    """Remove what is past its period, kind by kind (each in its own transaction, audited when it
    removed something); returns {kind: how many removed} for the kinds with a period."""
    now = now or timezone.now()
    removed = {}
    for period in RetentionPeriod.objects.filter(days__isnull=False).order_by("kind"):
        cutoff = now - timedelta(days=period.days)
        with transaction.atomic():
            count = sum(fn(cutoff) for fn in RETENTION.get(period.kind))
            if count:
                audit.record(
                    actor=None,
                    action="privacy.retention_applied",
                    obj=period,
                    data={"removed": count, "cutoff": cutoff.isoformat(), "days": period.days},
                )
        removed[period.kind] = count
    return removed


# --- what accounts removes ------------------------------------------------------------------


def remove_unused_accounts(cutoff):
    """Pseudonymise accounts nobody signed in to since `cutoff` (joined before it), other than
    staff: the records they touched stay, under the pseudonym."""
    unused = (
        User.objects.filter(is_active=True, is_staff=False, is_superuser=False)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .exclude(email__endswith="@" + PSEUDONYM_DOMAIN)
    )
    count = 0
    for user in unused:
        if erase(actor=None, subject=user, reason="retention"):
            count += 1
    return count


def remove_old_exports(cutoff):
    old = DataExport.objects.filter(created_at__lt=cutoff)
    for export in old:
        if export.file:
            export.file.delete(save=False)
    return old.delete()[0]


ACCOUNTS_RETENTION = {
    RetentionKind.UNUSED_ACCOUNTS: remove_unused_accounts,
    RetentionKind.DATA_EXPORTS: remove_old_exports,
}
