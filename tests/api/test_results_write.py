"""Indicator results written through the API: the same checks as the results page, the same
service (one audit entry), every field refused named, nothing half-saved."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from accounts.roles import Role
from api.models import TokenScope
from api.tokens import services
from indicators.models import Programme
from projects.models import IndicatorResult
from projects.progress.services.results import RESULTS_SAVED
from tests.api.conftest import assert_api_access, call_api
from tests.projects.builders import report_of
from tests.projects.report_builders import rich_project
from tests.reviews.screening.builders import assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(researcher, officer, reviewer, manager):
    project = rich_project(officer, lead=researcher)
    project.call.programme.managers.add(manager)
    Programme.objects.filter(pk=project.call.programme.pk).update(public_portfolio=True)
    assign(project, reviewer)
    return project


def url(report):
    return reverse("api:v1:progress_report_results", args=[report.pk])


def towns(project):
    return sorted(
        (link.municipality for link in project.municipalities.select_related("municipality")),
        key=lambda town: town.name_th,
    )


def body(project, percent="55.50"):
    first, second = towns(project)
    return {
        "results": [
            {"indicator": "KR3.1", "value": percent, "note": "ชั้นข้อมูล"},
            {"indicator": "KR2.1", "municipality": first.pk, "value": "1"},
            {"indicator": "KR2.1", "municipality": second.pk, "value": "0"},
        ]
    }


def test_who_may_write_results_of_a_report(client, personas, project):
    expected = {
        Role.RESEARCHER.value: 200,
        Role.FUNDING_OFFICER.value: 200,
        Role.REVIEWER.value: 404,
        Role.PROGRAMME_MANAGER.value: 403,
        Role.ADMINISTRATOR.value: 403,
        "mentor": 404,
        "finance": 404,
        "outsider": 404,
        "anonymous": 401,
    }
    assert_api_access(client, personas, url(report_of(project)), expected, "put", body(project))


def test_results_are_written_by_the_one_service(client, project, researcher):
    report = report_of(project)
    key = services.create_token(actor=researcher, name="t", scope=TokenScope.WRITE)[1]
    response = call_api(client, key, url(report), "put", body(project))
    assert response.status_code == 200, response.content
    assert {row["indicator"] for row in response.json()} == {"KR2.1", "KR3.1"}
    assert IndicatorResult.objects.get(report=report, indicator__code="KR3.1").value == Decimal(
        "55.50"
    )
    assert AuditEntry.objects.filter(action=RESULTS_SAVED).count() == 1
    # The same rows again change nothing and record nothing.
    call_api(client, key, url(report), "put", body(project))
    assert AuditEntry.objects.filter(action=RESULTS_SAVED).count() == 1


def test_refused_rows_are_named_and_nothing_is_saved(client, project, researcher):
    report = report_of(project)
    key = services.create_token(actor=researcher, name="t", scope=TokenScope.WRITE)[1]
    data = body(project, percent="150")
    data["results"].append({"indicator": "KR9.9", "value": "1"})
    response = call_api(client, key, url(report), "put", data)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    errors = {error["field"]: error["detail"] for error in response.json()["errors"]}
    assert set(errors) == {"results/0/value", "results/3/indicator"}
    assert "0 ถึง 100" in errors["results/0/value"] or "100" in errors["results/0/value"]
    assert not IndicatorResult.objects.filter(report=report).exists()


def test_a_malformed_value_is_named(client, project, researcher):
    key = services.create_token(actor=researcher, name="t", scope=TokenScope.WRITE)[1]
    data = {"results": [{"indicator": "KR3.1", "value": "many"}]}
    response = call_api(client, key, url(report_of(project)), "put", data)
    assert response.status_code == 400
    assert [error["pointer"] for error in response.json()["errors"]] == ["/results/0/value"]


def test_a_report_no_longer_editable_is_refused(client, project, researcher):
    from projects.models import ProgressReport, ProgressReportState

    report = report_of(project)
    ProgressReport.objects.filter(pk=report.pk).update(state=ProgressReportState.SUBMITTED)
    key = services.create_token(actor=researcher, name="t", scope=TokenScope.WRITE)[1]
    response = call_api(client, key, url(report), "put", body(project))
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == ""
    assert not IndicatorResult.objects.filter(report=report).exists()
