"""Reminders of progress reports: once before the due date, once a week while overdue, never
for reports the team no longer holds, and nothing twice on the same day."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from accounts.models import Notification
from projects.models import ProgressReport, ProgressReportState
from projects.progress.reminders import send_progress_reminders
from projects.tasks import send_progress_reminders as reminder_task
from proposals.models import ProgressReportKind, Proposal, ProposalState
from tests.projects.builders import add_member, report_of
from tests.projects.report_builders import rich_project

pytestmark = pytest.mark.django_db

# The 6-month report of the builders' project is due on 30 July 2025, the final on 30 January
# 2026; reminders go 7 days before (PROJECT_REPORT_REMINDER_DAYS).
DUE = datetime.date(2025, 7, 30)


def day(offset):
    return DUE + datetime.timedelta(days=offset)


@pytest.fixture(autouse=True)
def _seven_days(settings):
    settings.PROJECT_REPORT_REMINDER_DAYS = 7


@pytest.fixture
def project(officer, researcher):
    researcher.preferred_language = "en"
    researcher.save(update_fields=["preferred_language"])
    return rich_project(officer, lead=researcher)


@pytest.fixture
def report(project):
    report = report_of(project)
    assert report.due_on == DUE
    return report


def _titles(user):
    return list(
        Notification.objects.filter(recipient=user).order_by("id").values_list("title", flat=True)
    )


def test_nothing_is_sent_before_the_window(report):
    assert send_progress_reminders(day(-8)) == {"before": 0, "overdue": 0}
    assert not Notification.objects.exists()


def test_the_team_is_reminded_once_when_the_due_date_comes_near(
    project, report, researcher, django_capture_on_commit_callbacks
):
    member = add_member(project)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_progress_reminders(day(-7)) == {"before": 1, "overdue": 0}
    title = f"Progress report due soon: 6-month progress report, {project.reference}"
    assert _titles(researcher) == [title]
    [thai] = _titles(member)  # each reads it in their own language
    assert "รายงานความก้าวหน้า 6 เดือน" in thai
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [researcher.email, member.email]
    )
    assert ProgressReport.objects.get(pk=report.pk).reminded_before_on == day(-7)
    for offset in (-7, -3, 0):  # the same day again, and the days up to the due date
        assert send_progress_reminders(day(offset)) == {"before": 0, "overdue": 0}
    assert _titles(researcher) == [title]


def test_the_reminder_on_the_due_day_says_so(report, researcher):
    send_progress_reminders(DUE)
    body = Notification.objects.get(recipient=researcher).body
    assert "is due today" in body


def test_an_overdue_report_is_reminded_once_a_week(project, report, researcher):
    sent = {offset: send_progress_reminders(day(offset)) for offset in range(1, 16)}
    assert [offset for offset, counts in sent.items() if counts["overdue"]] == [1, 8, 15]
    overdue = f"Progress report overdue: 6-month progress report, {project.reference}"
    assert _titles(researcher) == [overdue] * 3
    assert ProgressReport.objects.get(pk=report.pk).reminded_overdue_on == day(15)


def test_running_twice_a_day_sends_nothing_twice(report, researcher):
    assert send_progress_reminders(day(-2)) == {"before": 1, "overdue": 0}
    assert send_progress_reminders(day(-2)) == {"before": 0, "overdue": 0}
    assert send_progress_reminders(day(3)) == {"before": 0, "overdue": 1}
    assert send_progress_reminders(day(3)) == {"before": 0, "overdue": 0}
    assert len(_titles(researcher)) == 2


@pytest.mark.parametrize("state", [ProgressReportState.SUBMITTED, ProgressReportState.ACCEPTED])
def test_no_reminder_for_a_report_the_team_no_longer_holds(report, state):
    ProgressReport.objects.filter(pk=report.pk).update(state=state)
    assert send_progress_reminders(day(-1)) == {"before": 0, "overdue": 0}
    assert send_progress_reminders(day(10)) == {"before": 0, "overdue": 0}
    assert not Notification.objects.exists()


def test_a_returned_report_is_still_reminded_and_the_team_is_pointed_to_the_comment(
    report, researcher
):
    ProgressReport.objects.filter(pk=report.pk).update(state=ProgressReportState.RETURNED)
    assert send_progress_reminders(day(2)) == {"before": 0, "overdue": 1}
    assert "It was returned to the team" in Notification.objects.get(recipient=researcher).body


def test_no_reminder_for_a_project_that_is_no_longer_active(project, report):
    Proposal.objects.filter(pk=project.pk).update(state=ProposalState.TERMINATED)
    assert send_progress_reminders(day(2)) == {"before": 0, "overdue": 0}


def test_each_report_of_the_project_has_its_own_reminders(project, researcher):
    final = report_of(project, ProgressReportKind.FINAL)
    send_progress_reminders(day(2))  # the 6-month report is overdue
    assert send_progress_reminders(final.due_on) == {"before": 1, "overdue": 1}
    assert len(_titles(researcher)) == 3


def test_the_daily_task_reminds_for_today_and_the_command_for_a_given_day(report, researcher):
    today = timezone.localdate()
    ProgressReport.objects.filter(pk=report.pk).update(due_on=today + datetime.timedelta(days=3))
    ProgressReport.objects.exclude(pk=report.pk).update(state=ProgressReportState.ACCEPTED)
    assert reminder_task.delay().get() == {"before": 1, "overdue": 0}
    out = StringIO()
    later = (today + datetime.timedelta(days=10)).isoformat()
    with translation.override("en"):
        call_command("send_progress_reminders", stdout=out)
        call_command("send_progress_reminders", "--date", later, stdout=out)
    assert out.getvalue().splitlines() == [
        "Progress report reminders sent: 0 due within 7 days, 0 overdue.",
        "Progress report reminders sent: 0 due within 7 days, 1 overdue.",
    ]
    assert len(_titles(researcher)) == 2
