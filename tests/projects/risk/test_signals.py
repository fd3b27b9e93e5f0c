"""Risk signals on hand-made projects: each signal at the day it starts, its level worked out by
hand, only the projects the reader follows, and the same queries for one project or many."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.audit import record
from accounts.roles import Role
from indicators import ledger
from indicators.models import Aggregation, Indicator, Programme
from projects import figures
from projects.changes import selectors as change_selectors
from projects.changes import services as change_services
from projects.funding import services as funding_services
from projects.models import (
    Award,
    AwardBudget,
    ChangeKind,
    ChangeRequest,
    ChangeState,
    Instalment,
    InstalmentState,
    ProgressReport,
    ProgressReportState,
    Spending,
)
from projects.risk.selectors import (
    BEHIND,
    EXTENSION,
    HIGH,
    LEFT,
    LOW,
    MEDIUM,
    OVERDUE,
    RETURN_ACTION,
    RETURNED,
    SPENDING,
    UNPAID,
    PageReads,
    badge_ledger,
    project_risk,
    project_risks,
)
from projects.selectors import page as page_reads
from projects.services import ledger_source
from proposals.models import Call, IndicatorContribution, ProgressReportKind
from tests.factories import MunicipalityFactory, UserFactory
from tests.helpers import assert_access, assert_flat_queries
from tests.projects.builders import funded_project, report_of
from tests.projects.changes_builders import start_extension

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def north():
    return MunicipalityFactory(name_en="North Town")


@pytest.fixture
def south():
    return MunicipalityFactory(name_en="South Town")


def signals(user, today):
    risks = project_risks(user, today=today)
    for risk in risks:  # the project page's badge finds the same from what the page read
        [alone] = project_risks(user, today, project=risk.project)
        assert _described(page_risk(user, risk.project, today)) == _described(alone)
    return {
        (risk.project.pk, signal.kind, signal.level) for risk in risks for signal in risk.signals
    }


def _described(risk):
    return [(signal.kind, signal.level, str(signal.text), signal.url) for signal in risk.signals]


def page_risk(user, project, today):
    """The project's risk as its page reads it: from its reports, instalments, changes,
    budget and indicators."""
    project = page_reads.project_for_page(user, project.pk)
    budget = figures.budget_table(project)
    table = figures.indicator_table(project, ledger=badge_ledger(user, project))
    read = PageReads(
        reports=page_reads.project_reports(project, with_returns=True),
        instalments=page_reads.project_instalments(project),
        changes=list(change_selectors.project_changes(project)),
        spent=budget.sent,
        sent_until=budget.sent_until,
        indicators=[row.indicator for row in table.rows],
        ledger_rows=table.ledger_rows,
    )
    return project_risk(user, project, today, read=read)


def quiet(project):
    """The project's instalments settled and no indicator committed, so that only the signal
    under test is raised."""
    Instalment.objects.filter(proposal=project).update(state=InstalmentState.RELEASED)
    IndicatorContribution.objects.filter(proposal=project).delete()
    funding_services.record_commitments(project)  # the ledger follows: nothing committed
    return project


def days_after(day, days):
    return day + datetime.timedelta(days=days)


def test_an_overdue_report_is_medium_then_high_after_thirty_days(officer):
    project = quiet(funded_project(officer))
    due = report_of(project).due_on
    assert signals(officer, due) == set()
    assert signals(officer, days_after(due, 1)) == {(project.pk, OVERDUE, MEDIUM)}
    assert signals(officer, days_after(due, 30)) == {(project.pk, OVERDUE, MEDIUM)}
    assert signals(officer, days_after(due, 31)) == {(project.pk, OVERDUE, HIGH)}
    [risk] = project_risks(officer, today=days_after(due, 31))
    assert "31" in risk.signals[0].text
    assert risk.signals[0].url == report_of(project).get_absolute_url()


def test_a_report_returned_twice_is_a_signal(officer):
    project = funded_project(officer)
    report = report_of(project)
    before = days_after(datetime.date(2025, 1, 1), 1)
    record(actor=officer, action=RETURN_ACTION, obj=report)
    assert signals(officer, before) == set()
    record(actor=officer, action=RETURN_ACTION, obj=report)
    assert signals(officer, before) == {(project.pk, RETURNED, MEDIUM)}


def test_an_instalment_due_long_unpaid_is_a_signal(officer):
    project = funded_project(officer)
    IndicatorContribution.objects.filter(proposal=project).delete()
    funding_services.record_commitments(project)
    since = datetime.date(2025, 3, 1)
    Instalment.objects.filter(proposal=project, number=1).update(
        state=InstalmentState.DUE, due_since=since
    )
    Instalment.objects.filter(proposal=project).exclude(number=1).update(
        state=InstalmentState.RELEASED
    )
    assert signals(officer, days_after(since, 30)) == set()
    assert signals(officer, days_after(since, 31)) == {(project.pk, UNPAID, MEDIUM)}
    assert signals(officer, days_after(since, 61)) == {(project.pk, UNPAID, HIGH)}


def test_an_approved_extension_is_a_low_signal(officer):
    project = funded_project(officer)
    change = start_extension(project, project.lead)
    early = datetime.date(2025, 1, 2)
    assert signals(officer, early) == set()
    ChangeRequest.objects.filter(pk=change.pk).update(state=ChangeState.APPROVED)
    assert signals(officer, early) == {(project.pk, EXTENSION, LOW)}


def test_a_manager_sees_only_their_programmes(officer, manager, administrator):
    mine = funded_project(officer)
    other = funded_project(officer)
    programme = mine.call.programme
    elsewhere = Programme.objects.create(
        code="OTHER", name_th="แผนงานอื่น", name_en="Other programme", funder=programme.funder
    )
    Call.objects.filter(pk=other.call_id).update(programme=elsewhere)
    programme.managers.add(manager)
    late = days_after(report_of(mine).due_on, 40)
    assert {pk for pk, _, _ in signals(manager, late)} == {mine.pk}
    assert len({pk for pk, _, _ in signals(administrator, late)}) == 2


def test_the_page_is_for_officers_managers_and_administrators(client, personas):
    expected = {
        **dict.fromkeys(personas, 404),
        "funding_officer": 200,
        "programme_manager": 200,
        "administrator": 200,
    }
    assert_access(client, personas, reverse("projects:risk_list"), expected)


def test_the_page_costs_the_same_queries_for_one_project_or_many(client, officer, monkeypatch):
    def make_rows(count):
        for _ in range(count):
            project = funded_project(officer, amount=Decimal("900000.00"))
            Instalment.objects.filter(proposal=project, number=1).update(
                state=InstalmentState.DUE, due_since=datetime.date(2025, 1, 1)
            )
            record(actor=officer, action=RETURN_ACTION, obj=report_of(project))
            record(actor=officer, action=RETURN_ACTION, obj=report_of(project))

    url = reverse("projects:risk_list")
    queries = assert_flat_queries(client, officer, url, make_rows, few=1, many=4)
    assert queries == 12  # the lists of municipalities and officers in one query
    url = reverse("projects:risk_list")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count("Report returned twice or more") == 4


def sent_report(project, state=ProgressReportState.SUBMITTED):
    report = report_of(project)
    ProgressReport.objects.filter(pk=report.pk).update(state=state)
    return report


def test_spending_far_from_the_plan_is_a_signal(officer):
    project = quiet(funded_project(officer))
    report = sent_report(project)
    # The plan by the report's end: 900,000 baht × 180 of the project's 364 days = 445,054.95.
    assert (report.period_end, project.award.ends_on) == (
        datetime.date(2025, 6, 30),
        datetime.date(2025, 12, 31),
    )
    category = AwardBudget.objects.filter(award=project.award).first().category
    spending = Spending.objects.create(report=report, category=category, amount=D(300000))
    before_due = datetime.date(2025, 7, 1)
    expected = {
        D(300000): None,  # 67% of the plan
        D(200000): MEDIUM,  # 45%
        D(100000): HIGH,  # 22%
        D(600000): None,  # 135%
        D(700000): MEDIUM,  # 157%
        D(900000): HIGH,  # 202%
    }
    for amount, level in expected.items():
        Spending.objects.filter(pk=spending.pk).update(amount=amount)
        found = signals(officer, before_due)
        assert found == ({(project.pk, SPENDING, level)} if level else set()), amount
    [risk] = project_risks(officer, today=before_due)
    assert "445,054.95" in risk.signals[0].text


def indicator_of(programme, code, aggregation, **fields):
    return Indicator.objects.create(
        programme=programme,
        objective=programme.objectives.first(),
        code=code,
        name_th=code,
        name_en=code,
        aggregation=aggregation,
        **fields,
    )


def commit_to(project, indicator, *targets):
    """Commit each of `targets` (value, or (value, municipality)) and file them in the ledger
    as funding does."""
    for target in targets:
        value, municipality = target if isinstance(target, tuple) else (target, None)
        IndicatorContribution.objects.create(
            proposal=project,
            indicator=indicator,
            fiscal_year=project.call.fiscal_year,
            municipality=municipality,
            target=D(value),
        )
    funding_services.record_commitments(project)


def accept_results(report, rows):
    """The ledger's results of an accepted `report`: rows of (indicator, value[, place])."""
    project = report.proposal
    ledger.record_results(
        programme=project.call.programme,
        report=report.ledger_key,
        source=ledger_source(project),
        source_label=project.reference,
        period=report.kind,
        period_end=report.period_end,
        rows=[
            {
                "indicator": row[0],
                "fiscal_year": project.call.fiscal_year,
                "value": D(row[1]),
                "municipality": row[2] if len(row) > 2 else None,
            }
            for row in rows
        ],
    )


