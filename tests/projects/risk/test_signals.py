"""Risk signals on hand-made projects: each signal at the day it starts, its level worked out by
hand, only the projects the reader follows, and the same queries for one project or many."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.audit import record
from indicators.models import Programme
from projects.models import ChangeRequest, ChangeState, Instalment, InstalmentState
from projects.risk.selectors import (
    EXTENSION,
    HIGH,
    LOW,
    MEDIUM,
    OVERDUE,
    RETURN_ACTION,
    RETURNED,
    UNPAID,
    project_risks,
)
from proposals.models import Call
from tests.helpers import assert_access, assert_flat_queries
from tests.projects.builders import funded_project, report_of
from tests.projects.changes_builders import start_extension

pytestmark = pytest.mark.django_db


def signals(user, today):
    return {
        (risk.project.pk, signal.kind, signal.level)
        for risk in project_risks(user, today=today)
        for signal in risk.signals
    }


def paid(project):
    """The project's instalments settled, so that only the signal under test is raised."""
    Instalment.objects.filter(proposal=project).update(state=InstalmentState.RELEASED)
    return project


def days_after(day, days):
    return day + datetime.timedelta(days=days)


def test_an_overdue_report_is_medium_then_high_after_thirty_days(officer):
    project = paid(funded_project(officer))
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


def test_an_approved_extension_is_a_low_signal(officer, researcher):
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

    assert_flat_queries(client, officer, reverse("projects:risk_list"), make_rows, few=1, many=4)
    url = reverse("projects:risk_list")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count("Report returned twice or more") == 4
