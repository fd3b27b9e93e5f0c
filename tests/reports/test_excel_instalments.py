"""The instalments export: one row per instalment of the programme's funded projects, the
amounts and releases summed by formulas, and per project approved, released and remaining
(formulas that, worked out, give the database's sums)."""

import datetime
import re
import zipfile
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from indicators.models import FiscalYear, Funder, Programme
from projects.models import Instalment, InstalmentState
from proposals.models import Proposal
from reports import documents
from reports.documents import CONTENT_TYPES, XLSX
from reports.excel import INSTALMENTS
from reports.excel.instalments import build_instalments
from reports.excel.rules import may_export_instalments
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS, OUTSIDER, assert_access
from tests.projects.builders import approved_proposal, fund
from tests.projects.payment_builders import pay_instalment
from tests.proposals.lifecycle.conftest import call_for_complete_proposals
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
PAID_ON = datetime.date(2025, 1, 5)
HEADER = [
    "Reference",
    "Title",
    "Call",
    "Contract number",
    "Instalment",
    "Share",
    "Amount (baht)",
    "Released on",
    "Report state",
    "State",
    "Due since",
    "Paid on",
    "Payment reference",
    "Released (baht)",
]


@pytest.fixture(autouse=True)
def _english(settings, tmp_path):
    """In English (these sheets' words are new to the Thai catalogue); files in a temporary
    folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


def release(project, number, officer, reference):
    instalment = Instalment.objects.get(proposal=project, number=number)
    return pay_instalment(instalment, officer=officer, paid_on=PAID_ON, reference=reference)


@pytest.fixture
def programme(officer):
    """Two funded projects in two calls of the test programme (900,000 and 600,000 baht, the
    first instalment of the first released), an approved proposal not funded yet, and a
    funded project of another programme."""
    first_call = call_for_complete_proposals(code="SLC-2568")
    second_call = call_for_complete_proposals(code="SLC-2569")
    first = fund(approved_proposal(call=first_call, title_en="=1+2 data platform"), officer)
    release(first, 1, officer, "@KTB-0001")
    fund(approved_proposal(amount=D("600000.00"), call=second_call), officer)
    approved_proposal(call=first_call)  # approved, not funded: no instalment
    other = Programme.objects.create(
        code="OTHER", name_th="แผนงานอื่น", name_en="Other", funder=Funder.objects.first()
    )
    other.fiscal_years.add(FiscalYear.objects.get(year_be=2568))
    fund(approved_proposal(call=call_for_complete_proposals(programme=other)), officer)
    return first_call.programme


def projects_of(programme):
    return Proposal.objects.filter(call__programme=programme, award__isnull=False).order_by(
        "reference"
    )


# Formulas worked out: SUM(G2:G7), E2-F2 and SUMIFS('Sheet'!$N$2:$N$7,'Sheet'!$A$2:$A$7,$A2).

SUM = re.compile(r"=SUM\((?P<col>[A-Z]+)(?P<first>\d+):[A-Z]+(?P<last>\d+)\)")
DIFFERENCE = re.compile(r"=(?P<left>[A-Z]+\d+)-(?P<right>[A-Z]+\d+)")
SUMIFS = re.compile(
    r"=SUMIFS\('(?P<sheet>[^']+)'!\$(?P<col>[A-Z]+)\$(?P<first>\d+):\$[A-Z]+\$(?P<last>\d+),"
    r"'[^']+'!\$(?P<key>[A-Z]+)\$\d+:\$[A-Z]+\$\d+,\$A(?P<row>\d+)\)"
)


def evaluate(book, sheet, cell):
    """A cell's value as a spreadsheet works it out (our three kinds of formula)."""
    value = cell.value
    if cell.data_type != "f":
        return decimal(value) if isinstance(value, int | float) else value
    if found := SUM.fullmatch(value):
        rows = range(int(found["first"]), int(found["last"]) + 1)
        cells = (sheet[f"{found['col']}{row}"] for row in rows)
        return sum((evaluate(book, sheet, each) or D(0) for each in cells), D(0))
    if found := DIFFERENCE.fullmatch(value):
        left, right = (evaluate(book, sheet, sheet[found[name]]) for name in ("left", "right"))
        return (left or D(0)) - (right or D(0))
    found = SUMIFS.fullmatch(value)
    assert found, value
    source, wanted = book[found["sheet"]], sheet[f"A{found['row']}"].value
    rows = range(int(found["first"]), int(found["last"]) + 1)
    return sum(
        (
            decimal(source[f"{found['col']}{row}"].value) or D(0)
            for row in rows
            if source[f"{found['key']}{row}"].value == wanted
        ),
        D(0),
    )


def evaluated(book, sheet):
    return [[evaluate(book, sheet, cell) for cell in row] for row in sheet.iter_rows()][1:]


def day(value):
    return None if value is None else datetime.datetime.combine(value, datetime.time())


# The instalments -------------------------------------------------------------------------------


