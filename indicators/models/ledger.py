"""The KPI ledger: what funded projects committed and what their accepted reports delivered,
kept by `indicators` so that the roll-up reads only its own rows."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.badges import badge_colours
from indicators.models.framework import Indicator
from indicators.models.programmes import FiscalYear, Programme, Technology


@badge_colours("secondary", ON_TRACK="success", AT_RISK="warning", OFF_TRACK="danger")
class AchievementStatus(models.TextChoices):
    """How an indicator stands against its target, by the programme's thresholds."""

    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")


class LedgerStatus(models.TextChoices):
    """Whether a ledger row counts in the roll-up (withdrawn or returned rows do not)."""

    COUNTED = "counted", _("Counted")
    NOT_COUNTED = "not_counted", _("Not counted")


class LedgerRow(models.Model):
    """What commitments and results share: where, when, for what, and where it came from.

    `source` is an opaque key such as "proposals.proposal:12" so that `indicators` never
    imports the app that writes the row.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="+", verbose_name=_("programme")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("fiscal year")
    )
    municipality = models.ForeignKey(
        "accounts.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )
    technology = models.ForeignKey(
        Technology,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("technology"),
    )
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2)
    source = models.CharField(_("source"), max_length=100, db_index=True)
    source_label = models.CharField(_("source reference"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=LedgerStatus.choices, default=LedgerStatus.COUNTED
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        abstract = True


class Commitment(LedgerRow):
    """A value a funded project committed to deliver against an indicator."""

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["indicator", "fiscal_year", "pk"]
        indexes = [
            models.Index(
                fields=["indicator", "fiscal_year", "status"], name="commitment_rollup_idx"
            )
        ]

    def __str__(self):
        return f"{self.source_label or self.source}: {self.indicator.code} {self.value}"


class Result(LedgerRow):
    """A value a funded project reported against an indicator for one period, with evidence."""

    period = models.CharField(
        _("period"), max_length=20, help_text=_('e.g. "month_6", "month_12", "final".')
    )
    period_end = models.DateField(_("end of period"))
    report = models.CharField(_("report"), max_length=100, db_index=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["indicator", "period_end", "pk"]
        indexes = [
            models.Index(fields=["indicator", "fiscal_year", "status"], name="result_rollup_idx")
        ]

    def __str__(self):
        return (
            f"{self.source_label or self.source} {self.period}: {self.indicator.code} {self.value}"
        )
