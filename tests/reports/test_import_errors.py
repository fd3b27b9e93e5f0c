"""Every kind of problem a results file may have names its sheet, row and column, and a file
with any problem changes nothing."""

import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from accounts.roles import Role
from core import workbooks
from indicators.models import Indicator, Objective
from projects.models import IndicatorResult, ProgressReportState
from proposals.models import Proposal, ProposalState
from reports.imports import sheet
from reports.imports.reader import read_plan
from tests.factories import MunicipalityFactory, UserFactory
from tests.reports.import_builders import (
    HEADER,
    a_zip_that_is_not_a_workbook,
    content_of,
    project,
    report_of,
    results_snapshot,
    row,
    set_report_state,
    upload,
    workbook_of,
)

pytestmark = pytest.mark.django_db

KEYS = HEADER[:7]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded files (the proposals' attachments, the imports) go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def scene(officer):
    """A team lead's project, another team's project, a municipality neither committed for,
    an indicator neither committed to, and one result already stored."""
    lead = UserFactory(email="lead@example.org", roles=[Role.RESEARCHER])
    own = project(officer, lead=lead)
    other = project(officer)
    first, second = sorted(
        (link.municipality for link in own.municipalities.select_related("municipality")),
        key=lambda municipality: municipality.name_th,
    )
    programme = own.call.programme
    Indicator.objects.create(
        programme=programme,
        objective=Objective.objects.get(programme=programme, code="O1"),
        code="KR4.1",
        position=4,
        name_th="ไม่ได้ให้คำมั่น",
        name_en="Not committed",
    )
    report = report_of(own)
    IndicatorResult.objects.create(
        report=report,
        indicator=Indicator.objects.get(programme=programme, code="KR1.1"),
        value=Decimal("2"),
        note="เดิม",
    )
    return SimpleNamespace(
        lead=lead,
        officer=officer,
        own=own,
        ref=own.reference,
        other=other,
        first=first,
        second=second,
        stranger=MunicipalityFactory(name_th="เทศบาลอื่น", name_en="Elsewhere"),
        report=report,
    )


def plan_of(rows, user, kind="month_6"):
    content = content_of(workbook_of(rows))
    with translation.override("en"):
        plan = read_plan(
            io.BytesIO(content), name="results.xlsx", size=len(content), kind=kind, user=user
        )
        return plan, [str(problem) for problem in plan.errors]


# One bad row each: (the row, what the problem says) ------------------------------------------

CASES = {
    "blank project": (
        lambda s: row(None, "KR1.1", value=1),
        "results, row 2, column A (project): Give the project's reference.",
    ),
    "unknown project": (
        lambda s: row("NOPE-1", "KR1.1", value=1),
        "results, row 2, column A (project): NOPE-1 is not one of the projects whose results "
        "you may import.",
    ),
    "another team's project": (
        lambda s: row(s.other.reference, "KR1.1", value=1),
        "results, row 2, column A (project): {other} is not one of the projects whose results "
        "you may import.",
    ),
    "blank report": (
        lambda s: row(s.ref, "KR1.1", value=1, kind=None),
        "results, row 2, column B (report): Give the report: month_6, month_12, final.",
    ),
    "unknown report": (
        lambda s: row(s.ref, "KR1.1", value=1, kind="month_9"),
        "results, row 2, column B (report): “month_9” is not a report whose results can be "
        "imported; write month_6, month_12, final.",
    ),
    "another period": (
        lambda s: row(s.ref, "KR1.1", value=1, kind="final"),
        "results, row 2, column B (report): This row is for the Final report, but you chose to "
        "import the 6-month progress report.",
    ),
    "blank indicator": (
        lambda s: row(s.ref, None, value=1),
        "results, row 2, column C (indicator): Give the indicator code.",
    ),
    "unknown indicator": (
        lambda s: row(s.ref, "KR9.9", value=1),
        "results, row 2, column C (indicator): The programme TEST-CALLS has no indicator KR9.9 "
        "(see the codes sheet).",
    ),
    "indicator not committed": (
        lambda s: row(s.ref, "KR4.1", value=1),
        "results, row 2, column C (indicator): Project {ref} did not commit to indicator KR4.1.",
    ),
    "municipality missing": (
        lambda s: row(s.ref, "KR2.1", value=1),
        "results, row 2, column D (municipality): Indicator KR2.1 is reported per "
        "municipality: give the municipality.",
    ),
    "unknown municipality": (
        lambda s: row(s.ref, "KR2.1", "ไม่มีเทศบาลนี้", value=1),
        "results, row 2, column D (municipality): There is no municipality called "
        "“ไม่มีเทศบาลนี้” (see the codes sheet).",
    ),
    "municipality not committed": (
        lambda s: row(s.ref, "KR2.1", "เทศบาลอื่น", value=1),
        "results, row 2, column D (municipality): Project {ref} did not commit to indicator "
        "KR2.1 in เทศบาลอื่น.",
    ),
    "municipality not expected": (
        lambda s: row(s.ref, "KR1.1", s.first.name_th, value=1),
        "results, row 2, column D (municipality): Indicator KR1.1 is not reported per "
        "municipality: leave the municipality empty.",
    ),
    "negative value": (
        lambda s: row(s.ref, "KR1.1", value=-1),
        "results, row 2, column E (value): KR1.1: The value cannot be negative.",
    ),
    "not a number": (
        lambda s: row(s.ref, "KR1.1", value="สาม"),
        "results, row 2, column E (value): KR1.1: “สาม” is not a number.",
    ),
    "three decimals": (
        lambda s: row(s.ref, "KR1.1", value="1.125"),
        "results, row 2, column E (value): KR1.1: Keep at most two decimals.",
    ),
    "percent over 100": (
        lambda s: row(s.ref, "KR3.1", value=120),
        "results, row 2, column E (value): KR3.1: This indicator is a percentage: give 0 to 100.",
    ),
    "not yes or no": (
        lambda s: row(s.ref, "KR2.1", s.first.name_th, value="maybe"),
        "results, row 2, column E (value): KR2.1 is a yes/no indicator: write 1 (yes) or 0 "
        "(no), not “maybe”.",
    ),
    "note without a value": (
        lambda s: row(s.ref, "KR3.1", note="ยังไม่ได้วัด"),
        "results, row 2, column E (value): The value is empty, so this row is left as it is "
        "and its note and evidence link would be lost: give the value, or empty the note and "
        "the link.",
    ),
    "bad link": (
        lambda s: row(s.ref, "KR1.1", value=1, link="drive/ผลสำรวจ"),
        "results, row 2, column G (evidence link): “drive/ผลสำรวจ” is not a web address of at "
        "most 500 characters: write it in full, starting with https://.",
    ),
    "link too long": (
        lambda s: row(s.ref, "KR1.1", value=1, link="https://example.org/" + "a" * 490),
        "results, row 2, column G (evidence link): “https://example.org/aaaaaaaaaaaaaaaaaaa…” "
        "is not a web address of at most 500 characters: write it in full, starting with "
        "https://.",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_bad_cell_is_named_by_sheet_row_and_column(scene, case):
    make_row, message = CASES[case]

    plan, errors = plan_of([KEYS, make_row(scene)], scene.lead)

    assert errors == [message.format(ref=scene.ref, other=scene.other.reference)]
    assert plan.rows == []


def test_a_result_given_twice_names_the_first_row(scene):
    rows = [
        KEYS,
        row(scene.ref, "KR2.1", scene.first.name_th, value=1),
        row(scene.ref, "KR1.1", value=3),
        row(scene.ref, "KR2.1", scene.first.name_en, value=0),
    ]

    _plan, errors = plan_of(rows, scene.lead)

    assert errors == [
        "results, row 4, column C (indicator): This result is already in row 2: give each "
        "result once."
    ]


def test_an_english_name_shared_by_two_municipalities_asks_for_the_thai_one(scene):
    MunicipalityFactory(name_th="เทศบาลซ้ำหนึ่ง", name_en="Twin Town")
    MunicipalityFactory(name_th="เทศบาลซ้ำสอง", name_en="Twin Town")

    _plan, errors = plan_of([KEYS, row(scene.ref, "KR2.1", "twin town", value=1)], scene.lead)

    assert errors == [
        "results, row 2, column D (municipality): Several municipalities are called “twin "
        "town” in English: write the Thai name."
    ]


def test_a_project_that_is_no_longer_active_takes_no_results(scene):
    Proposal.objects.filter(pk=scene.own.pk).update(state=ProposalState.COMPLETED)

    _plan, errors = plan_of([KEYS, row(scene.ref, "KR1.1", value=1)], scene.officer)

    assert errors == [
        f"results, row 2, column A (project): Project {scene.ref} is “Completed”: only active "
        "projects report results."
    ]


def test_a_report_already_submitted_or_accepted_takes_no_results(scene):
    set_report_state(scene.report, ProgressReportState.ACCEPTED)

    _plan, errors = plan_of([KEYS, row(scene.ref, "KR1.1", value=1)], scene.lead)

    assert errors == [
        f"results, row 2, column B (report): The 6-month progress report of project "
        f"{scene.ref} is “Accepted”: its results can be changed only while it is a draft or "
        "returned for changes."
    ]


def test_a_period_missing_from_the_projects_schedule_is_named(scene):
    rows = [KEYS, row(scene.ref, "KR1.1", value=1, kind="month_12")]

    _plan, errors = plan_of(rows, scene.lead, kind="month_12")

    assert errors == [
        f"results, row 2, column B (report): Project {scene.ref} has no 12-month progress "
        "report in its reporting schedule."
    ]


def test_an_officer_may_import_into_any_active_project(scene):
    rows = [KEYS, row(scene.other.reference, "KR1.1", value=1)]

    plan, errors = plan_of(rows, scene.officer)

    assert errors == []
    assert [(item.proposal, item.value) for item in plan.new] == [(scene.other, Decimal("1.00"))]


def test_every_problem_of_every_row_is_listed_at_once(scene):
    rows = [
        KEYS,
        row(scene.ref, "KR1.1", value=-1, link="nope"),
        row(None, None, value=1, kind="final"),
        [None] * 7,  # blank rows are skipped
        row(scene.ref, "KR3.1", value=30),
    ]

    plan, errors = plan_of(rows, scene.lead)

    assert [(problem.row, problem.letter, problem.kind) for problem in plan.errors] == [
        (2, "G", "bad_link"),
        (2, "E", "bad_value"),
        (3, "A", "blank_project"),
        (3, "B", "other_period"),
    ]
    assert len(errors) == 4


def test_columns_are_found_by_either_language_wherever_they_stand(scene):
    rows = [
        ["Value", "หมายเหตุ", "report", "Indicator code", "เทศบาล", "Project reference", "link?"],
        [5, "ย้ายคอลัมน์", "month_6", "kr1.1", None, scene.ref.lower(), None],
    ]
    rows[0][6] = "Evidence link"

    plan, errors = plan_of(rows, scene.lead)

    assert errors == []
    assert [(item.indicator.code, item.value, item.note) for item in plan.changed] == [
        ("KR1.1", Decimal("5.00"), "ย้ายคอลัมน์")
    ]


def test_a_bad_cell_in_a_moved_column_names_its_own_letter(scene):
    header = ["Project reference", "Value", "Report", "Indicator code", "Municipality"]
    rows = [
        [*header, "Note", "Evidence link"],
        [scene.ref, "x", "month_6", "KR1.1", None, None, None],
    ]

    _plan, errors = plan_of(rows, scene.lead)

    assert errors == ["results, row 2, column B (value): KR1.1: “x” is not a number."]


# Files that cannot be read -------------------------------------------------------------------


def test_missing_and_repeated_columns_are_named(scene):
    header = [*KEYS[:4], KEYS[0], *KEYS[5:]]  # no value column, the project twice

    _plan, errors = plan_of([header, row(scene.ref, "KR1.1", value=1)], scene.lead)

    assert errors == [
        "results, row 1, column E (project): The column Project reference appears more than once.",
        "results, row 1: The column “ค่าผลลัพธ์ / Value” is missing from the header row.",
    ]


def test_an_empty_header_row_is_named(scene):
    _plan, errors = plan_of([[None, None], row(scene.ref, "KR1.1", value=1)], scene.lead)

    assert errors == ["results, row 1: The first row must hold the column headers."]


FILES = {
    "not an xlsx name": (
        lambda: b"project,value\n",
        "results.csv",
        "Only Excel workbooks (.xlsx) can be imported; results.csv is not one.",
    ),
    "empty file": (lambda: b"", "results.xlsx", "The file is empty."),
    "not a zip": (
        lambda: b"this is not a workbook",
        "results.xlsx",
        "The file cannot be read as an Excel workbook (.xlsx).",
    ),
    "a zip but no workbook": (
        a_zip_that_is_not_a_workbook,
        "results.xlsx",
        "The file cannot be read as an Excel workbook (.xlsx).",
    ),
    "no results sheet": (
        lambda: content_of(workbook_of([KEYS], title="Sheet1")),
        "results.xlsx",
        "results: The workbook has no sheet named results (its sheets: Sheet1).",
    ),
}


@pytest.mark.parametrize("case", FILES)
def test_a_file_that_cannot_be_read_says_why_and_changes_nothing(client, scene, case, settings):
    make_content, name, message = FILES[case]
    scene.lead.preferred_language = "en"
    scene.lead.save(update_fields=["preferred_language"])
    client.force_login(scene.lead)
    before = results_snapshot()

    response = upload(client, make_content(), name=name)

    assert response.status_code == 200
    assert [str(problem) for problem in response.context["plan"].errors] == [message]
    assert "so nothing can be saved" in response.content.decode()
    assert results_snapshot() == before
    assert not (settings.MEDIA_ROOT / "imports").exists()


def test_a_sheet_with_too_many_rows_is_refused(scene, monkeypatch):
    rows = [KEYS, *(row(scene.ref, "KR1.1", value=1) for _ in range(4))]
    monkeypatch.setattr(sheet, "MAX_ROWS", 3)

    _plan, errors = plan_of(rows, scene.lead)

    assert errors == ["results: The sheet has more than 3 rows of results; split the file."]


def test_a_file_too_large_is_refused_before_it_is_opened(scene, monkeypatch):
    monkeypatch.setattr(workbooks, "MAX_BYTES", 100)  # the message still says the real limit

    _plan, errors = plan_of([KEYS, row(scene.ref, "KR1.1", value=1)], scene.lead)

    assert errors == ["The file is larger than 5 MB."]


def test_a_file_with_one_bad_row_among_good_ones_changes_nothing(client, scene):
    client.force_login(scene.lead)
    rows = [
        KEYS,
        row(scene.ref, "KR1.1", value=7, note="ใหม่"),
        row(scene.ref, "KR2.1", scene.first.name_th, value=1),
        row(scene.ref, "KR3.1", value=101),
    ]
    before = results_snapshot()

    response = upload(client, workbook_of(rows))

    assert response.status_code == 200
    assert [problem.kind for problem in response.context["plan"].errors] == ["bad_value"]
    assert response.context["token"] is None
    assert 'id="new"' not in response.content.decode()  # no preview of the good rows
    assert results_snapshot() == before


# Formulas and sizes --------------------------------------------------------------------------


def test_a_formula_in_a_note_is_refused_and_the_stored_note_kept(client, scene):
    """A note holding =HYPERLINK(…) used to replace the stored note with nothing."""
    link = '=HYPERLINK("https://example.org/photo.jpg","ภาพถ่าย")'
    rows = [KEYS, row(scene.ref, "KR1.1", value=2, note=link)]
    before = results_snapshot()
    scene.lead.preferred_language = "en"
    scene.lead.save(update_fields=["preferred_language"])
    client.force_login(scene.lead)
    response = upload(client, workbook_of(rows))
    with translation.override("en"):
        errors = [str(problem) for problem in response.context["plan"].errors]
    assert errors == [
        'results, row 2, column F (note): This cell holds a formula (=HYPERLINK("https://example'
        ".org/photo.j…): type the value, not a formula."
    ]
    assert response.context["token"] is None  # nothing to confirm
    assert results_snapshot() == before
    assert IndicatorResult.objects.get(report=scene.report).note == "เดิม"


def test_a_formula_anywhere_in_the_sheet_is_named_by_row_and_column(scene):
    rows = [
        [*KEYS, "my sums"],
        [*row(scene.ref, "KR1.1", value="=1+1"), None],
        [*row(scene.ref, "KR2.1", scene.first.name_th, value=1), "=SUM(E2:E3)"],
    ]
    _plan, errors = plan_of(rows, scene.lead)
    assert errors == [
        "results, row 2, column E (value): This cell holds a formula (=1+1): type the value, "
        "not a formula.",
        "results, row 3, column H (my sums): This cell holds a formula (=SUM(E2:E3)): type the "
        "value, not a formula.",
    ]


def test_text_that_starts_with_an_equals_sign_is_text_not_a_formula(scene):
    workbook = workbook_of([KEYS, row(scene.ref, "KR1.1", value=2, note="x")])
    workbook.active["F2"].value = "=ดูภาพถ่าย"
    workbook.active["F2"].data_type = "s"  # typed as text, as a quote-prefixed cell is saved
    content = content_of(workbook)
    with translation.override("en"):
        plan = read_plan(
            io.BytesIO(content), name="r.xlsx", size=len(content), kind="month_6", user=scene.lead
        )
    assert [problem.kind for problem in plan.errors] == []


def test_a_workbook_too_large_once_unpacked_says_it_is_too_large(scene, monkeypatch):
    monkeypatch.setattr(workbooks, "MAX_UNPACKED_BYTES", 100)  # the message says the real limit
    _plan, errors = plan_of([KEYS, row(scene.ref, "KR1.1", value=1)], scene.lead)
    assert errors == [
        "The workbook is larger than 100 MB once unpacked: it is too large to import."
    ]
