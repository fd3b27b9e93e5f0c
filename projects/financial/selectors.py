"""The financial report (รายงานการเงิน) of a project: spending per budget category against the
approved budget, per fiscal year, and the unspent balance once the final report is accepted."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Sum

from indicators.models import FiscalYear
from projects.models import (
    AwardBudget,
    ProgressReport,
    ProgressReportState,
    Refund,
    RefundState,
    Spending,
)
from projects.selectors import released_total, with_released_amount
from proposals.models import ProgressReportKind, Proposal, ProposalState

ZERO = Decimal("0.00")


@dataclass
class CategoryLine:
    category: object
    approved: dict = field(default_factory=dict)  # {fiscal year B.E.: amount}
    spent: dict = field(default_factory=dict)
    cells: list = field(default_factory=list)  # [(approved, spent)] per fiscal year of the report

    @property
    def approved_total(self):
        return sum(self.approved.values(), ZERO)

    @property
    def spent_total(self):
        return sum(self.spent.values(), ZERO)

    @property
    def remaining(self):
        return self.approved_total - self.spent_total


@dataclass
class RefundStanding:
    """Where the project stands with its unspent balance: what was paid (the instalments
    released), what accepted reports spent, and the refund once recorded."""

    paid: Decimal
    spent: Decimal
    final_accepted: bool
    refund: Refund | None

    @property
    def balance(self):
        """What was paid and not spent (never below zero: spending beyond the payments is the
        team's to carry)."""
        return max(self.paid - self.spent, ZERO)

    @property
    def settled(self):
        """Whether the project may close as far as its balance goes."""
        return self.state in RefundState.settled()

    @property
    def state(self):
        if self.refund is not None:
            return RefundState.RECORDED
        if not self.final_accepted:
            return RefundState.AWAITING_FINAL_REPORT
        return RefundState.OWED if self.balance > 0 else RefundState.NOTHING_OWED


@dataclass
class FinancialReport:
    years: list
    lines: list
    standing: RefundStanding

    @property
    def approved_total(self):
        return sum((line.approved_total for line in self.lines), ZERO)

    @property
    def spent_total(self):
        return sum((line.spent_total for line in self.lines), ZERO)

    @property
    def remaining(self):
        return self.approved_total - self.spent_total

    @property
    def year_totals(self):
        """[(fiscal year, approved, spent)] over every category."""
        return [
            (
                year,
                sum((line.approved.get(year, ZERO) for line in self.lines), ZERO),
                sum((line.spent.get(year, ZERO) for line in self.lines), ZERO),
            )
            for year in self.years
        ]


def final_report_accepted(proposal):
    return ProgressReport.objects.filter(
        proposal=proposal, kind=ProgressReportKind.FINAL, state=ProgressReportState.ACCEPTED
    ).exists()


def project_refund(proposal):
    """The refund of `proposal`, or None. One query, none when fetched with it."""
    if type(proposal).refund.is_cached(proposal):
        return getattr(proposal, "refund", None)
    return Refund.objects.filter(proposal=proposal).select_related("recorded_by").first()


def refund_standing(proposal):
    """The project's `RefundStanding`; four queries."""
    spent = Spending.objects.filter(
        report__proposal=proposal, report__state=ProgressReportState.ACCEPTED
    ).aggregate(total=Sum("amount"))["total"]
    return RefundStanding(
        paid=released_total(proposal),
        spent=spent or ZERO,
        final_accepted=final_report_accepted(proposal),
        refund=project_refund(proposal),
    )


def financial_page():
    """Funded projects with what the financial report page and its permission rules read:
    `released_amount` (what was paid), `final_accepted` and the refund come with the row."""
    final_accepted = ProgressReport.objects.filter(
        proposal=OuterRef("pk"), kind=ProgressReportKind.FINAL, state=ProgressReportState.ACCEPTED
    )
    projects = (
        Proposal.objects.filter(state__in=ProposalState.funded())
        .select_related("call__programme", "lead", "award", "refund__recorded_by")
        .prefetch_related("team")
        .annotate(final_accepted=Exists(final_accepted))
    )
    return with_released_amount(projects)


def financial_report(proposal):
    """The financial report of a project of `financial_page()`: approved and spent per
    category and fiscal year (a report's spending counts in the fiscal year its period ends in;
    only accepted reports count), what was paid (the instalments released) and the refund.
    Two queries."""
    budget = AwardBudget.objects.filter(award__proposal=proposal).select_related(
        "category", "fiscal_year"
    )
    lines = {}
    for row in budget:
        line = lines.setdefault(row.category_id, CategoryLine(row.category))
        year = row.fiscal_year.year_be
        line.approved[year] = line.approved.get(year, ZERO) + row.amount
    spent = (
        Spending.objects.filter(
            report__proposal=proposal, report__state=ProgressReportState.ACCEPTED
        )
        .values("category", "report__period_end")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in spent:
        line = lines.get(row["category"])
        if line is None:  # a category spent on without an approved line (never in practice)
            continue
        year = FiscalYear.year_be_of(row["report__period_end"])
        line.spent[year] = line.spent.get(year, ZERO) + row["total"]
    years = sorted({year for line in lines.values() for year in (*line.approved, *line.spent)})
    ordered = sorted(lines.values(), key=lambda line: (line.category.position, line.category.pk))
    for line in ordered:
        line.cells = [(line.approved.get(y, ZERO), line.spent.get(y, ZERO)) for y in years]
    standing = RefundStanding(
        paid=proposal.released_amount,
        spent=sum((line.spent_total for line in ordered), ZERO),
        final_accepted=proposal.final_accepted,
        refund=getattr(proposal, "refund", None),
    )
    return FinancialReport(years=years, lines=ordered, standing=standing)


def standing_for_page(proposal, *, reports, paid, spent):
    """The `RefundStanding` of the project page from what the page already read (its reports,
    the released total and the accepted spending): one query, for the refund."""
    final_accepted = any(
        report.kind == ProgressReportKind.FINAL and report.state == ProgressReportState.ACCEPTED
        for report in reports
    )
    return RefundStanding(
        paid=paid, spent=spent, final_accepted=final_accepted, refund=project_refund(proposal)
    )
