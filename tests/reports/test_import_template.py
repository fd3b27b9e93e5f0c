"""The results template: what it holds equals the database, for a team and for an officer."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accounts.roles import Role
from indicators.models import ValueType
from projects.models import IndicatorResult, ProgressReportState
from proposals.models import Proposal, ProposalState
from reports.imports import columns
from reports.imports.template import VALUE_HINTS
from tests.factories import UserFactory
from tests.reports.import_builders import (
    HEADER,
    download,
    project,
    report_of,
    set_report_state,
    sheet_rows,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded files (the proposals' attachments, the imports) go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def lead(db):
    return UserFactory(email="lead@example.org", roles=[Role.RESEARCHER])


def places(proposal):
    """The project's two partner municipalities, in the order of their Thai names."""
    return sorted(
        (link.municipality for link in proposal.municipalities.select_related("municipality")),
        key=lambda municipality: municipality.name_th,
    )


def expected_rows(proposal, kind="month_6", values=None):
    """The template's rows of a project as the database says they must be: KR1.1, KR2.1 in
    each municipality, KR3.1, with `values` {(code, municipality or None): (value, note,
    link)} prefilled."""
    values = values or {}
    first, second = places(proposal)
    title = proposal.title_th
    # The hints after the value types are new strings; the lead's catalogue translates them.
    hints = {value_type: str(hint) for value_type, hint in VALUE_HINTS.items()}
    helpers = {
        "KR1.1": ("จำนวนเมือง", "เมือง", f"จำนวน: {hints[ValueType.NUMBER]}", 1),
        "KR2.1": ("มีกองทุนเมือง", None, f"ใช่/ไม่ใช่: {hints[ValueType.YES_NO]}", 1),
        "KR3.1": ("สัดส่วนครัวเรือนที่ใช้บริการ", "%", f"ร้อยละ: {hints[ValueType.PERCENT]}", 50),
    }
    rows = []
    for code, place in [("KR1.1", None), ("KR2.1", first), ("KR2.1", second), ("KR3.1", None)]:
        value, note, link = values.get((code, place), (None, None, None))
        rows.append(
            [
                proposal.reference,
                kind,
                code,
                place.name_th if place else None,
                value,
                note,
                link,
                title,
                *helpers[code],
            ]
        )
    return rows


def test_the_team_template_holds_each_committed_result_with_what_is_stored(client, officer, lead):
    proposal = project(officer, lead=lead)
    report = report_of(proposal)
    first, _second = places(proposal)
    kr11 = IndicatorResult.objects.create(
        report=report,
        indicator=proposal.contributions.get(indicator__code="KR1.1").indicator,
        value=Decimal("3"),
        note="สำรวจครบสามเมือง",
        evidence_url="https://example.org/survey",
    )
    IndicatorResult.objects.create(
        report=report,
        indicator=proposal.contributions.filter(indicator__code="KR2.1")[0].indicator,
        municipality=first,
        value=Decimal("1"),
    )
    IndicatorResult.objects.create(
        report=report,
        indicator=proposal.contributions.filter(indicator__code="KR3.1")[0].indicator,
        value=Decimal("42.50"),
        note="",
    )
    client.force_login(lead)

    rows = sheet_rows(download(client, kind="month_6"))

    assert rows[0] == HEADER
    assert rows[1:] == expected_rows(
        proposal,
        values={
            ("KR1.1", None): (3, kr11.note, kr11.evidence_url),
            ("KR2.1", first): (1, None, None),
            ("KR3.1", None): (42.5, None, None),
        },
    )


def test_the_officer_template_lists_every_active_project_whose_report_is_still_open(
    client, officer
):
    first = project(officer)
    returned = project(officer)
    set_report_state(report_of(returned), ProgressReportState.RETURNED)
    submitted = project(officer)
    set_report_state(report_of(submitted), ProgressReportState.SUBMITTED)
    completed = project(officer)
    Proposal.objects.filter(pk=completed.pk).update(state=ProposalState.COMPLETED)
    client.force_login(officer)

    rows = sheet_rows(download(client, kind="month_6"))

    assert rows[1:] == expected_rows(first) + expected_rows(returned)


def test_the_final_report_template_names_its_period(client, officer, lead):
    proposal = project(officer, lead=lead)
    client.force_login(lead)

    workbook = download(client, kind="final")

    assert sheet_rows(workbook)[1:] == expected_rows(proposal, kind="final")
    assert sheet_rows(workbook, "instructions")[1] == [
        "รอบรายงาน: รายงานฉบับสมบูรณ์ (final)",
        "Reporting period: Final report (final)",
    ]


def test_the_officer_narrows_the_template_to_one_call_or_one_project(client, officer):
    first = project(officer)
    second = project(officer)
    client.force_login(officer)

    by_call = sheet_rows(download(client, kind="month_6", call=second.call_id))
    by_project = sheet_rows(download(client, kind="month_6", project=first.pk))
    by_programme = sheet_rows(download(client, kind="month_6", programme=first.call.programme_id))

    assert by_call[1:] == expected_rows(second)
    assert by_project[1:] == expected_rows(first)
    assert by_programme[1:] == expected_rows(first) + expected_rows(second)