# 2 July 2025: 182 of the project's 364 days gone, half its time.
HALF_WAY = datetime.date(2025, 7, 2)
EARLY = datetime.date(2025, 3, 1)  # 59 days: before a quarter of the time, no signal


def test_results_behind_the_committed_path_are_a_signal(officer):
    """A sum: 100 committed, 50 expected half way; 30 is fine (60%), 20 medium (40% < 50%),
    10 high (20% < 25%)."""
    project = quiet(funded_project(officer))
    counted = indicator_of(project.call.programme, "KR9.9", Aggregation.SUM)
    commit_to(project, counted, 100)
    report = sent_report(project, ProgressReportState.ACCEPTED)
    expected = {D(30): None, D(20): MEDIUM, D(10): HIGH}
    for value, level in expected.items():
        accept_results(report, [(counted, value)])
        found = signals(officer, HALF_WAY)
        assert found == ({(project.pk, BEHIND, level)} if level else set()), value
        assert signals(officer, EARLY) == set()
    [risk] = project_risks(officer, today=HALF_WAY)
    assert "10.00" in risk.signals[0].text and "50.00" in risk.signals[0].text


def test_levels_and_counts_of_yes_are_behind_by_their_own_rule(officer, north, south):
    """Half way, each against half its commitment:

    - an average, 4 committed in each of two cities (average 4, 2 expected): results 1.5 and
      0.5 average 1 — half the path, not under it: no signal; 0.5 and 0.5 average 0.5, a
      quarter: medium (not under a quarter);
    - a count of yes, both cities committed (2, so 1 expected): nobody yet is high; one city
      that said yes twice still counts once, 1 of 1: no signal;
    - a latest value, 80 committed (40 expected): 30 then 8 reported, the newest (8) counts,
      20% of the path: high."""
    project = quiet(funded_project(officer))
    programme = project.call.programme
    average = indicator_of(programme, "AVG", Aggregation.AVERAGE, per_municipality=True)
    yes = indicator_of(
        programme, "YES", Aggregation.COUNT_YES, per_municipality=True, value_type="yes_no"
    )
    latest = indicator_of(programme, "LAST", Aggregation.LATEST)
    commit_to(project, average, (4, north), (4, south))
    commit_to(project, yes, (1, north), (1, south))
    commit_to(project, latest, 80)
    first = sent_report(project, ProgressReportState.ACCEPTED)

    def behind():
        [risk] = project_risks(officer, today=HALF_WAY)
        return {
            signal.text.split(":")[0]: signal.level
            for signal in risk.signals
            if signal.kind == BEHIND
        }

    accept_results(
        first,
        [(average, "1.5", north), (average, "0.5", south), (yes, 0, north), (latest, 30)],
    )
    assert behind() == {"YES": HIGH}
    accept_results(
        first,
        [(average, "0.5", north), (average, "0.5", south), (yes, 1, north), (latest, 30)],
    )
    assert behind() == {"AVG": MEDIUM}
    second = report_of(project, ProgressReportKind.FINAL)
    assert second.period_end > first.period_end
    accept_results(second, [(yes, 1, north), (latest, 8)])
    assert behind() == {"AVG": MEDIUM, "LAST": HIGH}


