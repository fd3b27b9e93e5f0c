"""Reminders: three days before the due date, on it, every three days after; once a day at
most; never for an assignment that no longer waits for the reviewer."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import Notification
from proposals.models import Proposal, ProposalState
from reviews.models import Assignment, AssignmentState, Review, ReviewState
from reviews.reviewing.reminders import is_reminder_day, send_due_reminders
from reviews.tasks import send_reminders
from tests.reviews.reviewing.conftest import assign

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 6, 15)


def day(offset):
    """The day `offset` days after the due date (negative: before it)."""
    return DUE + datetime.timedelta(days=offset)


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (-5, False),
        (-4, False),
        (-3, True),
        (-2, False),
        (-1, False),
        (0, True),
        (1, False),
        (2, False),
        (3, True),
        (4, False),
        (6, True),
        (9, True),
        (10, False),
    ],
)
def test_the_reminder_days(offset, expected):
    assert is_reminder_day(DUE, day(offset)) is expected


@pytest.fixture
def waiting(proposal, reviewer):
    return assign(proposal, reviewer, AssignmentState.ACCEPTED, due_date=DUE)


def sent(assignment):
    assignment.refresh_from_db()
    return assignment.reminders_sent


def test_three_days_before_the_due_date_the_reviewer_is_reminded(
    waiting, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(today=day(-3)) == 1
    assert sent(waiting) == 1
    [note] = Notification.objects.filter(recipient=reviewer)
    assert waiting.proposal.reference in note.title
    assert [message.to for message in mail.outbox] == [[reviewer.email]]


def test_no_reminder_on_other_days_before_the_due_date(waiting):
    assert send_due_reminders(today=day(-5)) == 0
    assert send_due_reminders(today=day(-1)) == 0
    assert sent(waiting) == 0


def test_a_reminder_on_the_due_date(waiting):
    assert send_due_reminders(today=DUE) == 1
    assert sent(waiting) == 1


def test_every_three_days_once_overdue(waiting):
    counts = [send_due_reminders(today=day(offset)) for offset in range(1, 10)]
    assert counts == [0, 0, 1, 0, 0, 1, 0, 0, 1]
    assert sent(waiting) == 3


def test_never_twice_a_day(waiting, reviewer):
    assert send_due_reminders(today=DUE) == 1
    assert send_due_reminders(today=DUE) == 0
    assert sent(waiting) == 1
    assert Notification.objects.filter(recipient=reviewer).count() == 1


def test_an_invitation_not_yet_answered_is_reminded_too(proposal, reviewer):
    invited = assign(proposal, reviewer, due_date=DUE)
    assert send_due_reminders(today=DUE) == 1
    assert sent(invited) == 1


@pytest.mark.parametrize(
    "state",
    [
        AssignmentState.SUBMITTED,
        AssignmentState.DECLINED,
        AssignmentState.CONFLICT,
        AssignmentState.CANCELLED,
    ],
)
def test_no_reminder_once_the_assignment_is_over(proposal, reviewer, state):
    done = assign(proposal, reviewer, state, due_date=DUE)
    assert send_due_reminders(today=DUE) == 0
    assert sent(done) == 0


def test_no_reminder_for_a_submitted_review(waiting):
    Review.objects.create(assignment=waiting, state=ReviewState.SUBMITTED)
    assert send_due_reminders(today=DUE) == 0


def test_a_draft_review_is_still_reminded(waiting):
    Review.objects.create(assignment=waiting, state=ReviewState.DRAFT)
    assert send_due_reminders(today=DUE) == 1


def test_no_reminder_once_the_proposal_left_review(waiting):
    Proposal.objects.filter(pk=waiting.proposal_id).update(state=ProposalState.WITHDRAWN)
    assert send_due_reminders(today=DUE) == 0


def test_each_reviewer_gets_their_own(proposal, trio):
    reviewers = trio("reviewer")
    for person in reviewers:
        assign(proposal, person, due_date=DUE)
    assert send_due_reminders(today=DUE) == 3
    assert Notification.objects.filter(recipient__in=reviewers).count() == 3


def test_the_command_prints_the_count(waiting, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: DUE)
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "1" in out.getvalue()
    assert sent(waiting) == 1
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "0" in out.getvalue()


def test_the_celery_task_sends_them(waiting, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: DUE)
    assert send_reminders.delay().get(timeout=1) == 1
    assert Assignment.objects.get(pk=waiting.pk).reminders_sent == 1


def test_the_beat_runs_the_task_every_morning(settings):
    [entry] = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "reviews.tasks.send_reminders"
    ]
    schedule = entry["schedule"]
    assert schedule.hour == {8} and schedule.minute == {0}
    assert settings.CELERY_TIMEZONE == "Asia/Bangkok"