def test_a_team_gets_only_its_own_project_and_cannot_ask_for_another(client, officer, lead):
    own = project(officer, lead=lead)
    other = project(officer)
    client.force_login(lead)

    assert sheet_rows(download(client, kind="month_6"))[1:] == expected_rows(own)
    response = client.get(
        reverse("reports:results_template"), {"kind": "month_6", "project": other.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:results_import") + "?kind=month_6"


def test_without_an_open_report_the_download_says_so_instead_of_an_empty_file(
    client, officer, lead
):
    proposal = project(officer, lead=lead)
    set_report_state(report_of(proposal), ProgressReportState.ACCEPTED)
    client.force_login(lead)
    lead.preferred_language = "en"
    lead.save(update_fields=["preferred_language"])

    response = client.get(reverse("reports:results_template"), {"kind": "month_6"}, follow=True)

    assert response.redirect_chain == [(reverse("reports:results_import") + "?kind=month_6", 302)]
    assert [str(message) for message in response.context["messages"]] == [
        "No 6-month progress report is open for results among the projects chosen."
    ]


def test_the_codes_sheet_lists_the_indicators_and_the_committed_municipalities(
    client, officer, lead
):
    proposal = project(officer, lead=lead)
    first, second = places(proposal)
    client.force_login(lead)

    rows = sheet_rows(download(client, kind="month_6"), "codes")

    assert rows == [
        [
            "แผนงาน\nProgramme",
            "รหัสตัวชี้วัด\nIndicator code",
            "ชื่อตัวชี้วัด\nIndicator (Thai)",
            "ชื่อภาษาอังกฤษ\nIndicator (English)",
            "หน่วย\nUnit",
            "ชนิดของค่า\nValue type",
            "รายงานรายเทศบาล\nPer municipality",
            None,
            "เทศบาล\nMunicipality",
            "ชื่อภาษาอังกฤษ\nEnglish name",
            "จังหวัด\nProvince",
        ],
        [
            "TEST-CALLS",
            "KR1.1",
            "จำนวนเมือง",
            "Cities",
            "เมือง / cities",
            "จำนวน / Number",
            "ไม่ใช่ / no",
            None,
            first.name_th,
            first.name_en,
            "ลำพูน",
        ],
        [
            "TEST-CALLS",
            "KR2.1",
            "มีกองทุนเมือง",
            "Has a city fund",
            None,
            "ใช่/ไม่ใช่ / Yes/no",
            "ใช่ / yes",
            None,
            second.name_th,
            second.name_en,
            "ลำพูน",
        ],
        [
            "TEST-CALLS",
            "KR3.1",
            "สัดส่วนครัวเรือนที่ใช้บริการ",
            "Share of households served",
            "%",
            "ร้อยละ / Percent",
            "ไม่ใช่ / no",
            None,
            None,
            None,
            None,
        ],
    ]


def test_the_sheet_is_laid_out_for_filling_in(client, officer, lead):
    project(officer, lead=lead)
    client.force_login(lead)

    sheet = download(client, kind="month_6")["results"]

    assert sheet.freeze_panes == "E2"
    assert sheet.auto_filter.ref == "A1:L5"
    assert [sheet.column_dimensions[letter].width for letter in "AEH"] == [16, 12, 36]
    grey = {sheet.cell(row=2, column=index).fill.fgColor.rgb for index in range(8, 13)}
    assert grey == {"00EDEDED"}
    assert sheet["E2"].fill.fill_type is None  # the cells to fill in are not grey
    validations = {
        str(validation.sqref): (validation.type, validation.formula1)
        for validation in sheet.data_validations.dataValidation
    }
    assert validations == {
        "B2:B105": ("list", '"month_6,month_12,final"'),
        "E2": ("decimal", "0"),
        "E3:E4": ("list", '"1,0"'),
        "E5": ("decimal", "0"),
    }


def test_the_english_downloader_reads_the_helper_columns_in_english(client, officer, lead):
    proposal = project(officer, lead=lead)
    lead.preferred_language = "en"
    lead.save(update_fields=["preferred_language"])
    client.force_login(lead)

    rows = sheet_rows(download(client, kind="month_6"))

    assert rows[1][7:] == [proposal.title_en, "Cities", "cities", "Number: a number, 0 or more", 1]
    assert rows[4][7:] == [
        proposal.title_en,
        "Share of households served",
        "%",
        "Percent: 0 to 100",
        50,
    ]


FORMULAS = ['=HYPERLINK("https://evil.example","click")', "+1+1", "-2+3", "@SUM(A1)", "#N/A"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_looking_text_in_notes_and_titles_stays_text(client, officer, lead, text):
    proposal = project(officer, lead=lead)
    Proposal.objects.filter(pk=proposal.pk).update(title_th=text)
    IndicatorResult.objects.create(
        report=report_of(proposal),
        indicator=proposal.contributions.get(indicator__code="KR1.1").indicator,
        value=Decimal("2"),
        note=text,
    )
    client.force_login(lead)
    response = client.get(reverse("reports:results_template"), {"kind": "month_6"})
    content = response.getvalue()

    sheet = load_workbook(io.BytesIO(content))["results"]

    for cell in (sheet["F2"], sheet["H2"]):
        assert (cell.value, cell.data_type) == (text, "s")
        assert cell.quotePrefix
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_the_template_is_named_for_its_project_and_period(client, officer, lead):
    proposal = project(officer, lead=lead)
    client.force_login(lead)

    response = client.get(reverse("reports:results_template"), {"kind": "month_6"})

    assert response["Content-Disposition"] == (
        f'attachment; filename="results-{proposal.reference}-month_6.xlsx"'
    )


def test_the_header_names_every_column_in_thai_and_english():
    with translation.override("en"):
        assert [column.header for column in columns.COLUMNS] == HEADER
