"""The round trip: download the template, fill it in with openpyxl, upload, preview, apply."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from accounts.roles import Role
from projects.models import IndicatorResult, ProgressReportState
from reports.imports import apply
from tests.factories import UserFactory
from tests.reports.import_builders import (
    HEADER,
    content_of,
    download,
    project,
    report_of,
    results_snapshot,
    row,
    set_report_state,
    submit,
    upload,
    workbook_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded files (the proposals' attachments, the imports) go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


VALUE, NOTE, LINK = 5, 6, 7  # the columns E, F and G of the results sheet


@pytest.fixture
def lead(db):
    user = UserFactory(email="lead@example.org", roles=[Role.RESEARCHER])
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


@pytest.fixture
def officer_en(officer):
    officer.preferred_language = "en"
    officer.save(update_fields=["preferred_language"])
    return officer


def places(proposal):
    return sorted(
        (link.municipality for link in proposal.municipalities.select_related("municipality")),
        key=lambda municipality: municipality.name_th,
    )


def stored(report):
    """{(indicator code, Thai municipality name or None): (value, note, link)}."""
    return {
        (result.indicator.code, result.municipality.name_th if result.municipality else None): (
            result.value,
            result.note,
            result.evidence_url,
        )
        for result in IndicatorResult.objects.filter(report=report).select_related(
            "indicator", "municipality"
        )
    }


def fill(workbook, cells):
    """Write {(row, column): value} into the results sheet."""
    sheet = workbook["results"]
    for (number, column), value in cells.items():
        sheet.cell(row=number, column=column).value = value
    return workbook


def preview_of(client, response):
    """Follow the upload's redirect to the preview; returns (preview url, response)."""
    assert response.status_code == 302, response.status_code
    url = response["Location"]
    return url, client.get(url)


