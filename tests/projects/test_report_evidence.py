"""Evidence files of reported results: checked by size, type and content, removed while the
report is editable, downloaded only by those who read the report."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEntry
from projects.models import IndicatorResult, ProgressReport, ProgressReportState, ResultEvidence
from tests.projects.builders import report_of
from tests.projects.report_builders import complete_report, rich_project

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def _pptx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p/>")
    return buffer.getvalue()


@pytest.fixture
def report(officer, researcher):
    return complete_report(report_of(rich_project(officer, lead=researcher)))


@pytest.fixture
def result(report):
    return IndicatorResult.objects.get(report=report, indicator__code="KR1.1")


@pytest.fixture
def team(client, researcher):
    researcher.preferred_language = "en"
    researcher.save(update_fields=["preferred_language"])
    client.force_login(researcher)
    return client


def _url(report, result):
    return reverse("projects:progress_evidence", args=[report.pk, result.pk])


def _upload(team, report, result, name, content):
    return team.post(_url(report, result), {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ภาพถ่าย.png", PNG),
        ("minutes.pdf", PDF),
        ("slides.pptx", _pptx()),
        ("ผู้เข้าร่วม.csv", "ชื่อ,หน่วยงาน\nสมชาย,เทศบาล\n".encode()),
        ("excel-thai.csv", "ชื่อ,หน่วยงาน\n".encode("cp874")),
    ],
)
def test_evidence_files_of_the_allowed_kinds_are_stored(team, report, result, name, content):
    response = _upload(team, report, result, name, content)
    assert response.status_code == 302
    evidence = ResultEvidence.objects.get()
    assert (evidence.result, evidence.original_name, evidence.size) == (
        result,
        name,
        len(content),
    )
    assert evidence.file.read() == content
    assert name not in evidence.file.name  # stored under a random name
    assert AuditEntry.objects.filter(action="progress_report.evidence_added").count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "“virus.exe” is not a file type a report accepts"),
        ("archive.zip", _pptx(), "“archive.zip” is not a file type a report accepts"),
        ("fake.pdf", b"GIF89a", "The content of “fake.pdf” is not a PDF file"),
        ("fake.pptx", PDF, "The content of “fake.pptx” is not a PowerPoint file"),
        ("binary.csv", b"a,b\x00\x01", "The content of “binary.csv” is not a CSV file"),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused_and_nothing_is_stored(
    team, report, result, name, content, message
):
    response = _upload(team, report, result, name, content)
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert [str(m) for m in response.context["messages"]] == [
        "Nothing was saved: correct the file marked in red."
    ]
    assert not ResultEvidence.objects.exists()


def test_a_file_over_the_limit_is_refused(team, report, result, settings):
    settings.EVIDENCE_MAX_BYTES = 20
    response = _upload(team, report, result, "big.pdf", PDF)
    assert "an evidence file may be at most 20\xa0bytes" in response.content.decode()
    assert not ResultEvidence.objects.exists()


def test_uploading_without_a_file_says_so(team, report, result):
    response = team.post(_url(report, result), {})
    assert "Choose a file to upload." in response.content.decode()


def test_evidence_is_removed_while_the_report_is_editable(team, report, result):
    _upload(team, report, result, "minutes.pdf", PDF)
    evidence = ResultEvidence.objects.get()
    storage, name = evidence.file.storage, evidence.file.name
    delete = reverse("projects:progress_evidence_delete", args=[report.pk, evidence.pk])
    response = team.post(delete)
    assert response.status_code == 302
    assert not ResultEvidence.objects.exists()
    assert AuditEntry.objects.filter(action="progress_report.evidence_removed").count() == 1
    assert storage.exists(name)  # the file leaves once the transaction commits (not in tests)


def test_the_file_leaves_the_storage_after_the_commit(
    team, report, result, django_capture_on_commit_callbacks
):
    _upload(team, report, result, "minutes.pdf", PDF)
    evidence = ResultEvidence.objects.get()
    storage, name = evidence.file.storage, evidence.file.name
    delete = reverse("projects:progress_evidence_delete", args=[report.pk, evidence.pk])
    with django_capture_on_commit_callbacks(execute=True):
        team.post(delete)
    assert not storage.exists(name)


def test_evidence_of_a_submitted_report_can_neither_be_added_nor_removed(team, report, result):
    _upload(team, report, result, "minutes.pdf", PDF)
    evidence = ResultEvidence.objects.get()
    ProgressReport.objects.filter(pk=report.pk).update(state=ProgressReportState.SUBMITTED)
    refused = _upload(team, report, result, "more.pdf", PDF)
    assert refused.status_code == 302
    delete = reverse("projects:progress_evidence_delete", args=[report.pk, evidence.pk])
    assert team.post(delete).status_code == 302
    assert list(ResultEvidence.objects.values_list("original_name", flat=True)) == ["minutes.pdf"]


def test_a_result_of_another_report_is_not_found(team, report, officer):
    other = complete_report(report_of(rich_project(officer)))
    stranger = IndicatorResult.objects.filter(report=other).first()
    assert _upload(team, report, stranger, "minutes.pdf", PDF).status_code == 404
    assert not ResultEvidence.objects.exists()