def test_every_instalment_of_the_funded_projects_is_a_row(programme, officer):
    book = open_book(build_instalments(programme, user=officer, options={}))
    assert book.sheetnames == ["Instalments", "By project"]
    sheet = book["Instalments"]
    assert header_of(sheet) == HEADER
    instalments = Instalment.objects.filter(proposal__call__programme=programme).select_related(
        "proposal__call", "proposal__award", "report"
    )
    expected = [
        [
            item.proposal.reference,
            item.proposal.title_en,
            item.proposal.call.code,
            item.proposal.award.contract_number,
            item.number,
            item.percent / 100,
            item.amount,
            item.get_report_kind_display(),
            item.report.get_state_display() if item.report else None,
            item.get_state_display(),
            day(item.due_since),
            day(item.paid_on),
            item.payment_reference or None,
            item.amount if item.state == InstalmentState.RELEASED else D("0.00"),
        ]
        for item in instalments.order_by("proposal__reference", "number")
    ]
    rows = [
        [*row[:5], decimal(row[5]), decimal(row[6]), *row[7:13], decimal(row[13])]
        for row in data_of(sheet)
    ]
    assert rows == expected
    assert len(rows) == 6


def test_the_first_project_reads_as_its_page(programme, officer):
    sheet = open_book(build_instalments(programme, user=officer, options={}))["Instalments"]
    project = projects_of(programme).first()
    first, second, third = data_of(sheet)[:3]
    assert first == [
        project.reference,
        "=1+2 data platform",
        "SLC-2568",
        f"RDG-{project.pk:04d}",
        1,
        0.4,
        360000,
        "Signed contract",
        None,
        "Released",
        datetime.datetime(2024, 12, 22),
        datetime.datetime(2025, 1, 5),
        "@KTB-0001",
        360000,
    ]
    assert second[7:10] == ["6-month progress report", "Draft", "Scheduled"]
    assert third[5:10] == [0.2, 180000, "Final report", "Draft", "Scheduled"]
    assert second[10:14] == [None, None, None, 0]


def test_amounts_and_releases_are_summed_by_formulas(programme, officer):
    book = open_book(build_instalments(programme, user=officer, options={}))
    sheet = book["Instalments"]
    assert rows_of(sheet)[-1] == ["Total", *[None] * 5, "=SUM(G2:G7)", *[None] * 6, "=SUM(N2:N7)"]
    totals = evaluated(book, sheet)[-1]
    assert (totals[6], totals[13]) == (D("1500000.00"), D("360000.00"))


def test_each_project_has_its_approved_released_and_remaining(programme, officer):
    book = open_book(build_instalments(programme, user=officer, options={}))
    sheet = book["By project"]
    assert header_of(sheet) == [
        "Reference",
        "Title",
        "Call",
        "Contract number",
        "Approved (baht)",
        "Released (baht)",
        "Remaining (baht)",
    ]
    assert sheet["F2"].value == "=SUMIFS('Instalments'!$N$2:$N$7,'Instalments'!$A$2:$A$7,$A2)"
    assert sheet["G2"].value == "=E2-F2"
    expected = []
    for project in projects_of(programme):
        released = sum(
            (
                item.amount
                for item in project.instalments.all()
                if item.state == InstalmentState.RELEASED
            ),
            D("0.00"),
        )
        expected.append(
            [
                project.reference,
                project.title_en,
                project.call.code,
                project.award.contract_number,
                project.award.amount,
                released,
                project.award.amount - released,
            ]
        )
    rows = evaluated(book, sheet)
    assert rows[:-1] == expected
    assert rows[-1] == ["Total", None, None, None, D("1500000.00"), D("360000.00"), D("1140000.00")]


# Options ---------------------------------------------------------------------------------------


def test_a_call_keeps_its_projects_only(programme, officer):
    output = build_instalments(programme, user=officer, options={"call": "SLC-2569"})
    book = open_book(output)
    assert {row[2] for row in data_of(book["Instalments"])} == {"SLC-2569"}
    assert [row[2] for row in data_of(book["By project"])] == ["SLC-2569"]
    assert output.filename == "SLC-2569-instalments.xlsx"


def test_a_state_keeps_those_instalments_and_the_projects_released_sums(programme, officer):
    book = open_book(build_instalments(programme, user=officer, options={"state": "scheduled"}))
    assert [row[9] for row in data_of(book["Instalments"])] == ["Scheduled"] * 4
    projects = book["By project"]
    # The sheet no longer holds every instalment: the released sums are the database's.
    assert [decimal(row[5]) for row in data_of(projects)] == [D("360000"), D("0")]
    assert evaluated(book, projects)[-1][4:] == [
        D("1500000.00"),
        D("360000.00"),
        D("1140000.00"),
    ]


def test_unknown_calls_and_states_filter_nothing(programme, officer):
    everything = data_of(open_book(build_instalments(programme, options={}))["Instalments"])
    options = {"call": "OTHER-CALL", "state": "lost"}
    output = build_instalments(programme, user=officer, options=options)
    assert data_of(open_book(output)["Instalments"]) == everything
    assert output.filename == "TEST-CALLS-instalments.xlsx"


