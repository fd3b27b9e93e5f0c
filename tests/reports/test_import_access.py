"""Who may use the results import, the links other pages show, and the queries it runs."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from projects.models import ProgressReportState
from proposals.models import TeamMember
from reports.imports.links import import_links
from reports.imports.reader import read_plan
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS, OUTSIDER, assert_access, assert_flat_queries, count_queries
from tests.reports.import_builders import (
    HEADER,
    as_upload,
    content_of,
    project,
    report_of,
    row,
    set_report_state,
    workbook_of,
)

pytestmark = pytest.mark.django_db

LOGIN = 302
NOT_FOUND = 404


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded files (the proposals' attachments, the imports) go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(personas, officer):
    """The personas, the lead of a project and the lead of another project."""
    lead = UserFactory(email="lead@example.org", roles=[Role.RESEARCHER])
    other_lead = UserFactory(email="other@example.org", roles=[Role.RESEARCHER])
    own = project(officer, lead=lead)
    project(officer, lead=other_lead)
    people = {**personas, "lead": lead, "other team": other_lead}
    return people, own


EVERYONE_ELSE = {
    Role.RESEARCHER.value: NOT_FOUND,  # a researcher without an active project
    Role.REVIEWER.value: NOT_FOUND,
    Role.PROGRAMME_MANAGER.value: NOT_FOUND,
    Role.ADMINISTRATOR.value: NOT_FOUND,
    "mentor": NOT_FOUND,
    "finance": NOT_FOUND,
    OUTSIDER: NOT_FOUND,
    ANONYMOUS: LOGIN,
}


def test_the_import_page_is_for_officers_and_the_teams_of_active_projects(client, world):
    people, _own = world

    assert_access(
        client,
        people,
        reverse("reports:results_import"),
        {**EVERYONE_ELSE, Role.FUNDING_OFFICER.value: 200, "lead": 200, "other team": 200},
    )


def test_a_projects_template_goes_to_its_team_and_officers_only(client, world):
    people, own = world
    url = reverse("reports:results_template") + f"?kind=month_6&project={own.pk}"

    assert_access(
        client,
        people,
        url,
        # Another team is sent back to the page: the project is not among its choices.
        {**EVERYONE_ELSE, Role.FUNDING_OFFICER.value: 200, "lead": 200, "other team": 302},
    )


def _post_as(client, user, rows):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.post(
        reverse("reports:results_import"),
        {"kind": "month_6", "file": as_upload(workbook_of(rows))},
    )
    client.logout()
    return response


def test_only_the_team_and_officers_may_upload_results_of_a_project(client, world):
    people, own = world
    rows = [HEADER[:7], row(own.reference, "KR1.1", value=3)]

    answers = {name: _post_as(client, user, rows) for name, user in people.items()}

    assert {name: response.status_code for name, response in answers.items()} == {
        **EVERYONE_ELSE,
        Role.FUNDING_OFFICER.value: 302,  # to the preview
        "lead": 302,
        "other team": 200,  # the preview of its problems
    }
    assert [problem.kind for problem in answers["other team"].context["plan"].errors] == [
        "unknown_project"
    ]


def test_the_preview_of_an_upload_is_refused_to_whoever_may_not_import(client, world):
    people, own = world
    client.force_login(people["lead"])
    response = client.post(
        reverse("reports:results_import"),
        {
            "kind": "month_6",
            "file": as_upload(workbook_of([HEADER[:7], row(own.reference, "KR1.1", value=3)])),
        },
    )
    url = response["Location"]

    for name in (Role.REVIEWER.value, Role.PROGRAMME_MANAGER.value, OUTSIDER):
        client.force_login(people[name])
        assert client.get(url).status_code == NOT_FOUND
        assert client.post(url, {"digest": ""}).status_code == NOT_FOUND
    client.logout()
    assert client.get(url).status_code == LOGIN


def test_an_invited_co_researcher_imports_once_they_accepted(client, officer):
    proposal = project(officer)
    member = UserFactory(email="member@example.org", roles=[Role.RESEARCHER])
    invitation = TeamMember.objects.create(proposal=proposal, user=member, email=member.email)
    client.force_login(member)
    assert client.get(reverse("reports:results_import")).status_code == NOT_FOUND

    TeamMember.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())

    assert client.get(reverse("reports:results_import")).status_code == 200


def test_import_links_offer_the_template_and_the_page_to_who_may_import(world):
    people, own = world
    report = report_of(own)
    page = reverse("reports:results_import") + f"?kind=month_6&project={own.pk}"
    template = reverse("reports:results_template") + f"?kind=month_6&project={own.pk}"

    offered = {
        name: [(link.label, link.url) for link in import_links(user, report)]
        for name, user in people.items()
    }

    assert {name: bool(links) for name, links in offered.items()} == {
        **{name: False for name in EVERYONE_ELSE},
        Role.FUNDING_OFFICER.value: True,
        "lead": True,
        "other team": False,
    }
    assert [url for _label, url in offered["lead"]] == [template, page]
    assert offered[Role.FUNDING_OFFICER.value] == offered["lead"]


def test_import_links_disappear_once_the_report_is_submitted(world):
    people, own = world
    report = set_report_state(report_of(own), ProgressReportState.SUBMITTED)

    assert import_links(people["lead"], report) == []
    assert import_links(people[Role.FUNDING_OFFICER.value], report) == []


def test_the_page_shows_the_open_reports_of_the_team(client, world):
    people, own = world
    client.force_login(people["lead"])

    response = client.get(reverse("reports:results_import"))

    assert [report.pk for report in response.context["reports"]] == [
        report_of(own).pk,
        report_of(own, "final").pk,
    ]


# Queries ---------------------------------------------------------------------------------------


def test_the_page_runs_the_same_queries_for_one_project_or_many(client, officer):
    def make_projects(count):
        for _ in range(count):
            project(officer)

    assert_flat_queries(
        client, officer, reverse("reports:results_import"), make_projects, few=1, many=4
    )


def test_the_template_runs_the_same_queries_for_one_project_or_many(client, officer):
    client.force_login(officer)
    url = reverse("reports:results_template") + "?kind=month_6"
    project(officer)
    one = count_queries(lambda: client.get(url).getvalue())
    project(officer)
    project(officer)

    assert count_queries(lambda: client.get(url).getvalue()) == one


def test_checking_a_file_runs_the_same_queries_for_one_row_or_many(officer):
    projects = [project(officer) for _ in range(3)]

    def check(rows):
        content = content_of(workbook_of([HEADER[:7], *rows]))
        return count_queries(
            lambda: read_plan(
                io.BytesIO(content),
                name="r.xlsx",
                size=len(content),
                kind="month_6",
                user=officer,
            )
        )

    one = check([row(projects[0].reference, "KR1.1", value=1)])
    many = check(
        [row(item.reference, code, value=1) for item in projects for code in ("KR1.1", "KR3.1")]
    )
    assert one == many
