"""Instalments of a funded project: an instalment falls due once the report it waits for is
accepted and that report's period has ended; it is paid through a payment request
(projects.payments: the team requests it, an officer checks it, finance pays it); a terminated
project's unpaid instalments are cancelled.

An instalment never falls due on a report whose period has not ended (a report accepted early,
with an officer's recorded reason, still waits for the end of its period): it falls due on the
day after the period ends, through the daily task `projects.tasks.instalments_fall_due` (or
`python manage.py instalments_fall_due`), and at the latest when the team requests it.
Its `due_since` is that day, or the day of the acceptance when that came later, whenever the
task runs."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from core.thai import format_date
from indicators import ledger
from projects.models import (
    Instalment,
    InstalmentState,
    ProgressReportState,
)
from projects.progress import notices as report_notices
from projects.services import ledger_source

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("instalment.release", gettext_lazy("Instalment released"), None),
    ("instalment.cancel", gettext_lazy("Instalment cancelled"), None),
]


def ready_to_fall_due(instalment, today=None):
    """Whether a scheduled instalment's report is accepted and its period has ended."""
    report = instalment.report
    return (
        instalment.state == InstalmentState.SCHEDULED
        and report is not None
        and report.state == ProgressReportState.ACCEPTED
        and report.period_ended(today)
    )


def due_date(report):
    """The day an instalment falls due on `report`: the day after its period ends, or the
    day it was accepted when that came later."""
    accepted = timezone.localdate(report.decided_at) if report.decided_at else report.opens_on
    return max(report.opens_on, accepted)


def make_due(instalment, *, actor=None):
    """Make a locked, scheduled instalment due (audited); the caller tells the officers."""
    instalment.make_due()
    instalment.due_since = (
        due_date(instalment.report) if instalment.report else timezone.localdate()
    )
    instalment.save(update_fields=["state", "due_since"])
    audit.record(
        actor=actor,
        action="instalment.due",
        obj=instalment,
        from_state=InstalmentState.SCHEDULED,
        to_state=InstalmentState.DUE,
    )
    return instalment


@transaction.atomic
def fall_due(today=None):
    """Make due every scheduled instalment whose report is accepted and whose period has
    ended by `today` (the daily task); the funding officers hear of each. Returns them."""
    today = today or timezone.localdate()
    waiting = (
        Instalment.objects.select_for_update(of=("self",))
        .select_related("report__proposal")
        .filter(
            state=InstalmentState.SCHEDULED,
            report__state=ProgressReportState.ACCEPTED,
            report__period_end__lt=today,
        )
        .order_by("pk")
    )
    made_due = [make_due(instalment) for instalment in waiting]
    for instalment in made_due:
        report, due = instalment.report, [instalment]
        transaction.on_commit(
            lambda report=report, due=due: report_notices.instalments_due(report, due), robust=True
        )
    return made_due


def waiting_message(instalment):
    """What a scheduled instalment waits for, in words."""
    report = instalment.report
    if report is not None and report.state == ProgressReportState.ACCEPTED:
        return _(
            "This instalment falls due on %(day)s, when the period of the %(report)s has ended."
        ) % {"day": format_date(report.opens_on), "report": report.get_kind_display()}
    return _("This instalment waits for the %(report)s to be accepted.") % {
        "report": report.get_kind_display() if report else _("contract")
    }


def stop_counting_commitments(*, proposal, actor):
    """A terminated project no longer counts towards what the programme expects, and its
    unpaid instalments are cancelled; what it delivered stays counted."""
    ledger.withdraw_commitments(source=ledger_source(proposal))
    for instalment in Instalment.objects.select_for_update().filter(
        proposal=proposal, state__in=(InstalmentState.SCHEDULED, InstalmentState.DUE)
    ):
        from_state = instalment.state
        instalment.cancel()
        instalment.save(update_fields=["state"])
        audit.record(
            actor=actor,
            action="instalment.cancel",
            obj=instalment,
            from_state=from_state,
            to_state=InstalmentState.CANCELLED,
        )
