"""The approved budget and the financial report of funded projects, added to the budget
workbooks: what the project may spend now (the award's budget, after approved change
requests), what accepted reports spent, per category and fiscal year, and the refund of the
unspent balance. A fixed number of queries whatever the number of projects."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from projects.financial.selectors import financial_page, financial_report
from projects.models import AwardBudget, ProgressReportState, Spending
from reports.excel.writer import DATE, MONEY, Column, Formula

ZERO = Decimal("0")


def _sum(first_index, count, values):
    """SUM over `count` cells of the row from column `first_index` (0-based)."""
    if not count:
        return ZERO
    first, last = get_column_letter(first_index + 1), get_column_letter(first_index + count)
    return Formula(f"=SUM({first}{{row}}:{last}{{row}})", value=sum(values, ZERO))


def _year_columns(years, label):
    return [Column(label % {"year": year}, MONEY, width=16, total=True) for year in years]


def project_financial_sheets(book, proposal):
    """A funded project: its financial report (approved and spent per category and fiscal
    year) and its summary (dates after extensions, paid, spent, balance, refund). Nothing for
    a proposal that was not funded."""
    project = financial_page().filter(pk=proposal.pk).first()
    if project is None:
        return
    report = financial_report(project)
    years, count = report.years, len(report.years)
    columns = [
        Column(_("Category"), width=30),
        *_year_columns(years, _("Approved FY %(year)s")),
        Column(_("Approved"), MONEY, width=16, total=True),
        *_year_columns(years, _("Spent FY %(year)s")),
        Column(_("Spent"), MONEY, width=16, total=True),
        Column(_("Remaining"), MONEY, width=16, total=True),
    ]
    approved_total, spent_total = get_column_letter(count + 2), get_column_letter(2 * count + 3)
    rows = []
    for line in report.lines:
        approved = [cell[0] for cell in line.cells]
        spent = [cell[1] for cell in line.cells]
        rows.append(
            [
                line.category.name,
                *approved,
                _sum(1, count, approved),
                *spent,
                _sum(count + 2, count, spent),
                Formula(f"={approved_total}{{row}}-{spent_total}{{row}}", value=line.remaining),
            ]
        )
    book.add_sheet(_("Financial report"), columns, rows, totals=True)
    award, standing = project.award, report.standing
    refund = standing.refund
    summary = [
        [_("Contract"), award.contract_number, None, None],
        [_("Starts on"), None, award.starts_on, None],
        [_("Ends on"), None, award.ends_on, None],
        [_("Approved budget"), None, None, award.amount],
        [_("Paid (instalments released)"), None, None, standing.paid],
        [_("Spent (accepted reports)"), None, None, standing.spent],
        [_("Unspent balance"), None, None, standing.balance],
        [_("Refund"), str(standing.state.label), None, refund.amount if refund else None],
        [_("Refund date"), None, refund.refunded_on if refund else None, None],
        [_("Refund reference"), refund.reference if refund else "", None, None],
    ]
    summary_columns = [
        Column(_("Item"), width=30),
        Column(_("Text"), width=24),
        Column(_("Date"), DATE, width=14),
        Column(_("Amount"), MONEY, width=16),
    ]
    book.add_sheet(_("Financial summary"), summary_columns, summary)


def call_approved_sheet(book, proposals):
    """The call's funded projects: one row per project × category, the approved budget of
    each fiscal year (after approved changes), its total, and what accepted reports spent.
    Two queries."""
    cells = (
        AwardBudget.objects.filter(award__proposal__in=proposals.values("pk"))
        .select_related("award__proposal", "category", "fiscal_year")
        .order_by("award__proposal__reference", "category__position", "category__code")
    )
    spent = defaultdict(lambda: ZERO)
    for row in (
        Spending.objects.filter(
            report__proposal__in=proposals.values("pk"),
            report__state=ProgressReportState.ACCEPTED,
        )
        .values("report__proposal", "category")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        spent[(row["report__proposal"], row["category"])] += row["total"]
    grid, heads = {}, {}
    for cell in cells:
        key = (cell.award.proposal_id, cell.category_id)
        heads[key] = (cell.award.proposal, cell.category)
        grid.setdefault(key, {})[cell.fiscal_year.year_be] = cell.amount
    years = sorted({year for amounts in grid.values() for year in amounts})
    columns = [
        Column(_("Reference"), width=16),
        Column(_("Code"), width=16),
        Column(_("Category"), width=28),
        *_year_columns(years, _("Approved FY %(year)s")),
        Column(_("Approved"), MONEY, width=16, total=True),
        Column(_("Spent"), MONEY, width=16, total=True),
    ]
    rows = []
    for key, (proposal, category) in heads.items():
        amounts = [grid[key].get(year, ZERO) for year in years]
        rows.append(
            [
                proposal.reference,
                category.code,
                category.name,
                *amounts,
                _sum(3, len(years), amounts),
                spent[key],
            ]
        )
    book.add_sheet(_("Approved budget"), columns, rows, totals=True)