def test_a_member_who_left_by_an_approved_change_is_a_signal(officer):
    project = quiet(funded_project(officer))
    change = change_services.start_change(
        proposal=project, actor=project.lead, kind=ChangeKind.TEAM, reason="ย้ายงาน"
    )
    snapshot = {"team": {"Somchai": ["lead", "50"], "Malee": ["co", "20"]}}
    after = {"team": {"Somchai": ["lead", "70"]}}
    early = datetime.date(2025, 1, 2)
    ChangeRequest.objects.filter(pk=change.pk).update(
        before={"team": snapshot}, after={"team": after}
    )
    assert signals(officer, early) == set()  # not approved yet
    ChangeRequest.objects.filter(pk=change.pk).update(
        state=ChangeState.APPROVED, decided_at=timezone.now()
    )
    assert signals(officer, early) == {(project.pk, LEFT, MEDIUM)}
    [risk] = project_risks(officer, today=early)
    assert "Malee" in risk.signals[0].text and "Somchai" not in risk.signals[0].text


def test_each_programme_sets_its_spending_thresholds(officer):
    project = quiet(funded_project(officer))
    report = sent_report(project)
    category = AwardBudget.objects.filter(award=project.award).first().category
    # 300,000 of the 445,054.95 planned: 67% of the plan, fine by the default 50%.
    spending = Spending.objects.create(report=report, category=category, amount=D(300000))
    before_due = datetime.date(2025, 7, 1)
    programme = Programme.objects.filter(pk=project.call.programme_id)
    assert signals(officer, before_due) == set()
    programme.update(spending_under_threshold=70)
    assert signals(officer, before_due) == {(project.pk, SPENDING, MEDIUM)}
    # 200,000: 45% of the plan, above half of 70% (35%), below half of 100%.
    Spending.objects.filter(pk=spending.pk).update(amount=D(200000))
    assert signals(officer, before_due) == {(project.pk, SPENDING, MEDIUM)}
    programme.update(spending_under_threshold=100)
    assert signals(officer, before_due) == {(project.pk, SPENDING, HIGH)}
    # 700,000: 157% of the plan, within a programme that allows up to 160%.
    Spending.objects.filter(pk=spending.pk).update(amount=D(700000))
    programme.update(spending_under_threshold=50, spending_over_threshold=160)
    assert signals(officer, before_due) == set()


