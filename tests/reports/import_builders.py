"""Funded projects with several kinds of commitments, and workbooks, for the tests of the
Excel import of indicator results (tests/reports/test_import_*.py)."""

import io
import zipfile
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from indicators.models import Indicator, Objective
from projects.models import IndicatorResult, ProgressReport, ProgressReportState
from proposals.models import IndicatorContribution, ProposalState
from tests.factories import MunicipalityFactory
from tests.projects.builders import approved_proposal, fund

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = [
    "รหัสโครงการ\nProject reference",
    "รายงาน\nReport",
    "รหัสตัวชี้วัด\nIndicator code",
    "เทศบาล\nMunicipality",
    "ค่าผลลัพธ์\nValue",
    "หมายเหตุ\nNote",
    "ลิงก์หลักฐาน\nEvidence link",
    "ชื่อโครงการ (อ่านอย่างเดียว)\nProject title (read only)",
    "ชื่อตัวชี้วัด (อ่านอย่างเดียว)\nIndicator (read only)",
    "หน่วย (อ่านอย่างเดียว)\nUnit (read only)",
    "ชนิดของค่า (อ่านอย่างเดียว)\nValue type (read only)",
    "เป้าหมายของโครงการ (อ่านอย่างเดียว)\nProject's target (read only)",
]


def indicators_of(programme):
    """KR1.1 (a number, from the complete proposal), KR2.1 (yes/no per municipality) and
    KR3.1 (a percentage, averaged) of the test programme."""
    objective = Objective.objects.get(programme=programme, code="O1")
    fund_indicator, _created = Indicator.objects.get_or_create(
        programme=programme,
        code="KR2.1",
        defaults={
            "objective": objective,
            "position": 2,
            "name_th": "มีกองทุนเมือง",
            "name_en": "Has a city fund",
            "value_type": "yes_no",
            "aggregation": "count_yes",
            "per_municipality": True,
        },
    )
    share, _created = Indicator.objects.get_or_create(
        programme=programme,
        code="KR3.1",
        defaults={
            "objective": objective,
            "position": 3,
            "name_th": "สัดส่วนครัวเรือนที่ใช้บริการ",
            "name_en": "Share of households served",
            "value_type": "percent",
            "aggregation": "average",
        },
    )
    Indicator.objects.filter(programme=programme, code="KR1.1").update(
        unit_th="เมือง", unit_en="cities"
    )
    return (
        Indicator.objects.get(programme=programme, code="KR1.1"),
        fund_indicator,
        share,
    )


def project(officer, lead=None, **kwargs):
    """A funded (active) project committed to KR1.1 (target 1), KR2.1 in its two partner
    municipalities (target 1 each) and KR3.1 (targets 40 then 60, averaged: 50)."""
    if lead is not None:
        kwargs["lead"] = lead
    proposal = approved_proposal(**kwargs)
    _number, fund_indicator, share = indicators_of(proposal.call.programme)
    first = proposal.municipalities.get(is_lead=True).municipality
    second = MunicipalityFactory()
    proposal.municipalities.create(municipality=second, is_lead=False, role="ภาคี")
    year = proposal.call.fiscal_year
    for place in (first, second):
        IndicatorContribution.objects.create(
            proposal=proposal,
            indicator=fund_indicator,
            fiscal_year=year,
            municipality=place,
            target=Decimal("1"),
        )
    later = proposal.call.programme.fiscal_years.exclude(pk=year.pk).first()
    for fiscal_year, target in ((year, "40"), (later, "60")):
        IndicatorContribution.objects.create(
            proposal=proposal, indicator=share, fiscal_year=fiscal_year, target=Decimal(target)
        )
    funded = fund(proposal, officer)
    assert funded.state == ProposalState.ACTIVE
    return funded


def report_of(proposal, kind="month_6"):
    return ProgressReport.objects.select_related("proposal").get(proposal=proposal, kind=kind)


def set_report_state(report, state):
    ProgressReport.objects.filter(pk=report.pk).update(state=state)
    return ProgressReport.objects.get(pk=report.pk)


def submit(report):
    return set_report_state(report, ProgressReportState.SUBMITTED)


# Workbooks -------------------------------------------------------------------------------------


def download(client, **params):
    response = client.get(reverse("reports:results_template"), params)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(response.getvalue()))


def sheet_rows(workbook, title="results"):
    return [list(row) for row in workbook[title].iter_rows(values_only=True)]


def workbook_of(rows, title="results", extra_sheets=()):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for name in extra_sheets:
        workbook.create_sheet(name)
    return workbook


def content_of(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_upload(workbook_or_bytes, name="results.xlsx"):
    content = (
        workbook_or_bytes if isinstance(workbook_or_bytes, bytes) else content_of(workbook_or_bytes)
    )
    return SimpleUploadedFile(name, content, content_type=XLSX)


def upload(client, workbook_or_bytes, kind="month_6", name="results.xlsx", follow=False):
    return client.post(
        reverse("reports:results_import"),
        {"kind": kind, "file": as_upload(workbook_or_bytes, name)},
        follow=follow,
    )


def row(reference, indicator, municipality=None, value=None, note=None, link=None, kind="month_6"):
    return [reference, kind, indicator, municipality, value, note, link]


def a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "สวัสดี")
    return buffer.getvalue()


def results_snapshot():
    """Every stored result, to compare before and after an import."""
    return sorted(
        (
            result.report_id,
            result.indicator_id,
            result.municipality_id,
            str(result.value),
            result.note,
            result.evidence_url,
        )
        for result in IndicatorResult.objects.all()
    )
