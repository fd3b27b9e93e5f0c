"""Reminders to reviewers: three days before the due date, on the day, and every three days
once it has passed, for assignments still waiting for them. Run daily by the Celery beat
(reviews.tasks.send_reminders) or by hand (`python manage.py send_reminders`)."""

import datetime

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.notifications.kinds import MessageKind
from accounts.notifications.messages import Join, Localized, Message
from accounts.notifications.services import notify
from proposals.models import ProposalState
from reviews.models import Assignment, AssignmentState, ReviewState
from reviews.reviewing.rules import OPEN_STATES

DAYS_BEFORE = 3
EVERY_DAYS_AFTER = 3
# Reviews are only wanted while the proposal waits for them.
PROPOSAL_STATES = (ProposalState.SUBMITTED, ProposalState.IN_REVIEW)


ACCEPT_OR_DECLINE = _("Please accept or decline the invitation.")
DECLARE_AND_REVIEW = _("Please declare any conflict of interest and submit your review.")
# The texts a programme may reword (the default ones vary a little more: due today, the step).
DUE_SOON = MessageKind(
    "review.due_soon",
    _("A review is due soon"),
    _("Review due soon: %(reference)s"),
    body=(
        _("Your review of “%(title)s” (round %(round)s) is due on %(due)s."),
        DECLARE_AND_REVIEW,
    ),
)
OVERDUE = MessageKind(
    "review.overdue",
    _("A review is overdue"),
    _("Review overdue: %(reference)s"),
    body=(
        _("Your review of “%(title)s” (round %(round)s) was due on %(due)s."),
        DECLARE_AND_REVIEW,
    ),
)
MESSAGES = [DUE_SOON, OVERDUE]


def is_reminder_day(due_date, today):
    """Three days before, the due date itself, then every three days after it."""
    days_left = (due_date - today).days
    if days_left in (DAYS_BEFORE, 0):
        return True
    return days_left < 0 and -days_left % EVERY_DAYS_AFTER == 0


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def due_for_reminder(today):
    """Open assignments on a reminder day that have had no reminder yet today."""
    candidates = (
        Assignment.objects.filter(
            state__in=OPEN_STATES,
            proposal__state__in=PROPOSAL_STATES,
            due_date__lte=today + datetime.timedelta(days=DAYS_BEFORE),
        )
        .exclude(review__state=ReviewState.SUBMITTED)
        .exclude(last_reminder_at__gte=_start_of(today))
        .select_related("proposal__call", "reviewer")
        .order_by("due_date", "pk")
    )
    return [a for a in candidates if is_reminder_day(a.due_date, today)]


def _message(assignment, today):
    """The reminder's title and body, shown in the reader's language."""
    proposal = assignment.proposal
    days_left = (assignment.due_date - today).days
    names = {
        "reference": proposal.reference or Localized(lambda: proposal.title),
        "title": Localized(lambda: proposal.title),
        "round": assignment.round,
        "due": assignment.due_date,
    }
    if days_left < 0:
        title = Message(_("Review overdue: %(reference)s"), **names)
        when = _("Your review of “%(title)s” (round %(round)s) was due on %(due)s.")
    else:
        title = Message(_("Review due soon: %(reference)s"), **names)
        if days_left == 0:
            when = _("Your review of “%(title)s” (round %(round)s) is due today, %(due)s.")
        else:
            when = _("Your review of “%(title)s” (round %(round)s) is due on %(due)s.")
    step = ACCEPT_OR_DECLINE if assignment.state == AssignmentState.INVITED else DECLARE_AND_REVIEW
    body = Join(Message(when, **names), Message(step))
    return title, body


@transaction.atomic
def _remind(assignment, today, now):
    """Remind one reviewer, unless another run did it first today (the row is locked)."""
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if locked.last_reminder_at and timezone.localdate(locked.last_reminder_at) >= today:
        return False
    title, body = _message(assignment, today)
    overdue = assignment.due_date < today
    notify(
        kind=OVERDUE if overdue else DUE_SOON,
        call=assignment.proposal.call,
        recipients=[assignment.reviewer],
        title=title,
        body=body,
        url=reverse("reviews:my_assignments"),
    )
    Assignment.objects.filter(pk=locked.pk).update(
        last_reminder_at=now, reminders_sent=F("reminders_sent") + 1
    )
    return True


def send_due_reminders(today=None):
    """Send today's reminders (in the app and by email), at most one a day per assignment.
    Returns how many were sent."""
    today = today or timezone.localdate()
    # The moment recorded is today's date at the present time of day, so that a run for a
    # given day (tests, a catch-up by hand) counts as that day's reminder.
    now = timezone.make_aware(datetime.datetime.combine(today, timezone.localtime().time()))
    return sum(_remind(a, today, now) for a in due_for_reminder(today))
