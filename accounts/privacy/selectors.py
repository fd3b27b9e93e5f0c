"""Reads of the privacy notice: the version in force and whether a person agreed to it."""

from django.core.cache import cache

from accounts.privacy.models import Consent, PrivacyNotice

# The version in force, kept in the cache so that a signed-in request asks nothing of the
# database: set when a version is published and when someone signs in; 0 when there is none.
CURRENT_VERSION_KEY = "privacy:current-version"


def current_notice():
    """The latest published version, or None before an administrator publishes one."""
    notice = PrivacyNotice.objects.order_by("-version").first()
    cache.set(CURRENT_VERSION_KEY, notice.version if notice else 0, None)
    return notice


def cached_version():
    """The version in force as the cache knows it (None when it does not know)."""
    return cache.get(CURRENT_VERSION_KEY)


def has_agreed(user, version):
    return Consent.objects.filter(user=user, notice__version=version).exists()


def notices_with_counts():
    """Every version, newest first, with how many people agreed to it."""
    from django.db.models import Count

    return PrivacyNotice.objects.select_related("published_by").annotate(agreed=Count("consents"))


def consents_of(user):
    return Consent.objects.filter(user=user).select_related("notice")


def exports_of(user):
    """The copies of `user`'s own data."""
    from accounts.privacy.models import DataExport

    return DataExport.objects.filter(subject=user).select_related("requested_by", "subject")


def exports_for_administrators():
    """Every copy asked for, newest first, with whose and by whom."""
    from accounts.privacy.models import DataExport

    return DataExport.objects.select_related("requested_by", "subject")


def erasure_requests_of(user):
    from accounts.privacy.models import ErasureRequest

    return ErasureRequest.objects.filter(subject=user).select_related("decided_by")


def erasure_requests_for_administrators():
    """Every request, the waiting ones first."""
    from django.db.models import Case, IntegerField, Value, When

    from accounts.privacy.models import ErasureRequest, ErasureState

    return ErasureRequest.objects.select_related("subject", "requested_by", "decided_by").order_by(
        Case(
            When(state=ErasureState.REQUESTED, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "-created_at",
    )


def retention_runs():
    """The audit entries of the daily task's removals and of period changes, newest first."""
    from accounts.models import AuditEntry

    return AuditEntry.objects.filter(
        action__in=("privacy.retention_applied", "privacy.retention_set")
    ).select_related("actor")
