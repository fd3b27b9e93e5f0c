"""Budget summaries as workbooks: category × fiscal year, for one proposal or a whole call;
for funded projects also the approved budget after approved changes and the financial report
(`financial.py`).

The figures are those of `proposals.editing.budget.budget_summary`, the arithmetic of the
budget page and the completeness check; a call's summaries come from one aggregation query
for all its proposals (`budget_matrices`). Totals are formulas: a row's total sums its fiscal
years, the totals row sums each column, and the call's category sheet sums the detail sheet
with SUMIFS, so the file stays right when someone changes a figure in it.
"""

from decimal import Decimal

from django.db.models import prefetch_related_objects
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from core.numbers import number
from proposals.editing.budget import budget_matrices, budget_summary
from proposals.lifecycle import selectors
from proposals.models import BudgetLine, ProposalState
from reports.documents import XLSX, Output, no_progress
from reports.excel import financial
from reports.excel.rules import reader
from reports.excel.writer import MONEY, NUMBER, PERCENT, YEAR, Book, Column, Formula, Written
from reports.excel.writer import sheet_title as excel_sheet_title

ZERO = Decimal("0")
HUNDRED = Decimal("100")


def _year_columns(years):
    return [
        Column(_("FY %(year)s") % {"year": year}, MONEY, width=16, total=True) for year in years
    ]


def _row_total(first_index, amounts):
    """A row's total: the SUM of its fiscal-year cells, which start at column `first_index`
    (0-based) and hold `amounts`, saved with its value."""
    if not amounts:
        return ZERO
    first = get_column_letter(first_index + 1)
    last = get_column_letter(first_index + len(amounts))
    return Formula(f"=SUM({first}{{row}}:{last}{{row}})", value=sum(amounts, ZERO))


def _rule(row):
    """The call's rule for a category and how the proposal stands against it, in words."""
    category = row.category
    words = []
    if category.cap_percent is not None:
        words.append(_("at most %(cap)s%%") % {"cap": number(category.cap_percent)})
    elif category.fixed_percent is not None:
        words.append(_("exactly %(fixed)s%%") % {"fixed": number(category.fixed_percent)})
    if not category.allowed:
        words.append(_("no longer allowed"))
    if row.over_cap:
        words.append(_("over the cap"))
    if row.off_fixed:
        words.append(_("not the fixed share"))
    return "; ".join(words)


def _lines(**filters):
    return (
        BudgetLine.objects.filter(**filters)
        .select_related("proposal", "category", "fiscal_year")
        .order_by("proposal__reference", "proposal", "fiscal_year__year_be", "category__position")
    )


def _lines_sheet(book, lines, *, with_reference):
    """Every budget line: what it buys, quantity × unit cost = amount."""
    field = BudgetLine._meta.get_field
    columns = [
        *([Column(_("Reference"), width=16)] if with_reference else []),
        Column(_("Fiscal year"), YEAR, width=10),
        Column(_("Category"), width=28),
        Column(capfirst(field("description").verbose_name), width=40),
        Column(capfirst(field("quantity").verbose_name), NUMBER, width=10),
        Column(capfirst(field("unit_cost").verbose_name), MONEY, width=16),
        Column(capfirst(field("amount").verbose_name), MONEY, width=16, total=True),
        Column(capfirst(field("specification").verbose_name), width=30),
        Column(capfirst(field("justification").verbose_name), width=30),
    ]
    rows = (
        [
            *([line.proposal.reference] if with_reference else []),
            line.fiscal_year.year_be,
            line.category.name,
            line.description,
            line.quantity,
            line.unit_cost,
            line.amount,
            line.specification,
            line.justification,
        ]
        for line in lines
    )
    return book.add_sheet(capfirst(_("budget lines")), columns, rows, totals=True)


# One proposal -------------------------------------------------------------------------------


def proposal_budget_sheets(book, proposal):
    """One proposal: category × fiscal year with each category's share and the call's rule,
    then its budget lines."""
    summary = budget_summary(proposal)
    columns = [
        Column(_("Category"), width=30),
        *_year_columns(summary.years),
        Column(_("Total"), MONEY, width=16, total=True),
        Column(_("Share"), PERCENT, width=10),
        Column(_("Rule of the call"), width=30),
    ]
    rows = (
        [
            row.category.name,
            *row.amounts,
            _row_total(1, row.amounts),
            None if row.share is None else row.share / HUNDRED,
            _rule(row),
        ]
        for row in summary.rows
    )
    book.add_sheet(_("By category"), columns, rows, totals=True)
    _lines_sheet(book, _lines(proposal=proposal), with_reference=False)
    financial.project_financial_sheets(book, proposal)


def build_proposal_budget(proposal, *, user=None, options=None, progress=no_progress):
    """One proposal's budget as an .xlsx `Output`."""
    book = Book()
    proposal_budget_sheets(book, proposal)
    progress(100)
    name = proposal.reference or f"proposal-{proposal.pk}"
    return Output(f"{name}-budget.xlsx", book.content(), XLSX)


# A call -------------------------------------------------------------------------------------


