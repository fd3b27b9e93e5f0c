"""The "Documents" menus of the funded projects' pages: a progress report's (its documents and
the results import while the team may still change it), a project's, the KPI dashboard's
(the KPI matrix and the instalments) and the funding officer's imports."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from accounts.links import Link, links_for
from accounts.roles import Role
from indicators.demo import seed_framework, seed_programme
from projects.models import ProgressReportState
from proposals.models import ProgressReportKind
from reports.links import OFFICER_TOOLS
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS, OUTSIDER
from tests.projects.builders import funded_project
from tests.projects.pages import put_report, report
from tests.reports import jobs_fakes
from tests.reports.test_links import document_url, menu

pytestmark = pytest.mark.django_db

catalogue = jobs_fakes.catalogue


def english(user):
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


@pytest.fixture
def project(officer):
    return funded_project(officer)


@pytest.fixture
def own_manager(project):
    manager = english(UserFactory(roles=[Role.PROGRAMME_MANAGER]))
    project.call.programme.managers.add(manager)
    return manager


def report_page(client, user, report):
    client.force_login(english(user))
    response = client.get(reverse("projects:progress_detail", args=[report.pk]))
    assert response.status_code == 200
    return response


def import_links(report):
    query = urlencode({"kind": report.kind, "project": report.proposal_id})
    return [
        ("Results template (Excel)", f"{reverse('reports:results_template')}?{query}"),
        ("Import results from Excel", f"{reverse('reports:results_import')}?{query}"),
    ]


def test_the_team_gets_the_results_import_of_its_draft_report(client, catalogue, project):
    draft = report(project, ProgressReportKind.MONTH_6)
    assert menu(report_page(client, project.lead, draft)) == import_links(draft)


def test_an_officer_gets_the_reports_documents_and_the_import(client, catalogue, project, officer):
    draft = report(project, ProgressReportKind.MONTH_6)
    assert menu(report_page(client, officer, draft)) == [
        ("Test progress report", document_url("test-report", "pdf", str(draft.pk))),
        *import_links(draft),
    ]


def test_the_programmes_manager_gets_the_documents_only(client, catalogue, project, own_manager):
    draft = report(project, ProgressReportKind.MONTH_6)
    assert menu(report_page(client, own_manager, draft)) == [
        ("Test progress report", document_url("test-report", "pdf", str(draft.pk)))
    ]


def test_a_submitted_report_takes_no_import(client, catalogue, project, officer):
    submitted = put_report(project, ProgressReportKind.MONTH_6, ProgressReportState.SUBMITTED)
    assert menu(report_page(client, project.lead, submitted)) == []
    assert menu(report_page(client, officer, submitted)) == [
        ("Test progress report", document_url("test-report", "pdf", str(submitted.pk)))
    ]


def test_a_returned_report_takes_the_import_again(client, catalogue, project):
    returned = put_report(project, ProgressReportKind.FINAL, ProgressReportState.RETURNED)
    assert menu(report_page(client, project.lead, returned)) == import_links(returned)


def test_the_project_page_shows_the_proposals_documents(client, catalogue, project, officer):
    expected = [("Test proposal", document_url("test-proposal", "pdf", project.reference))]
    for user in (project.lead, officer):
        client.force_login(english(user))
        response = client.get(reverse("projects:project", args=[project.pk]))
        assert response.status_code == 200
        assert menu(response) == expected


# The KPI dashboard -------------------------------------------------------------------------------


@pytest.fixture
def programme():
    return seed_framework(seed_programme())


def dashboard_menu(client, user, programme):
    client.force_login(english(user))
    response = client.get(reverse("indicators:dashboard", args=[programme.code]))
    assert response.status_code == 200
    return menu(response)


KPI_MATRIX = ("KPI matrix", document_url("kpi-matrix", "xlsx", "SLC"))
INSTALMENTS = ("Instalments and payments", document_url("instalments", "xlsx", "SLC"))


def test_the_dashboards_filters_go_with_the_documents_that_read_them(client, programme, officer):
    client.force_login(english(officer))
    page = client.get(
        reverse("indicators:dashboard", args=[programme.code]),
        {"fiscal_year": "2568", "region": "north"},
    )
    entries = dict(menu(page))
    filters = "fiscal_year=2568&region=north"
    assert entries["KPI matrix"] == f"{document_url('kpi-matrix', 'xlsx', 'SLC')}?{filters}"
    assert (
        entries["Programme KPI report"] == f"{document_url('kpi-report', 'pdf', 'SLC')}?{filters}"
    )
    # The instalments read no dashboard filter: their link stays plain.
    assert entries["Instalments and payments"] == document_url("instalments", "xlsx", "SLC")


def test_the_dashboard_offers_the_kpi_matrix_and_the_instalments(client, programme, officer):
    entries = dashboard_menu(client, officer, programme)
    assert KPI_MATRIX in entries and INSTALMENTS in entries


def test_the_dashboard_offers_the_instalments_to_the_programmes_managers_only(
    client, programme, manager
):
    entries = dashboard_menu(client, manager, programme)
    assert KPI_MATRIX in entries and INSTALMENTS not in entries
    programme.managers.add(manager)
    assert INSTALMENTS in dashboard_menu(client, manager, programme)


def test_the_dashboards_menu_lists_whatever_the_catalogue_holds(
    client, catalogue, programme, officer
):
    assert [label for label, _url in dashboard_menu(client, officer, programme)] == [
        "Broken report",
        "Broken small document",
        "Test KPI report",
        "Slow report",
    ]


# The officer's imports -------------------------------------------------------------------------


def test_only_funding_officers_get_the_imports_menu(personas):
    with translation.override("en"):
        answers = {name: links_for(OFFICER_TOOLS, user, user) for name, user in personas.items()}
    link = Link("Indicator results from Excel", reverse("reports:results_import"), "Excel")
    assert answers == {
        Role.RESEARCHER.value: [],
        Role.FUNDING_OFFICER.value: [link],
        Role.REVIEWER.value: [],
        Role.PROGRAMME_MANAGER.value: [],
        Role.ADMINISTRATOR.value: [],
        "mentor": [],
        "finance": [],
        OUTSIDER: [],
        ANONYMOUS: [],
    }


def test_the_officers_dashboard_shows_the_imports_menu(client, officer):
    client.force_login(english(officer))
    response = client.get(reverse("dashboard_for_role", args=["funding_officer"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-slot="officer_tools"' in html
    assert 'aria-expanded="false">Imports</button>' in html
    assert menu(response) == [("Indicator results from Excel", reverse("reports:results_import"))]
    results = client.get(reverse("reports:results_import"))
    assert results.status_code == 200