def apply_preview(client, url, preview, **extra):
    return client.post(url, {"digest": preview.context["plan"].digest, **extra}, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_the_team_fills_in_its_template_and_the_results_are_saved(client, officer, lead):
    proposal = project(officer, lead=lead)
    report = report_of(proposal)
    first, second = places(proposal)
    client.force_login(lead)
    workbook = fill(
        download(client, kind="month_6"),
        {
            (2, VALUE): 3,
            (2, NOTE): "สำรวจครบ",
            (2, LINK): "https://example.org/survey",
            (3, VALUE): "ใช่",
            (4, VALUE): 0,
            (5, VALUE): 42.5,
        },
    )

    url, preview = preview_of(client, upload(client, workbook))

    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert (len(plan.new), len(plan.changed), len(plan.unchanged), len(plan.kept)) == (4, 0, 0, 0)
    assert IndicatorResult.objects.count() == 0  # nothing is saved by the upload
    done = apply_preview(client, url, preview)

    assert done.redirect_chain == [(reverse("reports:results_import") + "?kind=month_6", 302)]
    assert messages_of(done) == [
        "Results imported from results.xlsx into 1 report: 4 added, 0 changed, 0 unchanged."
    ]
    assert stored(report) == {
        ("KR1.1", None): (Decimal("3.00"), "สำรวจครบ", "https://example.org/survey"),
        ("KR2.1", first.name_th): (Decimal("1.00"), "", ""),
        ("KR2.1", second.name_th): (Decimal("0.00"), "", ""),
        ("KR3.1", None): (Decimal("42.50"), "", ""),
    }
    entry = AuditEntry.objects.get(action=apply.IMPORTED)
    assert (entry.actor, entry.object_id) == (lead, str(report.pk))
    assert entry.data == {
        "file": "results.xlsx",
        "new": 4,
        "changed": 0,
        "unchanged": 0,
        "kept": 0,
        "results": [
            {"indicator": "KR1.1", "municipality": "", "old": None, "new": "3.00"},
            {"indicator": "KR2.1", "municipality": first.name_th, "old": None, "new": "1.00"},
            {"indicator": "KR2.1", "municipality": second.name_th, "old": None, "new": "0.00"},
            {"indicator": "KR3.1", "municipality": "", "old": None, "new": "42.50"},
        ],
    }


def test_changed_values_show_old_and_new_and_empty_values_are_left_as_they_are(
    client, officer, lead
):
    proposal = project(officer, lead=lead)
    report = report_of(proposal)
    first, second = places(proposal)
    number = proposal.contributions.get(indicator__code="KR1.1").indicator
    fund_indicator = proposal.contributions.filter(indicator__code="KR2.1")[0].indicator
    IndicatorResult.objects.create(report=report, indicator=number, value=2, note="เดิม")
    IndicatorResult.objects.create(
        report=report, indicator=fund_indicator, municipality=first, value=1
    )
    IndicatorResult.objects.create(
        report=report, indicator=fund_indicator, municipality=second, value=0, note="ยังไม่มี"
    )
    client.force_login(lead)
    workbook = fill(
        download(client, kind="month_6"),
        {(2, VALUE): 4, (2, NOTE): "ใหม่", (4, VALUE): None, (4, NOTE): "ยังไม่มี"},
    )

    url, preview = preview_of(client, upload(client, workbook))

    plan = preview.context["plan"]
    assert [(item.label, item.old, item.new) for item in plan.changed[0].changes] == [
        ("value", "2", "4"),
        ("note", "เดิม", "ใหม่"),
    ]
    assert [item.row for item in plan.unchanged] == [3]
    assert [item.row for item in plan.kept] == [4, 5]  # row 5: KR3.1 has no value yet
    assert '<td class="text-muted text-break">เดิม</td>' in preview.content.decode()
    apply_preview(client, url, preview)

    assert stored(report) == {
        ("KR1.1", None): (Decimal("4.00"), "ใหม่", ""),
        ("KR2.1", first.name_th): (Decimal("1.00"), "", ""),
        ("KR2.1", second.name_th): (Decimal("0.00"), "ยังไม่มี", ""),
    }
    entry = AuditEntry.objects.get(action=apply.IMPORTED)
    assert entry.data["results"] == [
        {"indicator": "KR1.1", "municipality": "", "old": "2.00", "new": "4.00"}
    ]
    assert (entry.data["changed"], entry.data["unchanged"], entry.data["kept"]) == (1, 1, 2)


def test_an_officer_imports_many_projects_with_one_audit_entry_per_report(client, officer_en):
    first = project(officer_en)
    second = project(officer_en)
    client.force_login(officer_en)
    workbook = fill(download(client, kind="month_6"), {(2, VALUE): 1, (6, VALUE): 7})

    url, preview = preview_of(client, upload(client, workbook))
    done = apply_preview(client, url, preview)

    assert messages_of(done) == [
        "Results imported from results.xlsx into 2 reports: 2 added, 0 changed, 0 unchanged."
    ]
    assert stored(report_of(first)) == {("KR1.1", None): (Decimal("1.00"), "", "")}
    assert stored(report_of(second)) == {("KR1.1", None): (Decimal("7.00"), "", "")}
    entries = AuditEntry.objects.filter(action=apply.IMPORTED).order_by("object_id")
    assert [entry.object_id for entry in entries] == [
        str(report_of(first).pk),
        str(report_of(second).pk),
    ]
    assert {entry.actor for entry in entries} == {officer_en}


def test_a_file_that_changes_nothing_has_nothing_to_apply(client, officer, lead, settings):
    project(officer, lead=lead)
    client.force_login(lead)

    response = upload(client, download(client, kind="month_6"))

    assert response.status_code == 200
    assert "there is nothing to apply" in response.content.decode()
    assert response.context["token"] is None
    folder = settings.MEDIA_ROOT / "imports" / "results"
    assert not folder.exists() or not list(folder.iterdir())


def test_the_municipality_may_be_written_in_english_and_percent_cells_are_read_as_shown(
    client, officer, lead
):
    proposal = project(officer, lead=lead)
    first, _second = places(proposal)
    client.force_login(lead)
    workbook = fill(download(client, kind="month_6"), {(3, 4): first.name_en.upper()})
    fill(workbook, {(3, VALUE): 1, (5, VALUE): 0.455})
    workbook["results"].cell(row=5, column=VALUE).number_format = "0.0%"

    url, preview = preview_of(client, upload(client, workbook))
    apply_preview(client, url, preview)

    assert stored(report_of(proposal)) == {
        ("KR2.1", first.name_th): (Decimal("1.00"), "", ""),
        ("KR3.1", None): (Decimal("45.50"), "", ""),
    }


def test_a_report_submitted_between_preview_and_apply_refuses_the_whole_file(client, officer_en):
    project(officer_en)
    second = project(officer_en)
    client.force_login(officer_en)
    workbook = fill(download(client, kind="month_6"), {(2, VALUE): 1, (6, VALUE): 7})
    url, preview = preview_of(client, upload(client, workbook))
    submit(report_of(second))

    done = apply_preview(client, url, preview)

    assert IndicatorResult.objects.count() == 0
    assert not AuditEntry.objects.filter(action=apply.IMPORTED).exists()
    assert done.status_code == 200
    assert done.context["refused"] is True
    assert [str(problem) for problem in done.context["plan"].errors] == [
        f"results, row {number}, column B (report): The 6-month progress report of project "
        f"{second.reference} is “Submitted”: its results can be changed only while it is a "
        "draft or returned for changes."
        for number in (6, 7, 8, 9)
    ]
    assert "Nothing was imported: the reports changed since the preview" in (done.content.decode())
    # The upload is forgotten: applying again says so.
    again = client.post(url, {"digest": "x"}, follow=True)
    assert messages_of(again) == [
        "This upload is not waiting for confirmation: it was applied or cancelled already, or "
        "it expired. Upload the file again."
    ]


def test_results_changed_since_the_preview_are_shown_again_before_anything_is_saved(
    client, officer, lead
):
    proposal = project(officer, lead=lead)
    report = report_of(proposal)
    client.force_login(lead)
    workbook = fill(download(client, kind="month_6"), {(2, VALUE): 5})
    url, preview = preview_of(client, upload(client, workbook))
    number = proposal.contributions.get(indicator__code="KR1.1").indicator
    IndicatorResult.objects.create(report=report, indicator=number, value=9, note="จากหน้ารายงาน")

    stale = apply_preview(client, url, preview)

    assert stale.context["stale"] is True
    assert stored(report) == {("KR1.1", None): (Decimal("9.00"), "จากหน้ารายงาน", "")}
    changes = stale.context["plan"].changed[0].changes
    assert [(item.label, item.old, item.new) for item in changes] == [
        ("value", "9", "5"),
        ("note", "จากหน้ารายงาน", "—"),
    ]
    apply_preview(client, url, stale)
    assert stored(report) == {("KR1.1", None): (Decimal("5.00"), "", "")}


def test_cancelling_changes_nothing_and_forgets_the_file(client, officer, lead, settings):
    project(officer, lead=lead)
    client.force_login(lead)
    workbook = fill(download(client, kind="month_6"), {(2, VALUE): 5})
    url, _preview = preview_of(client, upload(client, workbook))

    done = client.post(url, {"cancel": "1"}, follow=True)

    assert messages_of(done) == ["Import cancelled. Nothing was changed."]
    assert IndicatorResult.objects.count() == 0
    assert list((settings.MEDIA_ROOT / "imports" / "results").iterdir()) == []


def test_pressing_apply_twice_applies_once(client, officer, lead):
    project(officer, lead=lead)
    client.force_login(lead)
    workbook = fill(download(client, kind="month_6"), {(2, VALUE): 5})
    url, preview = preview_of(client, upload(client, workbook))

    apply_preview(client, url, preview)
    second = apply_preview(client, url, preview)

    assert second.redirect_chain == [(reverse("reports:results_import"), 302)]
    assert IndicatorResult.objects.count() == 1
    assert AuditEntry.objects.filter(action=apply.IMPORTED).count() == 1


def test_another_persons_upload_is_not_theirs_to_apply(client, officer, lead):
    project(officer, lead=lead)
    client.force_login(lead)
    workbook = fill(download(client, kind="month_6"), {(2, VALUE): 5})
    url, preview = preview_of(client, upload(client, workbook))
    client.force_login(officer)

    response = client.post(url, {"digest": preview.context["plan"].digest})

    assert response.status_code == 302
    assert IndicatorResult.objects.count() == 0


def test_a_returned_report_takes_results_again(client, officer, lead):
    proposal = project(officer, lead=lead)
    report = set_report_state(report_of(proposal), ProgressReportState.RETURNED)
    client.force_login(lead)
    rows = [HEADER[:7], row(proposal.reference, "KR1.1", value="2")]

    url, preview = preview_of(client, upload(client, workbook_of(rows)))
    apply_preview(client, url, preview)

    assert stored(report) == {("KR1.1", None): (Decimal("2.00"), "", "")}


def test_the_service_refuses_a_file_applied_after_its_report_was_submitted(officer, lead):
    proposal = project(officer, lead=lead)
    report = report_of(proposal)
    rows = [HEADER[:7], row(proposal.reference, "KR1.1", value="2")]
    content = content_of(workbook_of(rows))
    submit(report)
    before = results_snapshot()

    outcome = apply.import_file(
        io.BytesIO(content), name="r.xlsx", size=len(content), kind="month_6", actor=lead
    )

    assert (outcome.applied, [problem.kind for problem in outcome.plan.errors]) == (
        False,
        ["report_closed"],
    )
    assert results_snapshot() == before


def test_a_note_written_on_a_web_form_round_trips_unchanged(client, officer, lead):
    proposal = project(officer, lead=lead)
    number = proposal.contributions.get(indicator__code="KR1.1").indicator
    IndicatorResult.objects.create(
        report=report_of(proposal),
        indicator=number,
        value=2,
        note="บรรทัดแรก\r\nบรรทัดที่สอง ",  # a textarea sends CRLF
        evidence_url="https://example.org/a",
    )
    client.force_login(lead)
    workbook = fill(download(client, kind="month_6"), {(2, VALUE): None})  # "leave as is"

    response = upload(client, workbook)

    assert response.status_code == 200
    assert response.context["plan"].errors == []
    assert "there is nothing to apply" in response.content.decode()