def call_proposals(call, user=None):
    """The call's proposals of the register (submitted once, not back in draft), by
    reference."""
    return selectors.register_proposals(reader(user), call=call).order_by("reference", "pk")


def call_summaries(call, proposals):
    """[(proposal, BudgetSummary)] of `proposals` (of `call`), in three queries whatever
    their number."""
    prefetch_related_objects([call], "budget_categories")
    matrices = budget_matrices(BudgetLine.objects.filter(proposal__in=proposals.values("pk")))
    summaries = []
    for proposal in proposals:
        proposal.call = call  # with its categories loaded: no query per proposal
        summaries.append((proposal, budget_summary(proposal, matrices.get(proposal.pk, {}))))
    return summaries


def _categories(summaries):
    """The categories in any of the summaries, in the call's order."""
    seen = {}
    for _proposal, summary in summaries:
        for row in summary.rows:
            seen.setdefault(row.category.pk, row.category)
    return sorted(seen.values(), key=lambda category: (category.position, category.code))


def _detail_rows(summaries, years):
    """One row per proposal × category: the amounts of every fiscal year of the call."""
    rows = []
    for proposal, summary in summaries:
        for row in summary.rows:
            by_year = dict(zip(summary.years, row.amounts, strict=True))
            amounts = [by_year.get(year, ZERO) for year in years]
            rows.append(
                [
                    proposal.reference,
                    proposal.title,
                    row.category.code,
                    row.category.name,
                    *amounts,
                    _row_total(4, amounts),
                ]
            )
    return rows


def _category_amounts(summaries, years):
    """{category id: [amount of each fiscal year of `years`]} over every proposal."""
    amounts = {}
    for _proposal, summary in summaries:
        for row in summary.rows:
            by_year = dict(zip(summary.years, row.amounts, strict=True))
            sums = amounts.setdefault(row.category.pk, [ZERO] * len(years))
            for index, year in enumerate(years):
                sums[index] += by_year.get(year, ZERO)
    return amounts


def _category_sheet(book, categories, years, detail, amounts):
    """Category × fiscal year for the whole call: each cell is a SUMIFS over the detail
    sheet's column of that year, where the detail's code is this row's code (saved with
    its value, from `amounts`: _category_amounts)."""
    codes = detail.column_range(2)

    def year_sum(index, value):
        return Formula(f"=SUMIFS({detail.column_range(4 + index)},{codes},$A{{row}})", value=value)

    columns = [
        Column(_("Code"), width=16),
        Column(_("Category"), width=30),
        *_year_columns(years),
        Column(_("Total"), MONEY, width=16, total=True),
    ]
    rows = (
        [
            category.code,
            category.name,
            *(year_sum(index, value) for index, value in enumerate(amounts[category.pk])),
            _row_total(2, amounts[category.pk]),
        ]
        for category in categories
    )
    book.add_sheet(_("By category"), columns, rows, totals=True)


def _proposal_sheet(book, summaries, years):
    states = {state.value: str(state.label) for state in ProposalState}
    columns = [
        Column(_("Reference"), width=16),
        Column(_("Title"), width=44),
        Column(_("State"), width=18),
        *_year_columns(years),
        Column(_("Total"), MONEY, width=16, total=True),
    ]

    def row(proposal, summary):
        amounts = [summary.year_totals.get(year, ZERO) for year in years]
        return [
            proposal.reference,
            proposal.title,
            states.get(proposal.state, proposal.state),
            *amounts,
            _row_total(3, amounts),
        ]

    rows = (row(proposal, summary) for proposal, summary in summaries)
    book.add_sheet(_("By proposal"), columns, rows, totals=True)


def call_budget_sheets(book, summaries, lines):
    """A call: by category (SUMIFS of the detail), by proposal, by proposal and category (the
    detail), and every budget line (`lines`)."""
    years = sorted({year for _proposal, summary in summaries for year in summary.years})
    detail_rows = _detail_rows(summaries, years)
    detail_title = excel_sheet_title(_("By proposal and category"))
    # The category sheet comes first but sums the detail sheet: where its rows will be.
    detail = Written(detail_title, first_row=2, last_row=len(detail_rows) + 1, totals_row=None)
    amounts = _category_amounts(summaries, years)
    _category_sheet(book, _categories(summaries), years, detail, amounts)
    _proposal_sheet(book, summaries, years)
    detail_columns = [
        Column(_("Reference"), width=16),
        Column(_("Title"), width=44),
        Column(_("Code"), width=16),
        Column(_("Category"), width=28),
        *_year_columns(years),
        Column(_("Total"), MONEY, width=16, total=True),
    ]
    book.add_sheet(detail_title, detail_columns, detail_rows, totals=True)
    _lines_sheet(book, lines, with_reference=True)


def build_call_budget(call, *, user=None, options=None, progress=no_progress):
    """The budgets of a call's proposals as an .xlsx `Output`."""
    proposals = call_proposals(call, user)
    summaries = call_summaries(call, proposals)
    progress(30)
    book = Book()
    call_budget_sheets(book, summaries, _lines(proposal__in=proposals.values("pk")))
    financial.call_approved_sheet(book, proposals)
    progress(100)
    return Output(f"{call.code}-budget.xlsx", book.content(), XLSX)
