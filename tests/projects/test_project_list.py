"""The list of projects (who sees which, the filters, pagination, fixed queries), the
dashboards' project parts and the menu entry."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from indicators.models import Technology
from projects import views
from projects.models import Instalment, InstalmentState, ProgressReport, ProgressReportState
from proposals.models import (
    ProgressReportKind,
    Proposal,
    ProposalMunicipality,
    ProposalState,
    ProposalTechnology,
)
from tests.factories import MunicipalityFactory, UserFactory
from tests.helpers import assert_access, assert_flat_queries, count_queries, freeze_now
from tests.projects.builders import add_member, approved_proposal, funded_project
from tests.projects.pages import LOGIN, expect, people_around, put_report

D = Decimal
pytestmark = pytest.mark.django_db
NOON = datetime.time(12, 0)
URL = reverse("projects:project_list")


def listed(client, user, **query):
    client.force_login(user)
    response = client.get(URL, query)
    assert response.status_code == 200
    return [proposal.pk for proposal in response.context["page"].object_list]


# Who opens it, and what each sees.


def test_researchers_and_staff_open_the_list_reviewers_and_others_do_not(client, personas, officer):
    project = funded_project(officer)
    people = people_around(project, personas)
    everyone_but = {
        Role.REVIEWER.value: 404,
        Role.MENTOR.value: 404,
        Role.FINANCE.value: 404,  # finance reads payment requests, not projects
        "outsider": 404,
        "anonymous": LOGIN,
    }
    assert_access(client, people, URL, expect(200, **everyone_but))


def test_officers_and_administrators_see_every_funded_project(client, officer, administrator):
    first, second = funded_project(officer), funded_project(officer)
    approved_proposal()  # not funded: never listed
    expected = sorted([first.pk, second.pk])
    assert sorted(listed(client, officer)) == expected
    assert sorted(listed(client, administrator)) == expected


def test_a_programme_manager_sees_the_projects_of_their_programmes(client, officer, manager):
    project = funded_project(officer)
    assert listed(client, manager) == []
    project.call.programme.managers.add(manager)
    assert listed(client, manager) == [project.pk]


def test_a_researcher_sees_the_projects_of_their_teams_only(client, officer, researcher):
    own = funded_project(officer, lead=researcher)
    joined = funded_project(officer)
    add_member(joined, researcher)
    declined = funded_project(officer)
    funded_project(officer)  # someone else's
    member = add_member(declined, UserFactory(roles=[Role.RESEARCHER]))
    declined.team.filter(user=member).update(declined_at=timezone.now())
    assert sorted(listed(client, researcher)) == sorted([own.pk, joined.pk])
    assert listed(client, member) == []


def test_a_researcher_gets_no_filters(client, officer, researcher):
    funded_project(officer, lead=researcher)
    client.force_login(researcher)
    response = client.get(URL, {"state": "closed"})
    assert response.context["form"] is None
    assert len(response.context["page"].object_list) == 1


# Filters.


def test_the_list_filters_by_programme_and_state(client, officer):
    first = funded_project(officer)
    second = funded_project(officer)
    Proposal.objects.filter(pk=second.pk).update(state=ProposalState.COMPLETED)
    assert listed(client, officer, state="completed") == [second.pk]
    programme = first.call.programme
    assert sorted(listed(client, officer, programme=programme.code)) == sorted(
        [first.pk, second.pk]
    )


def test_the_list_filters_by_region_municipality_and_technology(client, officer):
    north = funded_project(officer)
    south = funded_project(officer)
    southern = MunicipalityFactory(region="south")
    ProposalMunicipality.objects.filter(proposal=south).update(municipality=southern)
    partner = MunicipalityFactory(region="north")
    ProposalMunicipality.objects.create(proposal=south, municipality=partner, is_lead=False)
    other = Technology.objects.create(name_th="เทคโนโลยีอื่น", name_en="Other", kind="soft")
    ProposalTechnology.objects.filter(proposal=south).update(technology=other)

    assert listed(client, officer, region="south") == [south.pk]
    assert listed(client, officer, municipality=partner.pk) == [south.pk]
    assert listed(client, officer, technology=other.pk) == [south.pk]
    assert listed(client, officer, region="north") == [north.pk]  # by the lead municipality


def test_the_list_filters_by_what_needs_attention(client, officer):
    overdue, awaiting, paid = (funded_project(officer) for _ in range(3))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ProgressReport.objects.filter(proposal=overdue, kind=ProgressReportKind.MONTH_6).update(
        due_on=yesterday
    )
    ProgressReport.objects.filter(proposal__in=[awaiting, paid]).update(
        due_on=timezone.localdate() + datetime.timedelta(days=10)
    )
    ProgressReport.objects.filter(proposal=overdue, kind=ProgressReportKind.FINAL).update(
        due_on=timezone.localdate() + datetime.timedelta(days=10)
    )
    put_report(awaiting, ProgressReportKind.MONTH_6, ProgressReportState.SUBMITTED)
    Instalment.objects.filter(proposal=paid).update(state=InstalmentState.RELEASED)
    Instalment.objects.filter(proposal=awaiting, number=1).update(state=InstalmentState.RELEASED)

    assert listed(client, officer, attention="report_overdue") == [overdue.pk]
    assert listed(client, officer, attention="report_submitted") == [awaiting.pk]
    assert listed(client, officer, attention="instalment_due") == [overdue.pk]


def test_unknown_filter_values_are_ignored_not_an_error(client, officer):
    project = funded_project(officer)
    query = {"programme": "nope", "municipality": "abc", "state": "draft", "attention": "x"}
    assert listed(client, officer, **query) == [project.pk]


def test_the_rows_show_the_released_amount_and_the_flags(client, officer):
    project = funded_project(officer)
    Instalment.objects.filter(proposal=project, number=1).update(state=InstalmentState.RELEASED)
    client.force_login(officer)
    response = client.get(URL)
    (row,) = response.context["page"].object_list
    assert (row.released_amount, row.instalment_due, row.report_submitted) == (
        D("360000.00"),
        False,
        False,
    )
    lead = project.municipalities.get().municipality
    assert (row.lead_municipality_th, row.lead_municipality_en) == (lead.name_th, lead.name_en)
    assert f"<td>{lead.name_th}</td>" in response.text  # the Thai page shows the Thai name


def test_the_list_is_paginated_keeping_the_filters(client, officer, monkeypatch):
    monkeypatch.setattr(views, "PROJECTS_PER_PAGE", 2)
    projects = [funded_project(officer) for _ in range(3)]
    programme = projects[0].call.programme.code
    client.force_login(officer)
    response = client.get(URL, {"programme": programme})
    assert response.context["page"].paginator.num_pages == 2
    assert f"?programme={programme}&amp;page=2" in response.content.decode()


def test_the_list_runs_the_same_queries_for_one_project_and_many(client, officer):
    def make(count):
        for _ in range(count):
            funded_project(officer)

    # Each new project brings a new municipality, so the filters' lists are read again (one
    # query for municipalities and technologies together); the next visitor reads them from
    # the cache.
    assert assert_flat_queries(client, officer, URL, make, few=1, many=6) == 6
    assert count_queries(lambda: client.get(URL)) == 5


# Dashboards and menu.


def test_the_researchers_dashboard_lists_their_projects(client, officer, researcher):
    project = funded_project(officer, lead=researcher)
    client.force_login(researcher)
    html = client.get(reverse("dashboard_for_role", args=["researcher"])).content.decode()
    assert reverse("projects:project", args=[project.pk]) in html


def test_the_officers_dashboard_counts_what_waits_for_them(client, officer):
    first, second = funded_project(officer), funded_project(officer)
    put_report(first, ProgressReportKind.MONTH_6, ProgressReportState.SUBMITTED)
    ProgressReport.objects.filter(proposal=first).update(
        due_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    Instalment.objects.filter(proposal=second, number=1).update(state=InstalmentState.RELEASED)
    ProgressReport.objects.filter(proposal=second).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(officer)
    html = client.get(reverse("dashboard_for_role", args=["funding_officer"])).content.decode()
    assert 'id="count-instalments-due">1<' in html
    assert 'id="count-reports-submitted">1<' in html
    assert 'id="count-reports-overdue">2<' in html
    assert f"{URL}?attention=instalment_due" in html


@pytest.mark.parametrize(
    ("role", "entry"),
    [
        (Role.RESEARCHER, "projects:project_list"),
        (Role.FUNDING_OFFICER, "projects:project_list"),
        (Role.PROGRAMME_MANAGER, "projects:project_list"),
        (Role.ADMINISTRATOR, "projects:project_list"),
        (Role.REVIEWER, "projects:portfolio_index"),
        (None, "projects:portfolio_index"),
    ],
)
def test_the_menu_has_projects_for_researchers_and_staff_and_portfolios_for_others(
    client, role, entry
):
    if role is not None:
        client.force_login(UserFactory(roles=[role]))
    html = client.get(reverse("home")).content.decode()
    menu = html[html.index('<ul class="navbar-nav me-auto">') : html.index("</ul>")]
    shown = {
        name
        for name in ("projects:project_list", "projects:portfolio_index")
        if f'href="{reverse(name)}"' in menu
    }
    assert shown == {entry}


def test_a_row_flags_a_report_overdue_from_the_day_after_it_was_due(client, officer, monkeypatch):
    project = funded_project(officer)
    first = ProgressReport.objects.filter(proposal=project).order_by("due_on").first()
    client.force_login(officer)

    def flag_on(day):
        freeze_now(monkeypatch, timezone.make_aware(datetime.datetime.combine(day, NOON)))
        (row,) = client.get(URL).context["page"].object_list
        return row.report_overdue

    assert flag_on(first.due_on) is False  # due today: not yet overdue
    assert flag_on(first.due_on + datetime.timedelta(days=1)) is True
