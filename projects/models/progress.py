"""Progress reports (draft → submitted → accepted | returned) and what they hold: progress per
activity, spending per category, indicator results with evidence, delivered outputs."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition

from accounts.models import Municipality
from core.badges import badge_colours
from indicators.models import Indicator, OutputType
from proposals.models.calls import BudgetCategory, FinancialReporting, ProgressReportKind
from proposals.models.parts import MONEY, Activity
from proposals.models.proposal import Proposal


@badge_colours("secondary", SUBMITTED="info", ACCEPTED="success", RETURNED="warning")
class ProgressReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    # A report is handed in and accepted by an officer; a proposal is lodged (ยื่น) and an
    # invitation accepted by its guest (ตอบรับ): the same English words, other Thai ones.
    SUBMITTED = "submitted", pgettext_lazy("progress report state", "Submitted")
    ACCEPTED = "accepted", pgettext_lazy("progress report state", "Accepted")
    RETURNED = "returned", _("Returned for changes")

    @classmethod
    def editable(cls):
        """The team edits the report only in these states."""
        return (cls.DRAFT, cls.RETURNED)


class ProgressReport(models.Model):
    """One report of the project's reporting schedule (6-month, 12-month, final…)."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="reports", verbose_name=_("project")
    )
    kind = models.CharField(_("report"), max_length=20, choices=ProgressReportKind.choices)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_on = models.DateField(_("due on"))
    state = FSMField(
        _("state"),
        default=ProgressReportState.DRAFT,
        choices=ProgressReportState.choices,
        protected=True,
    )
    narrative = models.TextField(_("progress narrative"), blank=True)
    problems = models.TextField(_("problems and solutions"), blank=True)
    # Bumped by every save of the narrative: a save carrying an older number is refused.
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_comment = models.TextField(_("officer's comment"), blank=True)
    # A report is submitted once its period has ended, or earlier when a funding officer has
    # recorded why (e.g. the project ends early, or the funder needs the figures sooner).
    early_reason = models.TextField(_("why it may be submitted before its period ends"), blank=True)
    early_allowed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    early_allowed_at = models.DateTimeField(_("early submission allowed at"), null=True, blank=True)
    reminded_before_on = models.DateField(null=True, blank=True, editable=False)
    reminded_overdue_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["proposal", "period_end", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "kind"], name="unique_report_kind"),
        ]
        permissions = [("accept_progressreport", _("Can accept or return progress reports"))]

    def __str__(self):
        return f"{self.proposal} · {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("projects:progress_detail", args=[self.pk])

    @property
    def is_editable(self):
        return self.state in ProgressReportState.editable()

    @property
    def asks_spending(self):
        """Whether the report has a financial part: every report, or only the final one when
        the call asks for the financial report at the end."""
        return (
            self.kind == ProgressReportKind.FINAL
            or self.proposal.call.financial_reporting == FinancialReporting.WITH_EACH_REPORT
        )

    @property
    def opens_on(self):
        """The first day the report may be submitted: the day after its period ends."""
        return self.period_end + datetime.timedelta(days=1)

    def period_ended(self, today=None):
        """Whether the report's period is over (its last day has passed)."""
        return (today or timezone.localdate()) > self.period_end

    @property
    def early_allowed(self):
        return self.early_allowed_at is not None

    def may_be_submitted(self, today=None):
        """Once its period has ended, or earlier when an officer recorded why."""
        return self.period_ended(today) or self.early_allowed

    @property
    def ledger_key(self):
        """How the KPI ledger of `indicators` names this report."""
        return f"projects.progressreport:{self.pk}"

    @transition(
        field=state,
        source=[ProgressReportState.DRAFT, ProgressReportState.RETURNED],
        target=ProgressReportState.SUBMITTED,
    )
    def submit(self):
        pass

    @transition(
        field=state, source=ProgressReportState.SUBMITTED, target=ProgressReportState.ACCEPTED
    )
    def accept(self):
        pass

    @transition(
        field=state, source=ProgressReportState.SUBMITTED, target=ProgressReportState.RETURNED
    )
    def return_to_team(self):
        pass


class ActivityProgress(models.Model):
    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.CASCADE,
        related_name="activity_progress",
        verbose_name=_("report"),
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="+", verbose_name=_("activity")
    )
    percent = models.DecimalField(
        _("progress (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("activity progress")
        verbose_name_plural = _("activity progress")
        ordering = ["report", "activity__position", "activity_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "activity"], name="unique_activity_progress")
        ]

    def __str__(self):
        return f"{self.activity}: {self.percent}%"


class Spending(models.Model):
    """What the project spent in one budget category during the report's period."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="spending", verbose_name=_("report")
    )
    category = models.ForeignKey(
        BudgetCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    amount = models.DecimalField(_("spent (baht)"), validators=[MinValueValidator(0)], **MONEY)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        ordering = ["report", "category__position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "category"], name="unique_report_spending")
        ]

    def __str__(self):
        return f"{self.category}: {self.amount}"


class IndicatorResult(models.Model):
    """A value the project reports against an indicator it committed to, for the period."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="results", verbose_name=_("report")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    value = models.DecimalField(_("value for the period"), max_digits=18, decimal_places=2)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("indicator result")
        verbose_name_plural = _("indicator results")
        ordering = ["report", "indicator__code", "municipality__name_th", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator", "municipality"], name="unique_report_result"
            ),
            models.UniqueConstraint(
                fields=["report", "indicator"],
                condition=models.Q(municipality__isnull=True),
                name="unique_report_result_without_municipality",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code}: {self.value}"


def evidence_path(instance, filename):
    return f"projects/{instance.result.report.proposal_id}/evidence/{filename}"


class ResultEvidence(models.Model):
    """A file that proves a reported result (photo, minutes, screenshot, dataset…)."""

    result = models.ForeignKey(
        IndicatorResult,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("result"),
    )
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["result", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class DeliveredOutput(models.Model):
    """An output the project delivered during the report's period."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="outputs", verbose_name=_("report")
    )
    output_type = models.ForeignKey(
        OutputType, on_delete=models.PROTECT, related_name="+", verbose_name=_("output type")
    )
    description = models.CharField(_("description"), max_length=500)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    link = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("delivered output")
        verbose_name_plural = _("delivered outputs")
        ordering = ["report", "pk"]

    def __str__(self):
        return self.description
