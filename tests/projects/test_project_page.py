"""The project page: who opens it, the contract, the budget against spending, the indicators
against commitments, the instalments, the reports, and a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from indicators.models import Aggregation, Direction, FiscalYear, Indicator, Objective
from projects import figures
from projects.models import (
    IndicatorResult,
    Instalment,
    InstalmentState,
    ProgressReport,
    ProgressReportState,
    Spending,
)
from proposals.models import IndicatorContribution, ProgressReportKind, Proposal, ProposalState
from tests.factories import MunicipalityFactory, UserFactory
from tests.helpers import assert_access, count_queries
from tests.projects.builders import approved_proposal, fund, funded_project
from tests.projects.pages import accept, expect, people_around, put_report
from tests.projects.payment_builders import requested

D = Decimal
pytestmark = pytest.mark.django_db


def url(proposal):
    return reverse("projects:project", args=[proposal.pk])


def page(client, user, proposal):
    client.force_login(user)
    response = client.get(url(proposal))
    assert response.status_code == 200
    return response


# Who opens it.


def test_the_team_officers_administrators_and_the_programmes_manager_open_it(
    client, personas, officer
):
    project = funded_project(officer)
    people = people_around(project, personas)
    followers = {
        Role.FUNDING_OFFICER.value: 200,
        Role.ADMINISTRATOR.value: 200,
        "lead": 200,
        "team_member": 200,
        "own_manager": 200,
    }
    assert_access(client, people, url(project), expect(404, **followers))


def test_an_approved_proposal_has_no_project_page_yet(client, officer):
    proposal = approved_proposal()
    client.force_login(officer)
    assert client.get(url(proposal)).status_code == 404


def test_a_terminated_project_keeps_its_page(client, officer):
    project = funded_project(officer)
    Proposal.objects.filter(pk=project.pk).update(state=ProposalState.TERMINATED)
    assert page(client, officer, project).context["proposal"].state == ProposalState.TERMINATED


# The header.


def test_the_header_shows_the_contract_and_the_amount(client, officer):
    project = funded_project(officer, amount=D("850000.00"))
    lead_place = project.municipalities.get().municipality
    html = page(client, officer, project).content.decode()
    assert project.reference in html
    assert f"RDG-{project.pk:04d}" in html
    assert "850,000.00" in html
    assert lead_place.name_th in html
    assert "1 มกราคม 2568" in html  # the start, 1 January 2025, in the Buddhist era


def test_officers_see_the_steps_they_may_take_and_the_history(client, officer):
    project = funded_project(officer)
    html = page(client, officer, project).content.decode()
    complete = reverse("proposals:proposal_transition", args=[project.pk, "complete"])
    assert complete in html
    assert reverse("history", args=["proposals.proposal", project.pk]) in html


def test_the_team_sees_no_step_and_no_history(client, officer):
    project = funded_project(officer)
    html = page(client, project.lead, project).content.decode()
    assert "/transition/" not in html
    assert "/history/" not in html


def test_the_programmes_manager_may_terminate(client, officer, manager):
    project = funded_project(officer)
    project.call.programme.managers.add(manager)
    html = page(client, manager, project).content.decode()
    assert reverse("proposals:proposal_transition", args=[project.pk, "terminate"]) in html


# The budget against spending.


def _spend(report, category_code, amount):
    category = report.proposal.call.budget_categories.get(code=category_code)
    Spending.objects.create(report=report, category=category, amount=D(amount))


def test_the_budget_shows_accepted_spending_and_submitted_spending_apart(client, officer):
    project = funded_project(officer)
    six_months = put_report(project, ProgressReportKind.MONTH_6, ProgressReportState.ACCEPTED)
    final = put_report(project, ProgressReportKind.FINAL, ProgressReportState.SUBMITTED)
    _spend(six_months, "personnel", "100000")
    _spend(six_months, "materials", "50000")
    _spend(final, "personnel", "20000")
    draft_project = funded_project(officer)
    _spend(ProgressReport.objects.get(proposal=draft_project, kind="month_6"), "materials", "7")

    budget = page(client, officer, project).context["budget"]
    rows = [
        (row.category.code, row.approved, row.spent, row.pending, row.remaining, row.used_percent)
        for row in budget.rows
    ]
    assert rows == [
        ("personnel", D("250000.00"), D("100000.00"), D("20000.00"), D("150000.00"), D("40.00")),
        ("materials", D("560000.00"), D("50000.00"), D("0.00"), D("510000.00"), D("8.93")),
        ("institutional_fee", D("90000.00"), D("0.00"), D("0.00"), D("90000.00"), D("0.00")),
    ]
    assert [year.year_be for year in budget.years] == [2569]
    assert (budget.approved, budget.spent, budget.pending) == (
        D("900000.00"),
        D("150000.00"),
        D("20000.00"),
    )


def test_spending_in_a_draft_report_does_not_show(client, officer):
    project = funded_project(officer)
    _spend(ProgressReport.objects.get(proposal=project, kind="month_6"), "materials", "5000")
    budget = page(client, officer, project).context["budget"]
    assert (budget.spent, budget.pending) == (D("0.00"), D("0.00"))


def test_spending_over_a_category_is_flagged(client, officer):
    project = funded_project(officer)
    _spend(
        put_report(project, ProgressReportKind.MONTH_6, ProgressReportState.ACCEPTED),
        "personnel",
        "260000",
    )
    response = page(client, officer, project)
    personnel = response.context["budget"].rows[0]
    assert (personnel.over, personnel.remaining) == (True, D("-10000.00"))
    assert "table-warning" in response.content.decode()


# The indicators against commitments.


def _indicator(programme, code, aggregation, direction=Direction.HIGHER):
    objective = Objective.objects.get(programme=programme, code="O1")
    return Indicator.objects.create(
        programme=programme,
        objective=objective,
        code=code,
        name_th=f"ตัวชี้วัด {code}",
        name_en=f"Indicator {code}",
        aggregation=aggregation,
        direction=direction,
    )


def _result(report, indicator, value, municipality=None):
    IndicatorResult.objects.create(
        report=report, indicator=indicator, value=D(value), municipality=municipality
    )


def test_each_indicator_is_combined_by_its_own_rule(client, officer):
    """Hand-computed: KR1.1 sums (targets 2 + 1 = 3; results 2 + 0.5 = 2.5, 83.33%); KR2 takes
    the latest value of each municipality (committed 10 + 20 = 30 in the last year; A's newest
    is 8, B's only is 6: 14, 46.67%); KR3 averages and lower is better (committed 5; results
    (4 + 8) / 2 = 6; 5 / 6 = 83.33%)."""
    proposal = approved_proposal()
    programme = proposal.call.programme
    year_2568, _ = FiscalYear.objects.get_or_create(year_be=2568)
    year_2569 = proposal.call.fiscal_year
    place_a, place_b = MunicipalityFactory(), MunicipalityFactory()
    sums = Indicator.objects.get(programme=programme, code="KR1.1")
    latest = _indicator(programme, "KR2", Aggregation.LATEST)
    average = _indicator(programme, "KR3", Aggregation.AVERAGE, Direction.LOWER)
    contribution = IndicatorContribution.objects.create
    contribution(proposal=proposal, indicator=sums, fiscal_year=year_2568, target=D("2"))
    contribution(proposal=proposal, indicator=latest, fiscal_year=year_2568, target=D("50"))
    contribution(
        proposal=proposal, indicator=latest, fiscal_year=year_2569, municipality=place_a, target=10
    )
    contribution(
        proposal=proposal, indicator=latest, fiscal_year=year_2569, municipality=place_b, target=20
    )
    contribution(proposal=proposal, indicator=average, fiscal_year=year_2569, target=D("5"))
    project = fund(proposal, officer)
    six_months = ProgressReport.objects.get(proposal=project, kind=ProgressReportKind.MONTH_6)
    final = ProgressReport.objects.get(proposal=project, kind=ProgressReportKind.FINAL)
    _result(six_months, sums, "2")
    _result(final, sums, "0.5")
    _result(six_months, latest, "4", place_a)
    _result(six_months, latest, "6", place_b)
    _result(final, latest, "8", place_a)
    _result(six_months, average, "4")
    _result(final, average, "8")
    accept(project, ProgressReportKind.MONTH_6, officer)
    accept(project, ProgressReportKind.FINAL, officer)

    table = page(client, officer, project).context["indicators"]
    assert [year.year_be for year in table.years] == [2568, 2569]
    rows = [
        (row.indicator.code, row.targets, row.committed, row.result, row.pending, row.achievement)
        for row in table.rows
    ]
    assert rows == [
        ("KR1.1", [D("2.00"), D("1.00")], D("3.00"), D("2.50"), None, D("83.33")),
        ("KR2", [D("50.00"), D("30.00")], D("30.00"), D("14.00"), None, D("46.67")),
        ("KR3", [None, D("5.00")], D("5.00"), D("6.00"), None, D("83.33")),
    ]


def test_submitted_results_are_pending_and_do_not_count(client, officer):
    project = funded_project(officer)
    indicator = project.contributions.get().indicator
    _result(
        ProgressReport.objects.get(proposal=project, kind=ProgressReportKind.MONTH_6),
        indicator,
        "1",
    )
    accept(project, ProgressReportKind.MONTH_6, officer)
    _result(
        put_report(project, ProgressReportKind.FINAL, ProgressReportState.SUBMITTED), indicator, "3"
    )

    officer.preferred_language = "en"
    officer.save(update_fields=["preferred_language"])
    response = page(client, officer, project)
    (row,) = response.context["indicators"].rows
    assert (row.committed, row.result, row.pending, row.achievement) == (
        D("1.00"),
        D("1.00"),
        D("3.00"),
        D("100.00"),
    )
    assert "3 pending" in response.content.decode()


def test_a_result_of_zero_meets_a_lower_is_better_commitment():
    indicator = Indicator(direction=Direction.LOWER)
    assert figures.achievement(indicator, D("5"), D("0")) == D("100.00")
    assert figures.achievement(Indicator(), D("0"), D("3")) is None


# Instalments and reports.


def test_the_team_gets_a_request_payment_button_on_due_instalments_only(client, officer):
    project = funded_project(officer)
    first, second, _third = project.instalments.order_by("number")
    html = page(client, project.lead, project).content.decode()
    assert reverse("projects:payment_new", args=[first.pk]) in html
    assert reverse("projects:payment_new", args=[second.pk]) not in html


def test_officers_get_no_request_button_and_see_the_request_instead(client, officer):
    project = funded_project(officer)
    first = project.instalments.get(number=1)
    html = page(client, officer, project).content.decode()
    assert reverse("projects:payment_new", args=[first.pk]) not in html
    payment = requested(project)
    html = page(client, officer, project).content.decode()
    assert reverse("projects:payment_detail", args=[payment.pk]) in html
    html = page(client, project.lead, project).content.decode()
    assert reverse("projects:payment_new", args=[first.pk]) not in html  # requested already


def test_the_instalments_show_what_was_paid(client, officer):
    project = funded_project(officer)
    Instalment.objects.filter(proposal=project, number=1).update(
        state=InstalmentState.RELEASED,
        paid_on=datetime.date(2025, 1, 15),
        payment_reference="TR-0001",
    )
    response = page(client, officer, project)
    assert response.context["released"] == D("360000.00")
    html = response.content.decode()
    assert "TR-0001" in html and "15 ม.ค. 2568" in html


def test_a_report_past_its_due_date_is_overdue_until_handed_in(client, officer):
    project = funded_project(officer)
    today = timezone.localdate()
    ProgressReport.objects.filter(proposal=project, kind=ProgressReportKind.MONTH_6).update(
        due_on=today - datetime.timedelta(days=1)
    )
    ProgressReport.objects.filter(proposal=project, kind=ProgressReportKind.FINAL).update(
        due_on=today + datetime.timedelta(days=1)
    )
    reports = page(client, officer, project).context["reports"]
    assert [(r.kind, r.overdue) for r in reports] == [
        (ProgressReportKind.MONTH_6, True),
        (ProgressReportKind.FINAL, False),
    ]
    put_report(project, ProgressReportKind.MONTH_6, ProgressReportState.SUBMITTED)
    reports = page(client, officer, project).context["reports"]
    assert [r.overdue for r in reports] == [False, False]


# Queries.


def _busy_project(officer):
    """A project with five indicators, results in every report, spending, six instalments."""
    proposal = approved_proposal()
    programme = proposal.call.programme
    year = proposal.call.fiscal_year
    rules = [Aggregation.SUM, Aggregation.LATEST, Aggregation.AVERAGE, Aggregation.MAXIMUM]
    extra = [_indicator(programme, f"KQ{n}", rules[n % 4]) for n in range(4)]
    for indicator in extra:
        IndicatorContribution.objects.create(
            proposal=proposal, indicator=indicator, fiscal_year=year, target=D("3")
        )
    project = fund(proposal, officer)
    first = Indicator.objects.get(programme=programme, code="KR1.1")
    for report in ProgressReport.objects.filter(proposal=project):
        for indicator in [*extra, first]:
            _result(report, indicator, "1")
        _spend(report, "personnel", "1000")
        _spend(report, "materials", "2000")
    accept(project, ProgressReportKind.MONTH_6, officer)
    put_report(project, ProgressReportKind.FINAL, ProgressReportState.SUBMITTED)
    for number in range(4, 7):
        Instalment.objects.create(
            proposal=project, number=number, percent=D("0"), amount=D("0"), report_kind="final"
        )
    return project


def test_the_page_runs_the_same_queries_for_a_small_and_a_busy_project(client, officer):
    small = funded_project(officer)
    busy = _busy_project(officer)
    client.force_login(officer)
    client.get(url(small))  # warm the caches every page shares (content types, sessions)
    few = count_queries(lambda: client.get(url(small)))
    many = count_queries(lambda: client.get(url(busy)))
    assert (few, many) == (few, few)


def test_an_administrator_reads_it_without_the_proposals_workspace_link(client, officer):
    project = funded_project(officer)
    administrator = UserFactory(roles=[Role.ADMINISTRATOR])
    html = page(client, administrator, project).content.decode()
    assert reverse("proposals:proposal_detail", args=[project.pk]) not in html


def test_each_report_links_to_its_page(client, officer):
    project = funded_project(officer)
    html = page(client, project.lead, project).content.decode()
    for report in ProgressReport.objects.filter(proposal=project):
        assert reverse("projects:progress_detail", args=[report.pk]) in html


def test_the_workspace_of_a_funded_proposal_links_to_its_project_page(client, officer):
    project = funded_project(officer)
    client.force_login(project.lead)
    html = client.get(reverse("proposals:proposal_detail", args=[project.pk])).content.decode()
    assert f'href="{url(project)}"' in html
