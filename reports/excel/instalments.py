"""The instalments and payments of a programme's funded projects as a workbook.

Sheet "Instalments": one row per instalment (project, contract, share, amount, the report it is
released on and that report's state, its own state, due since, paid on, payment reference) and
a "Released" column holding the amount of released instalments; the amounts and the released
sum by formulas. Sheet "By project": approved, released and remaining per project, all
formulas: released sums the first sheet's "Released" column for the project (SUMIFS), remaining
is approved − released, and the totals row sums each column. When the first sheet is filtered by
state it no longer holds every instalment, so the released amount is then the database's sum.

Options: `call` (a code of the programme's calls) and `state` (an instalment state); a value
that is no such thing filters nothing, as on the register. Two queries for the rows whatever
the number of projects (one more to read the call filtered on).
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from core.numbers import ZERO
from core.thai import in_language
from projects.models import Instalment, InstalmentState, ProgressReportState
from projects.selectors import with_released_amount
from proposals.models import Call, ProgressReportKind, Proposal, ProposalState
from reports.documents import XLSX, Output, no_progress
from reports.excel.writer import DATE, INTEGER, MONEY, PERCENT, Book, Column, Formula, money

OPTIONS = ("call", "state")
HUNDRED = Decimal(100)
# Where the first sheet keeps the reference and the released amount (0-based), for SUMIFS.
REFERENCE_COLUMN = 0
RELEASED_COLUMN = 13


def instalment_filters(programme, options):
    """(call, state) from `options`: a call of `programme` by its code and an instalment
    state; anything else is left out (None)."""
    options = options or {}
    code, state = options.get("call"), options.get("state")
    call = None
    if isinstance(code, str) and code:
        call = Call.objects.filter(programme=programme, code=code).first()
    if state not in InstalmentState.values:
        state = None
    return call, state


def funded_projects(programme, call=None):
    """The programme's funded projects (of `call` when given)."""
    projects = Proposal.objects.filter(call__programme=programme, state__in=ProposalState.funded())
    return projects.filter(call=call) if call is not None else projects


def instalment_columns():
    return [
        Column(_("Reference"), width=16),
        Column(_("Title"), width=44),
        Column(_("Call"), width=12),
        Column(_("Contract number"), width=18),
        Column(_("Instalment"), INTEGER, width=10),
        Column(_("Share"), PERCENT, width=10),
        Column(_("Amount (baht)"), MONEY, width=16, total=True),
        Column(_("Released on"), width=24),
        Column(_("Report state"), width=18),
        Column(_("State"), width=18),
        Column(_("Due since"), DATE, width=12),
        Column(_("Paid on"), DATE, width=12),
        Column(_("Payment reference"), width=20),
        Column(_("Released (baht)"), MONEY, width=16, total=True),
    ]


def instalment_rows(projects, state=None):
    """One row per instalment of `projects` (in `state` when given), by project and number;
    one query."""
    instalments = Instalment.objects.filter(proposal__in=projects.values("pk"))
    if state:
        instalments = instalments.filter(state=state)
    rows = instalments.order_by("proposal__reference", "proposal_id", "number").values_list(
        "proposal__reference",
        "proposal__title_th",
        "proposal__title_en",
        "proposal__call__code",
        "proposal__award__contract_number",
        "number",
        "percent",
        "amount",
        "report_kind",
        "report__state",
        "state",
        "due_since",
        "paid_on",
        "payment_reference",
        "paid_amount",
    )
    kinds = dict(ProgressReportKind.choices)
    report_states = dict(ProgressReportState.choices)
    states = dict(InstalmentState.choices)
    for row in rows:
        reference, title_th, title_en, call_code, contract, number, percent, amount = row[:8]
        kind, report_state, instalment_state, due_since, paid_on, payment, paid = row[8:]
        paid = amount if paid is None else paid
        released = paid if instalment_state == InstalmentState.RELEASED else ZERO
        yield [
            reference,
            in_language(title_th, title_en),
            call_code,
            contract,
            number,
            percent / HUNDRED,
            money(amount),
            str(kinds.get(kind, kind)),
            str(report_states[report_state]) if report_state else None,
            str(states.get(instalment_state, instalment_state)),
            due_since,
            paid_on,
            payment,
            money(released),
        ]


def project_columns():
    return [
        Column(_("Reference"), width=16),
        Column(_("Title"), width=44),
        Column(_("Call"), width=12),
        Column(_("Contract number"), width=18),
        Column(_("Approved (baht)"), MONEY, width=16, total=True),
        Column(_("Released (baht)"), MONEY, width=16, total=True),
        Column(_("Remaining (baht)"), MONEY, width=16, total=True),
    ]


def project_rows(projects, instalments_sheet, *, every_instalment):
    """One row per project: approved (the award), released (a SUMIFS over the instalments
    sheet when it lists every instalment, else the database's sum), remaining (a formula);
    one query."""
    rows = (
        with_released_amount(projects)
        .order_by("reference", "pk")
        .values_list(
            "pk",
            "reference",
            "title_th",
            "title_en",
            "call__code",
            "award__contract_number",
            "award__amount",
            "released_amount",
        )
    )
    references = instalments_sheet.column_range(REFERENCE_COLUMN)
    released_cells = instalments_sheet.column_range(RELEASED_COLUMN)
    for _pk, reference, title_th, title_en, call_code, contract, approved, released in rows:
        released = money(released) or ZERO
        approved = money(approved)
        yield [
            reference,
            in_language(title_th, title_en),
            call_code,
            contract,
            approved,
            Formula(f"=SUMIFS({released_cells},{references},$A{{row}})", value=released)
            if every_instalment
            else released,
            Formula("=E{row}-F{row}", value=(approved or ZERO) - released),
        ]


def filename(programme, call):
    return f"{(call or programme).code}-instalments.xlsx"


def build_instalments(programme, *, user=None, options=None, progress=no_progress):
    """The instalments of `programme`'s funded projects as an .xlsx `Output`, filtered by
    call and state from `options`."""
    call, state = instalment_filters(programme, options)
    projects = funded_projects(programme, call)
    book = Book()
    written = book.add_sheet(
        _("Instalments"), instalment_columns(), instalment_rows(projects, state), totals=True
    )
    progress(50)
    book.add_sheet(
        _("By project"),
        project_columns(),
        project_rows(projects, written, every_instalment=state is None),
        totals=True,
    )
    progress(100)
    return Output(filename(programme, call), book.content(), XLSX)
