"""The one write path of indicator results (`projects.progress.services.results`): the results
page and the Excel import both write through it, so its rules hold for both."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from accounts.models import AuditEntry
from accounts.roles import Role
from projects.models import IndicatorResult, ProgressReportState, ResultEvidence
from projects.progress.services import results
from projects.progress.services.editing import NotEditable
from reports.imports import apply
from tests.factories import UserFactory
from tests.helpers import count_queries
from tests.reports.import_builders import (
    HEADER,
    content_of,
    indicators_of,
    project,
    report_of,
    row,
    set_report_state,
    workbook_of,
)

D = Decimal
ONE = D("1")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def lead(db):
    return UserFactory(email="lead@example.org", roles=[Role.RESEARCHER])


def _places(proposal):
    return sorted(
        (link.municipality for link in proposal.municipalities.select_related("municipality")),
        key=lambda municipality: municipality.name_th,
    )


def _rows(proposal, value=ONE):
    """A value for every result `proposal` committed to."""
    number, fund_indicator, share = indicators_of(proposal.call.programme)
    first, second = _places(proposal)
    return [
        (number, None, value, "", ""),
        (fund_indicator, first, D("1"), "", ""),
        (fund_indicator, second, D("0"), "", ""),
        (share, None, D("40"), "", ""),
    ]


def _stored():
    return sorted(
        (result.report_id, result.indicator.code, result.value)
        for result in IndicatorResult.objects.select_related("indicator")
    )


def test_many_reports_are_written_at_once_with_one_audit_entry_each(officer):
    first, second = project(officer), project(officer)

    changes = results.write_results(
        actor=officer,
        reports=[
            results.ReportResults(report_of(first), _rows(first)),
            results.ReportResults(report_of(second), _rows(second)[:1]),
        ],
    )

    assert [len(change["added"]) for change in changes] == [4, 1]
    assert IndicatorResult.objects.count() == 5
    entries = AuditEntry.objects.filter(action=results.RESULTS_SAVED).order_by("object_id")
    assert [entry.object_id for entry in entries] == [
        str(report_of(first).pk),
        str(report_of(second).pk),
    ]


def test_a_report_no_longer_editable_refuses_every_report_of_the_write(officer):
    first, second = project(officer), project(officer)
    set_report_state(report_of(second), ProgressReportState.SUBMITTED)

    with pytest.raises(NotEditable) as refused:
        results.write_results(
            actor=officer,
            reports=[
                results.ReportResults(report_of(first), _rows(first)),
                results.ReportResults(report_of(second), _rows(second)),
            ],
        )

    assert refused.value.messages == [
        f"{report_of(second)}: This report is “Submitted”: it can no longer be changed."
    ]
    assert not IndicatorResult.objects.exists()
    assert not AuditEntry.objects.filter(action=results.RESULTS_SAVED).exists()


def test_only_the_team_and_funding_officers_write_results(officer, lead, manager):
    proposal = project(officer, lead=lead)
    report = report_of(proposal)

    with pytest.raises(PermissionDenied):
        results.save_results(actor=manager, report=report, rows=_rows(proposal))
    assert not IndicatorResult.objects.exists()
    results.save_results(actor=lead, report=report, rows=_rows(proposal))
    results.save_results(actor=officer, report=report, rows=_rows(proposal, value=D("2")))
    assert _stored()[0] == (report.pk, "KR1.1", D("2.00"))


def test_a_result_with_evidence_keeps_its_value_and_nothing_is_written(officer, lead):
    proposal = project(officer, lead=lead)
    report = report_of(proposal)
    results.save_results(actor=lead, report=report, rows=_rows(proposal))
    kept = IndicatorResult.objects.get(report=report, indicator__code="KR1.1")
    ResultEvidence.objects.create(result=kept, file="x.pdf", original_name="x.pdf", size=1)
    rows = _rows(proposal, value=None)
    rows[3] = (*rows[3][:2], D("55"), "", "")

    with pytest.raises(ValidationError) as refused:
        results.save_results(actor=lead, report=report, rows=rows)

    assert refused.value.messages == ["The result for KR1.1 has evidence files: remove them first."]
    assert IndicatorResult.objects.get(report=report, indicator__code="KR3.1").value == D("40")


def test_writing_runs_the_same_queries_for_one_row_or_many(officer):
    proposal = project(officer)
    report = report_of(proposal)
    every = _rows(proposal)

    def write(rows):
        IndicatorResult.objects.all().delete()
        return count_queries(lambda: results.save_results(actor=officer, report=report, rows=rows))

    assert write(every[:1]) == write(every)
    # Changing and removing are as flat as adding.
    changed = [(*item[:2], D("1"), "changed", "") for item in every]
    results.save_results(actor=officer, report=report, rows=every[:1])
    one = count_queries(
        lambda: results.save_results(actor=officer, report=report, rows=changed[:1])
    )
    results.save_results(actor=officer, report=report, rows=every)
    assert (
        count_queries(lambda: results.save_results(actor=officer, report=report, rows=changed))
        == one
    )


def test_applying_a_file_runs_the_same_queries_for_one_row_or_many(officer):
    projects = [project(officer) for _ in range(2)]

    def apply_rows(rows):
        IndicatorResult.objects.all().delete()
        content = content_of(workbook_of([HEADER[:7], *rows]))
        return count_queries(
            lambda: apply.import_file(
                io.BytesIO(content), name="r.xlsx", size=len(content), kind="month_6", actor=officer
            )
        )

    one_each = [row(item.reference, "KR1.1", value=1) for item in projects]
    many_each = [
        row(item.reference, code, value=1) for item in projects for code in ("KR1.1", "KR3.1")
    ]
    assert apply_rows(one_each) == apply_rows(many_each)
    assert IndicatorResult.objects.count() == 4


WRITE = re.compile(
    r"IndicatorResult(\.objects\.(create|bulk_create|bulk_update|get_or_create|update_or_create)\b"
    r"|\.objects\.filter\(.*\)\.(update|delete)\(|\()"
)


def test_no_other_module_writes_indicator_results():
    """Every write of the table goes through the results service (the demo's seed data
    aside)."""
    root = Path(settings.BASE_DIR)
    writers = sorted(
        str(path.relative_to(root))
        for app in ("projects", "reviews", "reports")
        for path in (root / app).rglob("*.py")
        if not {"migrations", "demo"} & set(path.parts)
        and path.name != "progress.py"  # the model itself
        and WRITE.search(path.read_text())
    )
    assert writers == ["projects/progress/services/results.py"]