def listed(client, user, **query):
    client.force_login(user)
    response = client.get(reverse("projects:risk_list"), query)
    assert response.status_code == 200
    return [risk.project.pk for risk in response.context["page"].object_list]


def test_the_list_filters_by_call_municipality_officer_and_level(client, officer, administrator):
    late = quiet(funded_project(officer))  # its 6-month report is late (real clock: past 2025)
    other_officer = UserFactory(roles=[Role.FUNDING_OFFICER])
    extended = quiet(funded_project(other_officer))
    Award.objects.filter(proposal=extended).update(ends_on=datetime.date(2099, 12, 31))
    ProgressReport.objects.filter(proposal=extended).update(due_on=datetime.date(2099, 1, 1))
    change = start_extension(extended, extended.lead)
    ChangeRequest.objects.filter(pk=change.pk).update(state=ChangeState.APPROVED)
    assert listed(client, administrator) == [late.pk, extended.pk]  # worst first
    assert listed(client, administrator, call=extended.call_id) == [extended.pk]
    town = extended.municipalities.get().municipality
    assert listed(client, administrator, municipality=town.pk) == [extended.pk]
    assert listed(client, administrator, officer=other_officer.pk) == [extended.pk]
    assert listed(client, administrator, level=HIGH) == [late.pk]
    assert listed(client, administrator, level=LOW) == [extended.pk]
    assert listed(client, administrator, level="nonsense") == [late.pk, extended.pk]


