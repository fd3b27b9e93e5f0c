"""What the fund page reads and previews: the approved budget grid's years, and the reports
and instalments `services.fund` will record for the dates typed, computed by the same schedule
functions (nothing is written)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from indicators.models import FiscalYear
from indicators.services import fiscal_years_between
from projects.funding import schedule
from projects.selectors import lead_partners
from proposals.models import ProgressReportKind, Proposal


@dataclass(frozen=True)
class PlannedInstalment:
    number: int
    percent: Decimal
    amount: Decimal | None
    report_kind: str  # the kind the call's plan names
    released_on: str  # the report it will wait for, or the contract

    @property
    def on_contract(self):
        return self.released_on == ProgressReportKind.CONTRACT

    @property
    def released_on_label(self):
        return ProgressReportKind(self.released_on).label

    @property
    def replaced_label(self):
        """The report the plan named, when the schedule has none of that kind."""
        if self.report_kind == self.released_on:
            return None
        return ProgressReportKind(self.report_kind).label


@dataclass(frozen=True)
class PlannedReport:
    kind: str
    period_start: object
    period_end: object
    due_on: object

    @property
    def label(self):
        return ProgressReportKind(self.kind).label


def planned_instalments(proposal, amount, scheduled_kinds):
    """The instalments `services.fund` will record for `amount`, given the kinds of report
    the schedule has (the call's plan, or one instalment of 100% on the contract)."""
    templates = list(proposal.call.instalments.all())
    percents = [template.percent for template in templates] or [Decimal(100)]
    kinds = [template.report_kind for template in templates] or [ProgressReportKind.CONTRACT]
    amounts = schedule.split_by_percent(amount, percents) if amount is not None else []
    planned = []
    for number, (percent, kind) in enumerate(zip(percents, kinds, strict=True), 1):
        waits_for = schedule.report_for_instalment(kind, scheduled_kinds)
        planned.append(
            PlannedInstalment(
                number=number,
                percent=percent,
                amount=amounts[number - 1] if amounts else None,
                report_kind=kind,
                released_on=waits_for or ProgressReportKind.CONTRACT,
            )
        )
    return planned


def award_preview(proposal, starts_on, ends_on):
    """(reports, instalments) the fund page shows for these dates, computed by the same
    functions as `services.fund`; no reports when the dates do not make a project."""
    kinds = [template.report_kind for template in proposal.call.instalments.all()]
    reports = []
    if starts_on and ends_on and ends_on > starts_on:
        reports = [
            PlannedReport(item.kind, item.period_start, item.period_end, item.due_on)
            for item in schedule.reporting_schedule(
                starts_on, ends_on, kinds, proposal.call.report_cadence
            )
        ]
    # Without a schedule yet, each instalment shows the report the call's plan names.
    scheduled = {report.kind for report in reports} or {*kinds, ProgressReportKind.FINAL}
    return reports, planned_instalments(proposal, proposal.approved_amount, scheduled)


def period_fiscal_years(proposal, starts_on, ends_on):
    """([fiscal years B.E. of the project's period], [those the programme lacks, which
    funding adds]) for the dates typed; empty when they do not make a project."""
    if not (starts_on and ends_on and ends_on > starts_on):
        return [], []
    years = fiscal_years_between(starts_on, ends_on)
    have = {year.year_be for year in proposal.call.programme.fiscal_years.all()}
    return years, [year for year in years if year not in have]


def fund_page():
    """Approved proposals with what the fund page and its rules read."""
    return Proposal.objects.select_related("call__programme", "call__fiscal_year").prefetch_related(
        "call__budget_categories",
        "call__instalments",
        "call__programme__fiscal_years",
        Prefetch("budget_lines"),
        lead_partners(),
    )


def award_years(proposal, budget):
    """The fiscal years of the approved budget grid: the programme's and any the request
    uses, in order."""
    years = {year.pk: year for year in proposal.call.programme.fiscal_years.all()}
    missing = {year_id for _category, year_id in budget} - set(years)
    if missing:
        years.update(FiscalYear.objects.in_bulk(missing))
    return sorted(years.values(), key=lambda year: year.year_be)