def test_a_programme_without_funded_projects_gives_empty_sheets(officer):
    programme = call_for_complete_proposals().programme
    book = open_book(build_instalments(programme, user=officer, options={}))
    assert data_of(book["Instalments"]) == [] and data_of(book["By project"]) == []
    assert rows_of(book["By project"])[-1] == ["Total", None, None, None, 0, 0, 0]


# The file --------------------------------------------------------------------------------------


def test_headers_are_frozen_filtered_and_numbers_formatted(programme, officer):
    book = open_book(build_instalments(programme, user=officer, options={}))
    sheet = book["Instalments"]
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:N7")
    assert sheet["E2"].number_format == "#,##0"
    assert sheet["F2"].number_format == "0.00%"
    assert sheet["G2"].number_format == "#,##0.00" and sheet["N2"].number_format == "#,##0.00"
    assert sheet["K2"].number_format == sheet["L2"].number_format == "d/m/yyyy"  # English
    assert sheet["G8"].number_format == "#,##0.00" and sheet["G8"].font.bold
    projects = book["By project"]
    assert (projects.freeze_panes, projects.auto_filter.ref) == ("A2", "A1:G3")
    assert projects["G2"].number_format == "#,##0.00"


def test_user_text_that_looks_like_a_formula_stays_text(programme, officer):
    output = build_instalments(programme, user=officer, options={})
    sheet = open_book(output)["Instalments"]
    assert (sheet["B2"].value, sheet["M2"].value) == ("=1+2 data platform", "@KTB-0001")
    xml = sheet_xml(output, 1)
    assert "<f>" not in cell_xml(xml, "B2") and "<f>" not in cell_xml(xml, "M2")
    assert 'quotePrefix="1"' in open_book_styles(output)
    assert "<f>" not in cell_xml(sheet_xml(output, 2), "B2")


def open_book_styles(output):
    """The styles part of the file (where the quote prefix of text cells is kept)."""
    with zipfile.ZipFile(BytesIO(output.content)) as archive:
        return archive.read("xl/styles.xml").decode()


def test_the_build_runs_the_same_queries_for_few_and_many_projects(officer):
    call = call_for_complete_proposals()

    def make(count):
        for _n in range(count):
            fund(approved_proposal(call=call), officer)

    def build():
        return build_instalments(Programme.objects.get(code="TEST-CALLS"), options={})

    # the programme, the instalments, the projects
    assert flat_queries(build, make, few=1, many=5) == 3

    def build_for_call():
        return build_instalments(
            Programme.objects.get(code="TEST-CALLS"), options={"call": call.code}
        )

    assert flat_queries(build_for_call, make, few=0, many=2) == 4  # and the call


# Who -------------------------------------------------------------------------------------------


def test_officers_administrators_and_the_programmes_managers_may_have_it(programme, personas):
    answers = answers_of(may_export_instalments, programme, personas)
    assert answers == {
        Role.RESEARCHER.value: False,
        Role.FUNDING_OFFICER.value: True,
        Role.REVIEWER.value: False,
        Role.PROGRAMME_MANAGER.value: False,  # manages no programme
        Role.ADMINISTRATOR.value: True,
        "mentor": False,
        "finance": False,
        OUTSIDER: False,
        ANONYMOUS: False,
    }
    own_manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    programme.managers.add(own_manager)
    assert may_export_instalments(own_manager, programme)
    lead = projects_of(programme).first().lead
    assert not may_export_instalments(lead, programme)  # a team sees its own on its page


def test_the_address_gives_the_file_to_those_people_only(client, programme, personas):
    url = reverse("reports:document", args=["instalments", XLSX, programme.code])
    expected = {
        Role.RESEARCHER.value: 404,
        Role.FUNDING_OFFICER.value: 200,
        Role.REVIEWER.value: 404,
        Role.PROGRAMME_MANAGER.value: 404,
        Role.ADMINISTRATOR.value: 200,
        "mentor": 404,
        "finance": 404,
        OUTSIDER: 404,
        ANONYMOUS: 302,
    }
    assert_access(client, personas, url, expected)
    manager = personas[Role.PROGRAMME_MANAGER.value]
    programme.managers.add(manager)
    client.force_login(manager)
    response = client.get(url + "?state=released")
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[XLSX]
    assert 'filename="TEST-CALLS-instalments.xlsx"' in response["Content-Disposition"]
    book = open_book(b"".join(response.streaming_content))
    assert [row[13] for row in data_of(book.worksheets[0])] == [360000]


def test_the_export_is_in_the_catalogue():
    assert documents.get("instalments", XLSX) is INSTALMENTS
    assert (INSTALMENTS.scope, INSTALMENTS.background) == (documents.PROGRAMME, False)
    assert INSTALMENTS.options == ("call", "state")
