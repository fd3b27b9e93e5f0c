"""The privacy notice (PDPA B.E. 2562, sections 19 and 23) in its versions, and what each person
agreed to: one row per person and version, so that a new version asks again."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.thai import bilingual


class PrivacyNotice(models.Model):
    """One published version of the notice, in Thai and English; versions are never edited,
    an administrator publishes a new one."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    text_th = models.TextField(_("notice (Thai)"))
    text_en = models.TextField(_("notice (English)"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        app_label = "accounts"
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        ordering = ["-version"]

    def __str__(self):
        return _("Privacy notice, version %(version)s") % {"version": self.version}

    text = bilingual("text")


class ConsentContext(models.TextChoices):
    """Where the person read the notice and agreed."""

    SIGN_UP = "sign_up", _("At sign-up")
    INVITATION = "invitation", _("On accepting an invitation")
    TEAM_INVITATION = "team_invitation", _("On accepting a team invitation")
    NEW_VERSION = "new_version", _("When a new version was published")


class Consent(models.Model):
    """A person read version N of the notice and agreed to the processing it describes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("person"),
    )
    notice = models.ForeignKey(
        PrivacyNotice,
        on_delete=models.PROTECT,
        related_name="consents",
        verbose_name=_("notice"),
    )
    given_at = models.DateTimeField(_("agreed at"), default=timezone.now)
    context = models.CharField(_("where"), max_length=20, choices=ConsentContext.choices)

    class Meta:
        app_label = "accounts"
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "notice"], name="consent_once_per_version")
        ]

    def __str__(self):
        return f"{self.user} — v{self.notice.version}"


class ExportState(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being built")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


def export_path(export, filename):
    return f"privacy/exports/{export.subject_id}/{filename}"


class DataExport(models.Model):
    """A copy of everything the system holds about one person (PDPA sections 30 and 31), asked
    for by the person or by an administrator on their behalf, built in the background as a ZIP
    of JSON files and the person's own files."""

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="data_exports",
        verbose_name=_("whose data"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked for by"),
    )
    reason = models.TextField(_("request"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ExportState.choices, default=ExportState.QUEUED
    )
    created_at = models.DateTimeField(_("asked for at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=export_path, max_length=300, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        app_label = "accounts"
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")
        ordering = ["-created_at", "-id"]
        permissions = [("export_personal_data", _("Can export anyone's personal data"))]

    def __str__(self):
        return _("Personal data of %(person)s") % {"person": self.subject}


class ErasureState(models.TextChoices):
    REQUESTED = "requested", _("Waiting for an administrator")
    DONE = "done", _("Erased")
    REFUSED = "refused", _("Refused")


class ErasureRequest(models.Model):
    """A request to erase a person's data (PDPA section 33), answered by an administrator:
    approved, the person is pseudonymised at once; refused, with the reason the law allows."""

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="erasure_requests",
        verbose_name=_("whose data"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked for by"),
    )
    reason = models.TextField(_("request"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ErasureState.choices, default=ErasureState.REQUESTED
    )
    created_at = models.DateTimeField(_("asked for at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)

    class Meta:
        app_label = "accounts"
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-created_at", "-id"]
        permissions = [("erase_personal_data", _("Can erase a person's personal data"))]

    def __str__(self):
        return _("Erasure of the data of %(person)s") % {"person": self.subject}


class RetentionKind(models.TextChoices):
    """Kinds of records removed once their period has passed."""

    REJECTED_PROPOSALS = "rejected_proposals", _("Rejected and withdrawn proposals, their reviews")
    UNUSED_ACCOUNTS = "unused_accounts", _("Accounts not used (pseudonymised)")
    DOCUMENT_JOBS = "document_jobs", _("Documents built on request")
    DATA_EXPORTS = "data_exports", _("Copies of personal data")


class RetentionPeriod(models.Model):
    """How long a kind of record is kept, set by an administrator; no row, or no days, keeps
    it for ever."""

    kind = models.CharField(_("records"), max_length=30, choices=RetentionKind.choices, unique=True)
    days = models.PositiveIntegerField(_("kept for (days)"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        app_label = "accounts"
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        ordering = ["kind"]
        permissions = [("set_retention", _("Can set retention periods"))]

    def __str__(self):
        return self.get_kind_display()