def test_the_filters_list_the_municipalities_by_name_and_the_active_officers_by_email(
    client, officer, administrator
):
    from accounts.models import Municipality

    UserFactory(roles=[Role.FUNDING_OFFICER], email="a-first@example.org")
    UserFactory(roles=[Role.FUNDING_OFFICER], email="zz-gone@example.org", is_active=False)
    client.force_login(administrator)
    form = client.get(reverse("projects:risk_list")).context["form"]
    towns = [label for value, label in form.fields["municipality"].choices if value]
    assert towns == [str(town) for town in Municipality.objects.order_by("name_th")]
    emails = [person.email for person in form.fields["officer"].objects().values()]
    assert emails[0] == "a-first@example.org"
    assert emails == sorted(emails) and officer.email in emails
    assert "zz-gone@example.org" not in emails


def test_the_list_is_paged(client, officer, monkeypatch):
    monkeypatch.setattr("projects.risk.views.RISKS_PER_PAGE", 2)
    for _ in range(3):
        funded_project(officer)
    first = listed(client, officer)
    second = listed(client, officer, page=2)
    assert len(first) == 2 and len(second) == 1 and not set(first) & set(second)


def test_the_project_page_shows_its_risk_to_staff_only(client, officer, manager):
    project = quiet(funded_project(officer))  # its 6-month report is late on the real clock
    url = reverse("projects:project", args=[project.pk])
    client.force_login(officer)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "project-risk" in page and "Report overdue" in page
    client.force_login(project.lead)
    assert "project-risk" not in client.get(url).content.decode()
    client.force_login(manager)  # not a manager of this programme: no project page at all
    assert client.get(url).status_code == 404


def test_the_list_exports_to_excel_for_who_reads_it(client, officer, manager, administrator):
    project = quiet(funded_project(officer))  # its 6-month report is late (real clock)
    code = project.call.programme.code
    url = reverse("reports:document", args=["risks", "xlsx", code])
    client.force_login(officer)
    assert (
        f"/reports/risks/xlsx/{code}/" in client.get(reverse("projects:risk_list")).content.decode()
    )
    response = client.get(url, {"level": "high"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:2] == ["Reference", "Title"]
    assert {row[0] for row in rows[1:] if row[0]} == {project.reference}
    assert "Report overdue" in [row[4] for row in rows[1:]]
    client.force_login(manager)  # not this programme's manager
    assert client.get(url).status_code in (403, 404)
    project.call.programme.managers.add(manager)
    assert client.get(url).status_code == 200


def test_the_project_list_links_to_the_risks_for_staff_only(client, officer, researcher):
    risks = reverse("projects:risk_list")
    client.force_login(officer)
    assert risks in client.get(reverse("projects:project_list")).content.decode()
    client.force_login(researcher)
    assert risks not in client.get(reverse("projects:project_list")).content.decode()
