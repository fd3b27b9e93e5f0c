"""The arithmetic of an award: instalment amounts, the approved budget grid, the reporting
schedule. Pure functions, so that the fund page can preview what the service will record."""

import calendar
import datetime
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.conf import settings

from core.numbers import CENT
from indicators.models import FiscalYear
from proposals.models import ProgressReportKind, ReportCadence

HUNDRED = Decimal(100)

# Months after the start at which a periodic report's period ends; the final report ends with
# the project.
REPORT_MONTHS = ProgressReportKind.periodic()
HALF_YEARLY_KINDS = (ProgressReportKind.MONTH_6, ProgressReportKind.MONTH_12)


def split_by_percent(total, percents):
    """Amounts of `total` by `percents` (which add up to 100), rounded to satang so that they
    add up exactly to `total`: each share is rounded half up and the last absorbs the
    difference (at most a few satang)."""
    if not percents:
        return []
    amounts = [(total * Decimal(p) / HUNDRED).quantize(CENT, ROUND_HALF_UP) for p in percents]
    amounts[-1] += total - sum(amounts)
    return amounts


def scale_to_total(requested, total):
    """Scale `requested` ({key: amount}) so that it adds up exactly to `total`, by the largest
    remainder: each cell is cut down to the satang, then the satang left over go one by one to
    the cells that lost the most. Cells keep their order; a request of zero stays zero."""
    asked = sum(requested.values(), Decimal(0))
    if asked <= 0:
        return dict.fromkeys(requested, Decimal("0.00"))
    exact = {key: value * total / asked for key, value in requested.items()}
    scaled = {key: value.quantize(CENT, ROUND_DOWN) for key, value in exact.items()}
    left = int(((total - sum(scaled.values())) / CENT).to_integral_value(ROUND_HALF_UP))
    by_loss = sorted(exact, key=lambda key: exact[key] - scaled[key], reverse=True)
    for key in by_loss[:left]:
        scaled[key] += CENT
    return scaled


def add_months(day, months):
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def project_end(starts_on, duration_months):
    """The last day of a project of `duration_months` that starts on `starts_on`."""
    return add_months(starts_on, duration_months) - datetime.timedelta(days=1)


@dataclass(frozen=True)
class ScheduledReport:
    kind: str
    period_start: datetime.date
    period_end: datetime.date
    due_on: datetime.date

    @property
    def fiscal_year_be(self):
        """The Thai fiscal year (1 October – 30 September) in which the period ends, the year
        its spending counts in."""
        return FiscalYear.year_be_of(self.period_end)


def periodic_kinds(cadence, instalment_kinds):
    """The periodic reports a call's schedule may have: every 3 or 12 months for a quarterly or
    yearly call; for a half-yearly one (the schedule calls had before they could choose) the
    6- and 12-month reports its instalments wait on."""
    months = ReportCadence(cadence).months
    if months is None:
        return {kind for kind in instalment_kinds if kind in HALF_YEARLY_KINDS}
    return {kind for kind, after in REPORT_MONTHS.items() if after % months == 0}


def reporting_schedule(starts_on, ends_on, kinds, cadence=ReportCadence.HALF_YEARLY):
    """The reports of a project: the periodic ones of the call's `cadence` (`kinds` are the
    reports its instalments wait on) that end before the project does, then the final report,
    each period starting the day after the previous one ended and due `PROJECT_REPORT_DUE_DAYS`
    after its end. A periodic report that would end on or after the project's end is left out
    (the final report covers it), so every schedule ends with the final report."""
    due_after = datetime.timedelta(days=settings.PROJECT_REPORT_DUE_DAYS)
    ends = []
    for kind in sorted(periodic_kinds(cadence, kinds), key=REPORT_MONTHS.get):
        end = add_months(starts_on, REPORT_MONTHS[kind]) - datetime.timedelta(days=1)
        if end < ends_on:
            ends.append((kind, end))
    ends.append((ProgressReportKind.FINAL, ends_on))
    schedule, start = [], starts_on
    for kind, end in ends:
        schedule.append(ScheduledReport(kind, start, end, end + due_after))
        start = end + datetime.timedelta(days=1)
    return schedule


def report_for_instalment(report_kind, scheduled_kinds):
    """The report an instalment waits for: its own kind when scheduled, the final report when
    that periodic report was left out, none for the instalment paid on the contract."""
    if report_kind == ProgressReportKind.CONTRACT:
        return None
    return report_kind if report_kind in scheduled_kinds else ProgressReportKind.FINAL
