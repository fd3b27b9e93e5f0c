"""The payment requests of a programme's funded projects as a workbook, per Thai fiscal year
(1 October – 30 September, Buddhist era).

Sheet "Payment requests": one row per request (project, instalment and its amount, state, when
it was requested, who checked it and when, who decided it and when, the payment date,
reference, amount paid and why less was paid), with the fiscal year it was requested in and
the one it was paid in. Sheet "By fiscal year": per fiscal year, how many requests were made
and for how much, how many were checked, paid (and how much) and rejected in it.

Option: `call` (a code of the programme's calls); a value that is no such call filters
nothing. One query for the rows whatever their number (one more to read the call filtered on).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from core.numbers import ZERO
from core.thai import in_language
from indicators.models import FiscalYear
from projects.models import PaymentRequest, PaymentState
from proposals.models import Call
from reports.documents import XLSX, Output, no_progress
from reports.excel.instalments import funded_projects
from reports.excel.writer import DATE, INTEGER, MONEY, Book, Column, money

OPTIONS = ("call",)


def payment_call(programme, options):
    """The call of `programme` named by `options["call"]`, or None."""
    code = (options or {}).get("call")
    if isinstance(code, str) and code:
        return Call.objects.filter(programme=programme, code=code).first()
    return None


def _day(moment):
    return timezone.localdate(moment) if moment else None


def _year(day):
    return FiscalYear.year_be_of(day) if day else None


def _name(user_th, user_en, email):
    return in_language(user_th, user_en) or email or None


def request_columns():
    return [
        Column(_("Reference"), width=16),
        Column(_("Title"), width=40),
        Column(_("Call"), width=12),
        Column(_("Instalment"), INTEGER, width=10),
        Column(_("Instalment amount (baht)"), MONEY, width=16, total=True),
        Column(_("State"), width=20),
        Column(_("Requested on"), DATE, width=12),
        Column(_("Fiscal year requested"), INTEGER, width=10),
        Column(_("Checked by"), width=22),
        Column(_("Checked on"), DATE, width=12),
        Column(_("Decided by"), width=22),
        Column(_("Decided on"), DATE, width=12),
        Column(_("Payment date"), DATE, width=12),
        Column(_("Fiscal year paid"), INTEGER, width=10),
        Column(_("Payment reference"), width=20),
        Column(_("Amount paid (baht)"), MONEY, width=16, total=True),
        Column(_("Why less was paid"), width=30),
    ]


@dataclass
class YearFigures:
    requested: int = 0
    requested_amount: Decimal = ZERO
    checked: int = 0
    paid: int = 0
    paid_amount: Decimal = ZERO
    rejected: int = 0


def request_rows(projects, years):
    """One row per payment request of `projects` (not drafts), by project, instalment and
    request; fills `years` ({fiscal year: YearFigures}) on the way. One query."""
    rows = (
        PaymentRequest.objects.filter(proposal__in=projects.values("pk"))
        .exclude(state=PaymentState.DRAFT)
        .order_by("proposal__reference", "proposal_id", "instalment__number", "pk")
        .values_list(
            "proposal__reference",
            "proposal__title_th",
            "proposal__title_en",
            "proposal__call__code",
            "instalment__number",
            "instalment__amount",
            "state",
            "submitted_at",
            "checked_by__full_name_th",
            "checked_by__full_name_en",
            "checked_by__email",
            "checked_at",
            "decided_by__full_name_th",
            "decided_by__full_name_en",
            "decided_by__email",
            "decided_at",
            "paid_on",
            "payment_reference",
            "amount_paid",
            "shortfall_reason",
        )
    )
    states = dict(PaymentState.choices)
    for row in rows:
        reference, title_th, title_en, call_code, number, amount, state = row[:7]
        submitted, checker_th, checker_en, checker_email, checked = row[7:12]
        decider_th, decider_en, decider_email, decided, paid_on, payment, paid, why = row[12:]
        requested_on, checked_on, decided_on = _day(submitted), _day(checked), _day(decided)
        if requested_on:
            figures = years[_year(requested_on)]
            figures.requested += 1
            figures.requested_amount += amount
        if checked_on:
            years[_year(checked_on)].checked += 1
        if state == PaymentState.PAID and paid_on:
            figures = years[_year(paid_on)]
            figures.paid += 1
            figures.paid_amount += paid or ZERO
        if state == PaymentState.REJECTED and decided_on:
            years[_year(decided_on)].rejected += 1
        yield [
            reference,
            in_language(title_th, title_en),
            call_code,
            number,
            money(amount),
            str(states.get(state, state)),
            requested_on,
            _year(requested_on),
            _name(checker_th, checker_en, checker_email),
            checked_on,
            _name(decider_th, decider_en, decider_email),
            decided_on,
            paid_on,
            _year(paid_on) if state == PaymentState.PAID else None,
            payment or None,
            money(paid),
            why or None,
        ]


def year_columns():
    return [
        Column(_("Fiscal year"), INTEGER, width=12),
        Column(_("Requests made"), INTEGER, width=12, total=True),
        Column(_("Amount requested (baht)"), MONEY, width=18, total=True),
        Column(_("Requests checked"), INTEGER, width=12, total=True),
        Column(_("Payments made"), INTEGER, width=12, total=True),
        Column(_("Amount paid (baht)"), MONEY, width=18, total=True),
        Column(_("Requests rejected"), INTEGER, width=12, total=True),
    ]


def year_rows(years):
    for year in sorted(years):
        figures = years[year]
        yield [
            year,
            figures.requested,
            money(figures.requested_amount),
            figures.checked,
            figures.paid,
            money(figures.paid_amount),
            figures.rejected,
        ]


def filename(programme, call):
    return f"{(call or programme).code}-payments.xlsx"


def build_payments(programme, *, user=None, options=None, progress=no_progress):
    """The payment requests of `programme`'s funded projects (of the call in `options`) and
    their figures per fiscal year, as an .xlsx `Output`."""
    call = payment_call(programme, options)
    projects = funded_projects(programme, call)
    years = defaultdict(YearFigures)
    book = Book()
    book.add_sheet(
        _("Payment requests"), request_columns(), request_rows(projects, years), totals=True
    )
    progress(50)
    book.add_sheet(_("By fiscal year"), year_columns(), year_rows(years), totals=True)
    progress(100)
    return Output(filename(programme, call), book.content(), XLSX)
