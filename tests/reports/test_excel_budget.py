"""The budget exports: one proposal's category × fiscal year and lines, and a call's in total
and per proposal. Values equal budget_summary and the budget lines; totals are formulas, and
worked out by hand they give the database's sums."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from openpyxl.utils import column_index_from_string

from accounts.roles import Role
from indicators.models import FiscalYear
from proposals.editing.budget import budget_summary
from proposals.models import (
    BudgetCategory,
    BudgetLine,
    Call,
    Proposal,
    ProposalState,
    TeamMember,
)
from reports import documents
from reports.excel import CALL_BUDGET, PROPOSAL_BUDGET
from reports.excel.budget import build_call_budget, build_proposal_budget
from reports.excel.rules import may_export_call_budget, may_export_proposal_budget
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS, OUTSIDER
from tests.proposals.lifecycle.conftest import call_for_complete_proposals, make_complete_proposal
from tests.reports.excel_helpers import (
    answers_of,
    cell_xml,
    data_of,
    decimal,
    flat_queries,
    header_of,
    open_book,
    rows_of,
    sheet_xml,
)

pytestmark = pytest.mark.django_db

D = Decimal
S = ProposalState


@pytest.fixture(autouse=True)
def _english_and_media(settings, tmp_path):
    """In English (these sheets' words are new to the Thai catalogue); files in a temporary
    folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


def submitted(proposal, number):
    """`proposal` as the register lists it: numbered, referenced, in review."""
    Proposal.objects.filter(pk=proposal.pk).update(
        sequence=number,
        reference=f"{proposal.call.code}-{number:04d}",
        state=S.IN_REVIEW,
        round=1,
        submitted_at=timezone.now(),
    )
    return Proposal.objects.select_related("call").get(pk=proposal.pk)


def add_line(proposal, code, amount, year=2568, description="ค่าใช้สอย", **kwargs):
    return BudgetLine.objects.create(
        proposal=proposal,
        category=BudgetCategory.objects.get(call=proposal.call, code=code),
        fiscal_year=FiscalYear.objects.get(year_be=year),
        description=description,
        quantity=D("1"),
        unit_cost=D(amount),
        **kwargs,
    )


@pytest.fixture
def call(db):
    """Two submitted proposals (900,000 baht in FY 2569 each, the first also 100,000 in FY
    2568), a draft, and a proposal of another call."""
    call = call_for_complete_proposals(code="SLC-2568")
    first = submitted(make_complete_proposal(call), 1)
    add_line(first, "services", "100000", description="=1+2", justification="-5 วัน")
    submitted(make_complete_proposal(call), 2)
    make_complete_proposal(call)  # a draft: not the officers'
    submitted(make_complete_proposal(), 1)  # another call
    return call


def proposal_of(call, number=1):
    return Proposal.objects.get(call=call, sequence=number)


# Formulas worked out by hand: SUM(B2:D2) and SUMIFS('Sheet'!$E$2:$E$9,'Sheet'!$C$2:$C$9,$A2).

SUMIFS = re.compile(
    r"=SUMIFS\('(?P<sheet>[^']+)'!\$(?P<col>[A-Z]+)\$(?P<first>\d+):\$[A-Z]+\$(?P<last>\d+),"
    r"'[^']+'!\$(?P<key>[A-Z]+)\$\d+:\$[A-Z]+\$\d+,\$A(?P<row>\d+)\)"
)
SUM = re.compile(r"=SUM\((?P<start>[A-Z]+)(?P<first>\d+):(?P<end>[A-Z]+)(?P<last>\d+)\)")


def evaluate(book, sheet, cell):
    """The value of a cell as a spreadsheet would work it out (SUM and our SUMIFS)."""
    value = cell.value
    if cell.data_type != "f":
        return decimal(value) if isinstance(value, int | float) else value
    if found := SUMIFS.fullmatch(value):
        source = book[found["sheet"]]
        wanted = sheet[f"A{found['row']}"].value
        return sum(
            (
                decimal(source[f"{found['col']}{row}"].value)
                for row in range(int(found["first"]), int(found["last"]) + 1)
                if source[f"{found['key']}{row}"].value == wanted
            ),
            D("0"),
        )
    found = SUM.fullmatch(value)
    assert found, value
    first, last = (column_index_from_string(found[name]) for name in ("start", "end"))
    rows = range(int(found["first"]), int(found["last"]) + 1)
    return sum(
        (
            evaluate(book, sheet, sheet.cell(row, col)) or D("0")
            for row in rows
            for col in range(first, last + 1)
        ),
        D("0"),
    )


def evaluated(book, sheet):
    return [[evaluate(book, sheet, cell) for cell in row] for row in sheet.iter_rows()][1:]


def line_sums(proposals, by):
    """{key: amount} of the proposals' budget lines, grouped by `by(line)`."""
    sums = {}
    for line in BudgetLine.objects.filter(proposal__in=proposals).select_related(
        "category", "fiscal_year"
    ):
        sums[by(line)] = sums.get(by(line), D("0")) + line.amount
    return sums


# One proposal ---------------------------------------------------------------------------------


def test_a_proposals_budget_is_its_budget_summary(call, officer):
    proposal = proposal_of(call)
    summary = budget_summary(proposal)
    output = build_proposal_budget(proposal, user=officer, options={})
    book = open_book(output)
    assert book.sheetnames == ["By category", "Budget lines"]
    sheet = book["By category"]
    assert header_of(sheet) == [
        "Category",
        "FY 2568",
        "FY 2569",
        "Total",
        "Share",
        "Rule of the call",
    ]
    rows = data_of(sheet)
    assert [[row[0], *map(decimal, row[1:3]), row[3]] for row in rows] == [
        [row.category.name, *row.amounts, f"=SUM(B{n}:C{n})"]
        for n, row in enumerate(summary.rows, start=2)
    ]
    assert [decimal(row[4]) for row in rows] == [
        None if row.share is None else row.share / 100 for row in summary.rows
    ]
    fee = next(row for row in rows if row[0] == "Institutional fee")
    assert fee[5] == "exactly 10%; not the fixed share"  # 90,000 of 1,000,000
    assert next(row for row in rows if row[0] == "Personnel and wages")[5] == "at most 30%"
    last = len(rows) + 1
    assert rows_of(sheet)[-1] == [
        "Total",
        f"=SUM(B2:B{last})",
        f"=SUM(C2:C{last})",
        f"=SUM(D2:D{last})",
        None,
        None,
    ]
    totals = evaluated(book, sheet)[-1]
    assert totals[1:4] == [
        summary.year_totals[2568],
        summary.year_totals[2569],
        summary.grand_total,
    ]
    assert summary.grand_total == D("1000000.00")
    assert sheet["B2"].number_format == "#,##0.00" and sheet["E2"].number_format == "0.00%"
    assert (output.filename, output.format) == ("SLC-2568-0001-budget.xlsx", documents.XLSX)


def test_a_proposals_budget_lines_are_listed_with_their_total(call, officer):
    proposal = proposal_of(call)
    output = build_proposal_budget(proposal, user=officer, options={})
    book = open_book(output)
    sheet = book["Budget lines"]
    assert header_of(sheet) == [
        "Fiscal year",
        "Category",
        "Description",
        "Quantity",
        "Unit cost (baht)",
        "Amount (baht)",
        "Specification",
        "Justification",
    ]
    lines = BudgetLine.objects.filter(proposal=proposal).order_by(
        "fiscal_year__year_be", "category__position"
    )
    assert [
        [row[0], row[1], row[2], *map(decimal, row[3:6]), row[6], row[7]] for row in data_of(sheet)
    ] == [
        [
            line.fiscal_year.year_be,
            line.category.name_en,
            line.description,
            line.quantity,
            line.unit_cost,
            line.amount,
            line.specification or None,
            line.justification or None,
        ]
        for line in lines
    ]
    assert evaluated(book, sheet)[-1][5] == D("1000000.00")
    # The applicant's text stays text: "=1+2" and "-5 วัน" are not formulas.
    assert sheet["C2"].value == "=1+2" and sheet["H2"].value == "-5 วัน"
    assert "<f>" not in cell_xml(sheet_xml(output, 2), "C2")


def test_a_draft_without_lines_has_an_empty_budget(officer):
    proposal = make_complete_proposal()
    BudgetLine.objects.filter(proposal=proposal).delete()
    output = build_proposal_budget(proposal, user=officer, options={})
    sheet = open_book(output)["By category"]
    assert header_of(sheet) == ["Category", "Total", "Share", "Rule of the call"]
    assert [row[1:3] for row in data_of(sheet)] == [[0, None]] * 6
    assert output.filename == f"proposal-{proposal.pk}-budget.xlsx"


# A call ---------------------------------------------------------------------------------------


def test_a_calls_budget_by_category_sums_the_lines_of_its_submitted_proposals(call, manager):
    call.programme.managers.add(manager)
    output = build_call_budget(call, user=manager, options={})
    book = open_book(output)
    assert book.sheetnames == [
        "By category",
        "By proposal",
        "By proposal and category",
        "Budget lines",
        "Approved budget",  # of the funded projects: none here
    ]
    sheet = book["By category"]
    assert header_of(sheet) == ["Code", "Category", "FY 2568", "FY 2569", "Total"]
    assert sheet["C2"].value.startswith("=SUMIFS('By proposal and category'!$E$2:$E$13,")
    submitted_ones = Proposal.objects.filter(call=call, sequence__isnull=False)
    sums = line_sums(submitted_ones, lambda line: (line.category.code, line.fiscal_year.year_be))
    rows = evaluated(book, sheet)
    for row in rows[:-1]:
        code = row[0]
        assert row[2:4] == [sums.get((code, 2568), D("0")), sums.get((code, 2569), D("0"))]
        assert row[4] == row[2] + row[3]
    assert rows[-1][2:] == [D("100000.00"), D("1800000.00"), D("1900000.00")]
    assert output.filename == "SLC-2568-budget.xlsx"


def test_a_calls_budget_by_proposal_is_each_budget_summary(call, officer):
    book = open_book(build_call_budget(call, user=officer, options={}))
    sheet = book["By proposal"]
    assert header_of(sheet) == ["Reference", "Title", "State", "FY 2568", "FY 2569", "Total"]
    expected = []
    for number in (1, 2):
        proposal = proposal_of(call, number)
        summary = budget_summary(proposal)
        expected.append(
            [
                proposal.reference,
                proposal.title_en,
                "In review",
                summary.year_totals.get(2568, D("0")),
                summary.year_totals[2569],
                summary.grand_total,
            ]
        )
    rows = evaluated(book, sheet)
    assert rows[:-1] == expected
    assert rows[-1][3:] == [D("100000.00"), D("1800000.00"), D("1900000.00")]


def test_a_calls_detail_has_a_row_per_proposal_and_category(call, officer):
    book = open_book(build_call_budget(call, user=officer, options={}))
    sheet = book["By proposal and category"]
    expected = []
    for number in (1, 2):
        proposal = proposal_of(call, number)
        summary = budget_summary(proposal)
        for row in summary.rows:
            amounts = dict(zip(summary.years, row.amounts, strict=True))
            expected.append(
                [
                    proposal.reference,
                    proposal.title_en,
                    row.category.code,
                    row.category.name_en,
                    amounts.get(2568, D("0")),
                    amounts.get(2569, D("0")),
                    row.total,
                ]
            )
    assert evaluated(book, sheet)[:-1] == expected
    assert len(expected) == 12  # six categories each


def test_a_calls_budget_lines_are_those_of_its_submitted_proposals(call, officer):
    output = build_call_budget(call, user=officer, options={})
    sheet = open_book(output)["Budget lines"]
    references = {row[0] for row in data_of(sheet)}
    assert references == {"SLC-2568-0001", "SLC-2568-0002"}
    assert (
        len(data_of(sheet))
        == BudgetLine.objects.filter(proposal__call=call, proposal__sequence__isnull=False).count()
    )
    xml = sheet_xml(output, 4)
    assert xml.count("<f>") == 1  # the total of the amounts, and no description


def test_a_call_without_submitted_proposals_gives_empty_sheets(officer):
    call = call_for_complete_proposals()
    make_complete_proposal(call)  # a draft
    book = open_book(build_call_budget(call, user=officer, options={}))
    assert header_of(book["By proposal"]) == ["Reference", "Title", "State", "Total"]
    assert data_of(book["By proposal"]) == []
    assert data_of(book["By category"]) == []


def test_the_call_budget_runs_the_same_queries_for_few_and_many_proposals(officer):
    call = call_for_complete_proposals()
    numbers = iter(range(1, 100))

    def make(count):
        for _n in range(count):
            submitted(make_complete_proposal(call), next(numbers))

    def build():
        return build_call_budget(Call.objects.get(pk=call.pk), user=officer, options={})

    queries = flat_queries(build, make, many=6)
    # the call, its proposals, its categories, the summed cells, the lines, the funded
    # projects' approved budget and their spending
    assert queries == 7


def test_who_may_have_a_calls_budget(call, personas):
    answers = answers_of(may_export_call_budget, call, personas)
    assert answers == {
        Role.RESEARCHER.value: False,
        Role.FUNDING_OFFICER.value: True,
        Role.REVIEWER.value: False,
        Role.PROGRAMME_MANAGER.value: False,  # not a manager of this programme
        Role.ADMINISTRATOR.value: False,
        "mentor": False,
        "finance": False,
        OUTSIDER: False,
        ANONYMOUS: False,
    }
    manager_of_it = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    call.programme.managers.add(manager_of_it)
    assert may_export_call_budget(manager_of_it, call)


def test_who_may_have_a_proposals_budget(call, personas):
    proposal = proposal_of(call)
    answers = answers_of(may_export_proposal_budget, proposal, personas)
    assert answers == {
        Role.RESEARCHER.value: False,  # not of the team
        Role.FUNDING_OFFICER.value: True,
        Role.REVIEWER.value: False,
        Role.PROGRAMME_MANAGER.value: False,
        Role.ADMINISTRATOR.value: False,
        "mentor": False,
        "finance": False,
        OUTSIDER: False,
        ANONYMOUS: False,
    }
    co_researcher = UserFactory(roles=[Role.RESEARCHER])
    invited = UserFactory(roles=[Role.RESEARCHER])
    TeamMember.objects.create(
        proposal=proposal, user=co_researcher, email=co_researcher.email, accepted_at=timezone.now()
    )
    TeamMember.objects.create(proposal=proposal, user=invited, email=invited.email)
    manager_of_it = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    call.programme.managers.add(manager_of_it)
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert may_export_proposal_budget(proposal.lead, proposal)
    assert may_export_proposal_budget(co_researcher, proposal)
    assert not may_export_proposal_budget(invited, proposal)  # has not accepted
    assert may_export_proposal_budget(manager_of_it, proposal)


def test_the_budgets_are_in_the_catalogue():
    assert documents.get("budget", documents.XLSX) is CALL_BUDGET
    assert documents.get("budget-proposal", documents.XLSX) is PROPOSAL_BUDGET
    assert (CALL_BUDGET.scope, PROPOSAL_BUDGET.scope) == (documents.CALL, documents.PROPOSAL)
