"""How a call's projects report: the kinds of report a schedule holds, how often periodic
reports come (the call's cadence) and when the financial report is due."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgressReportKind(models.TextChoices):
    CONTRACT = "contract", _("Signed contract")
    MONTH_3 = "month_3", _("3-month progress report")
    MONTH_6 = "month_6", _("6-month progress report")
    MONTH_9 = "month_9", _("9-month progress report")
    MONTH_12 = "month_12", _("12-month progress report")
    MONTH_15 = "month_15", _("15-month progress report")
    MONTH_18 = "month_18", _("18-month progress report")
    MONTH_21 = "month_21", _("21-month progress report")
    MONTH_24 = "month_24", _("24-month progress report")
    MONTH_27 = "month_27", _("27-month progress report")
    MONTH_30 = "month_30", _("30-month progress report")
    MONTH_33 = "month_33", _("33-month progress report")
    MONTH_36 = "month_36", _("36-month progress report")
    MONTH_39 = "month_39", _("39-month progress report")
    MONTH_42 = "month_42", _("42-month progress report")
    MONTH_45 = "month_45", _("45-month progress report")
    MONTH_48 = "month_48", _("48-month progress report")
    MONTH_51 = "month_51", _("51-month progress report")
    MONTH_54 = "month_54", _("54-month progress report")
    MONTH_57 = "month_57", _("57-month progress report")
    MONTH_60 = "month_60", _("60-month progress report")
    FINAL = "final", _("Final report")

    @classmethod
    def periodic(cls):
        """The progress reports that end a number of months after the start, by that number."""
        return {
            kind: int(kind.value.removeprefix("month_"))
            for kind in cls
            if kind.value.startswith("month_")
        }


# The longest a quarterly or yearly schedule reaches: past it, the final report covers the rest.
LONGEST_SCHEDULE_MONTHS = 60


class ReportCadence(models.TextChoices):
    """How often a call's projects report on their progress, besides the final report."""

    HALF_YEARLY = (
        "half_yearly",
        _("Half-yearly: the 6- and 12-month reports the instalments wait on"),
    )
    QUARTERLY = "quarterly", _("Quarterly: a report every 3 months")
    YEARLY = "yearly", _("Yearly: a report every 12 months")

    @property
    def months(self):
        """The months between two reports; half-yearly follows the instalment plan instead."""
        return {"quarterly": 3, "yearly": 12}.get(self.value)

    def may_have(self, kind):
        """Whether a schedule of this cadence can hold a report of `kind` (the contract and the
        final report always can)."""
        months = ProgressReportKind.periodic().get(kind)
        if months is None:
            return True
        if self.months is None:
            return kind in (ProgressReportKind.MONTH_6, ProgressReportKind.MONTH_12)
        return months % self.months == 0

    def too_long(self, max_duration_months):
        """Why a call whose projects run up to `max_duration_months` cannot have this cadence,
        or "" when it can."""
        if self.months is None or not max_duration_months:
            return ""
        if max_duration_months <= LONGEST_SCHEDULE_MONTHS:
            return ""
        return _(
            "Quarterly and yearly schedules reach %(months)s months at most; shorten the "
            "longest duration or choose half-yearly reports."
        ) % {"months": LONGEST_SCHEDULE_MONTHS}


class FinancialReporting(models.TextChoices):
    """When a call's projects report their spending per budget category (รายงานการเงิน)."""

    WITH_EACH_REPORT = "each_report", _("With each progress report")
    AT_THE_END = "at_the_end", _("Only with the final report")
