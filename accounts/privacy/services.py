"""Writes of the privacy notice: publishing a version and recording a person's agreement."""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from accounts.privacy import rules
from accounts.privacy.erasure import erase, is_erased
from accounts.privacy.models import (
    Consent,
    ConsentContext,
    DataExport,
    ErasureRequest,
    ErasureState,
    PrivacyNotice,
    RetentionPeriod,
)
from accounts.privacy.selectors import CURRENT_VERSION_KEY
from accounts.tasks import build_personal_data_export

AUDIT_ACTIONS = [
    ("privacy_notice.published", gettext_lazy("Privacy notice published"), None),
    ("privacy.agreed", gettext_lazy("Agreed to the privacy notice"), None),
    ("privacy.export_requested", gettext_lazy("Copy of personal data asked for"), None),
    ("privacy.export_built", gettext_lazy("Copy of personal data built"), None),
    ("privacy.export_downloaded", gettext_lazy("Copy of personal data downloaded"), None),
    ("privacy.erasure_requested", gettext_lazy("Erasure of personal data asked for"), None),
    ("privacy.erasure_refused", gettext_lazy("Erasure of personal data refused"), None),
    ("privacy.erased", gettext_lazy("Personal data erased (pseudonymised)"), None),
    ("privacy.retention_set", gettext_lazy("Retention period set"), None),
]


class ErasureError(ValidationError):
    pass


@transaction.atomic
def publish_notice(*, actor, text_th, text_en):
    """Publish the next version of the notice; everyone is asked to agree to it again."""
    if not rules.can_publish_notice(actor):
        raise PermissionDenied
    # Lock the versions so that two administrators saving at once get versions N and N+1.
    list(PrivacyNotice.objects.select_for_update().values_list("pk", flat=True))
    latest = PrivacyNotice.objects.aggregate(latest=Max("version"))["latest"] or 0
    notice = PrivacyNotice.objects.create(
        version=latest + 1,
        text_th=text_th.strip(),
        text_en=text_en.strip(),
        published_by=actor,
        published_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action="privacy_notice.published",
        obj=notice,
        data={"version": notice.version},
    )
    transaction.on_commit(lambda: cache.set(CURRENT_VERSION_KEY, notice.version, None))
    return notice


def record_consent(*, user, notice, context):
    """Record that `user` agreed to `notice` (once per version; agreeing again changes
    nothing). Runs inside the caller's transaction when there is one."""
    context = ConsentContext(context)
    with transaction.atomic():
        if Consent.objects.filter(user=user, notice=notice).exists():
            return None
        try:
            with transaction.atomic():
                consent = Consent.objects.create(user=user, notice=notice, context=context)
        except IntegrityError:  # the same person agreed in another tab at the same moment
            return None
        audit.record(
            actor=user,
            action="privacy.agreed",
            obj=user,
            data={"version": notice.version, "context": context.value},
        )
    return consent


@transaction.atomic
def request_export(*, actor, subject, reason=""):
    """Ask for a copy of `subject`'s data (their own, or anyone's for an administrator); the
    archive is built in the background once the request is committed."""
    if actor.pk != subject.pk and not rules.can_export_for_others(actor):
        raise PermissionDenied
    export = DataExport.objects.create(subject=subject, requested_by=actor, reason=reason.strip())
    audit.record(
        actor=actor,
        action="privacy.export_requested",
        obj=subject,
        comment=export.reason,
        data={"export": export.pk, "for_self": actor.pk == subject.pk},
    )
    transaction.on_commit(lambda: build_personal_data_export.delay(export.pk))
    return export


@transaction.atomic
def record_download(*, actor, export):
    """Audit each download of a copy of personal data."""
    if not rules.can_download_export(actor, export):
        raise PermissionDenied
    audit.record(
        actor=actor,
        action="privacy.export_downloaded",
        obj=export.subject,
        data={"export": export.pk},
    )


@transaction.atomic
def request_erasure(*, actor, subject, reason=""):
    """A person asks for their data to be erased (or an administrator records such a request
    made in writing); an administrator answers it."""
    if actor.pk != subject.pk and not rules.can_erase(actor):
        raise PermissionDenied
    if is_erased(subject):
        raise ErasureError(_("This person's data has already been erased."))
    if ErasureRequest.objects.filter(subject=subject, state=ErasureState.REQUESTED).exists():
        raise ErasureError(_("A request to erase this person's data is already waiting."))
    request = ErasureRequest.objects.create(
        subject=subject, requested_by=actor, reason=reason.strip()
    )
    audit.record(
        actor=actor,
        action="privacy.erasure_requested",
        obj=subject,
        comment=request.reason,
        data={"request": request.pk},
    )
    return request


@transaction.atomic
def answer_erasure(*, actor, request, approve, answer=""):
    """Approve (the person is pseudonymised now) or refuse (with the reason) a request."""
    if not rules.can_erase(actor):
        raise PermissionDenied
    request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != ErasureState.REQUESTED:
        raise ErasureError(_("This request has already been answered."))
    answer = answer.strip()
    if not approve and not answer:
        raise ErasureError(_("Say why the request is refused: the person is told."))
    if approve and request.subject_id == actor.pk:
        raise ErasureError(_("Another administrator must approve the erasure of your own data."))
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.answer = answer
    if approve:
        erase(actor=actor, subject=request.subject, reason=f"request {request.pk}")
        request.state = ErasureState.DONE
    else:
        request.state = ErasureState.REFUSED
        audit.record(
            actor=actor,
            action="privacy.erasure_refused",
            obj=request.subject,
            comment=answer,
            data={"request": request.pk},
        )
    request.save(update_fields=["state", "decided_by", "decided_at", "answer"])
    return request


@transaction.atomic
def set_retention(*, actor, days_by_kind):
    """Set how long each kind of record is kept (None: for ever); audits each change."""
    if not rules.can_set_retention(actor):
        raise PermissionDenied
    for kind, days in days_by_kind.items():
        period, _created = RetentionPeriod.objects.select_for_update().get_or_create(kind=kind)
        if period.days == days and not _created:
            continue
        before = period.days
        period.days = days
        period.updated_by = actor
        period.updated_at = timezone.now()
        period.save()
        audit.record(
            actor=actor,
            action="privacy.retention_set",
            obj=period,
            data={"before": before, "after": days},
        )
