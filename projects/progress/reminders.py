"""Reminders of progress reports to their teams: once when the due date comes within
`settings.PROJECT_REPORT_REMINDER_DAYS`, then once a week while the report is overdue, for
reports of active projects that the team still holds (draft or returned). Run daily by the
Celery beat (`projects.tasks.send_progress_reminders`) or by hand
(`python manage.py send_progress_reminders`); running it twice a day sends nothing twice."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.notifications.kinds import MessageKind
from accounts.notifications.messages import Join, Localized, Message
from accounts.notifications.services import notify
from projects.models import ProgressReport, ProgressReportState
from proposals.lifecycle.notices import reference_of, team_members
from proposals.models import ProposalState

EVERY_DAYS_OVERDUE = 7
BEFORE = "before"
OVERDUE = "overdue"
COMPLETE_IT = _("Complete it and submit it to the funding officers.")

# The texts a programme may reword (the default ones vary a little more: due today, returned).
REMINDERS = {
    BEFORE: MessageKind(
        "report.due_soon",
        _("A progress report is due soon"),
        _("Progress report due soon: %(report)s, %(reference)s"),
        body=(_("The %(report)s of “%(title)s” is due on %(due)s."), COMPLETE_IT),
    ),
    OVERDUE: MessageKind(
        "report.overdue",
        _("A progress report is overdue"),
        _("Progress report overdue: %(report)s, %(reference)s"),
        body=(_("The %(report)s of “%(title)s” was due on %(due)s."), COMPLETE_IT),
    ),
}
MESSAGES = list(REMINDERS.values())


def reminder_days():
    return settings.PROJECT_REPORT_REMINDER_DAYS


def kind_of_reminder(report, today):
    """BEFORE, OVERDUE or None: which reminder `report` is owed today."""
    if report.state not in ProgressReportState.editable():
        return None
    if report.due_on < today:
        last = report.reminded_overdue_on
        if last is None or (today - last).days >= EVERY_DAYS_OVERDUE:
            return OVERDUE
        return None
    if (report.due_on - today).days <= reminder_days() and report.reminded_before_on is None:
        return BEFORE
    return None


def candidates(today):
    """Reports of active projects still with their team and due within the window (or
    past it), with what the messages and the recipients need."""
    return (
        ProgressReport.objects.filter(
            proposal__state=ProposalState.ACTIVE,
            state__in=ProgressReportState.editable(),
            due_on__lte=today + datetime.timedelta(days=reminder_days()),
        )
        .select_related("proposal__lead", "proposal__call")
        .prefetch_related("proposal__team__user")
        .order_by("due_on", "pk")
    )


def _names(report):
    """The parameters of the reminders, each shown in the reader's language."""
    proposal = report.proposal
    return {
        "report": Localized(report.get_kind_display),
        "reference": reference_of(proposal),
        "title": Localized(lambda: proposal.title),
        "due": report.due_on,
    }


def _message(report, kind, today):
    names = _names(report)
    if kind == OVERDUE:
        title = Message(_("Progress report overdue: %(report)s, %(reference)s"), **names)
        when = _("The %(report)s of “%(title)s” was due on %(due)s.")
    else:
        title = Message(_("Progress report due soon: %(report)s, %(reference)s"), **names)
        if report.due_on == today:
            when = _("The %(report)s of “%(title)s” is due today, %(due)s.")
        else:
            when = _("The %(report)s of “%(title)s” is due on %(due)s.")
    returned = None
    if report.state == ProgressReportState.RETURNED:
        returned = Message(_("It was returned to the team: the officer's comment is on its page."))
    body = Join(
        Message(when, **names),
        returned,
        Message(COMPLETE_IT),
    )
    return title, body


STAMPS = {BEFORE: "reminded_before_on", OVERDUE: "reminded_overdue_on"}


@transaction.atomic
def _remind(report, today):
    """Remind the team of one report, unless another run did it first (the row is locked
    and read again). Returns the kind of reminder sent, or None."""
    locked = ProgressReport.objects.select_for_update().get(pk=report.pk)
    kind = kind_of_reminder(locked, today)
    if kind is None:
        return None
    title, body = _message(report, kind, today)
    notify(
        kind=REMINDERS[kind],
        call=report.proposal.call,
        recipients=team_members(report.proposal),
        title=title,
        body=body,
        url=report.get_absolute_url(),
    )
    ProgressReport.objects.filter(pk=locked.pk).update(**{STAMPS[kind]: today})
    return kind


def send_progress_reminders(today=None):
    """Send today's reminders (in the app and by email). Returns {"before": n, "overdue": n}."""
    today = today or timezone.localdate()
    counts = {BEFORE: 0, OVERDUE: 0}
    for report in candidates(today):
        if kind_of_reminder(report, today) is None:
            continue
        kind = _remind(report, today)
        if kind:
            counts[kind] += 1
    return counts
