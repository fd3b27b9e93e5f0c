"""A report job: a document built in the background for one person, and the file it made."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.badges import badge_colours


@badge_colours("danger", QUEUED="secondary", RUNNING="primary", DONE="success")
class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being built")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")

    @classmethod
    def pending(cls):
        """The job is still on its way: the page keeps polling."""
        return (cls.QUEUED, cls.RUNNING)


class Failure(models.TextChoices):
    """Why a job failed; the page says it in the reader's language, with `error` after it."""

    ERROR = "error", _("An error stopped the build:")
    TIMEOUT = "timeout", _("Building the document took too long and was stopped.")
    STOPPED = "stopped", _("The worker building the document stopped before it finished.")
    NOT_STARTED = "not_started", _("No worker took the job up in time.")
    NOT_QUEUED = "not_queued", _("The job could not be handed to a worker.")
    REFUSED = "refused", _("You may no longer have this document.")
    GONE = "gone", _("The document or what it is about no longer exists.")


def job_file_path(job, filename):
    return f"reports/jobs/{job.pk}/{filename}"


class ReportJob(models.Model):
    """One request for a document that takes more than a moment. Its state moves only through
    reports.services (queued → running → done | failed), each step a guarded UPDATE, so that
    a job is never both finished and failed."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_jobs",
        verbose_name=_("requested by"),
    )
    kind = models.CharField(_("document"), max_length=60)
    format = models.CharField(_("format"), max_length=10)
    scope = models.CharField(_("about"), max_length=20)
    subject = models.CharField(_("subject key"), max_length=100)
    subject_label = models.CharField(_("subject"), max_length=255, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="th")
    state = models.CharField(
        _("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    failure = models.CharField(_("failure"), max_length=20, choices=Failure.choices, blank=True)
    error = models.TextField(_("error details"), blank=True)
    file = models.FileField(_("file"), upload_to=job_file_path, max_length=300, blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="report_job_owner_idx"),
            models.Index(fields=["state", "heartbeat_at"], name="report_job_state_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="report_job_progress_at_most_100"
            ),
        ]

    def __str__(self):
        return f"{self.kind}.{self.format} {self.subject} #{self.pk}"

    def get_absolute_url(self):
        return reverse("reports:job", args=[self.pk])

    @property
    def is_pending(self):
        return self.state in JobState.pending()

    @property
    def message(self):
        """Why the job failed, in the reader's language, with the details the build gave."""
        if self.state != JobState.FAILED:
            return ""
        reason = str(Failure(self.failure).label) if self.failure else ""
        return " ".join(part for part in (reason, self.error) if part)
