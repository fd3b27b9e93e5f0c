"""Payments of a funded project: an instalment falls due once the report it waits for is
accepted and that report's period has ended; an officer records the payment of a due
instalment; a terminated project's unpaid instalments are cancelled.

An instalment never falls due on a report whose period has not ended (a report accepted early,
with an officer's recorded reason, still waits for the end of its period): it falls due on the
day after the period ends, through the daily task `projects.tasks.instalments_fall_due` (or
`python manage.py instalments_fall_due`), and at the latest when an officer records its payment.
Its `due_since` is that day, or the day of the acceptance when that came later, whenever the
task runs."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from core.thai import format_date, format_money
from indicators import ledger
from projects import selectors
from projects.contracts import services as contract_services
from projects.models import (
    Award,
    Instalment,
    InstalmentState,
    ProgressReportState,
)
from projects.progress import notices as report_notices
from projects.rules import can_release_instalment
from projects.services import ProjectError, ledger_source

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


@transaction.atomic
def release_instalment(*, instalment, actor, paid_on, payment_reference):
    """An officer records the payment of a due instalment. Refused before the report it
    depends on is accepted, and whenever the released total would pass the approved budget."""
    locked = (
        Instalment.objects.select_for_update(of=("self",))
        .select_related("proposal", "report")
        .get(pk=instalment.pk)
    )
    if not can_release_instalment(actor, locked):
        raise ProjectError(_("You may not release this instalment."))
    if ready_to_fall_due(locked):  # the daily task has not run yet: it falls due now
        make_due(locked, actor=actor)
    reference = (payment_reference or "").strip()
    problems = []
    if locked.state == InstalmentState.SCHEDULED:
        problems.append(waiting_message(locked))
    elif locked.state != InstalmentState.DUE:
        problems.append(
            _("This instalment is “%(state)s”: nothing was changed.")
            % {"state": InstalmentState(locked.state).label}
        )
    if not contract_services.contract_in_force(locked.proposal):
        problems.append(contract_services.not_in_force_message())
    if not paid_on:
        problems.append(_("Give the payment date."))
    elif paid_on > timezone.localdate():
        problems.append(_("The payment date cannot be in the future."))
    if not reference:
        problems.append(_("Give the payment reference (e.g. the transfer number)."))
    award = Award.objects.select_for_update().get(proposal_id=locked.proposal_id)
    released = selectors.released_total(locked.proposal_id)
    if released + locked.amount > award.amount:
        problems.append(
            _("Releasing %(amount)s baht would pay more than the approved %(approved)s baht.")
            % {"amount": format_money(locked.amount), "approved": format_money(award.amount)}
        )
    if problems:
        raise ProjectError(problems)
    locked.release()
    locked.paid_on = paid_on
    locked.payment_reference = reference
    locked.released_at = timezone.now()
    locked.released_by = actor
    locked.save(
        update_fields=["state", "paid_on", "payment_reference", "released_at", "released_by"]
    )
    audit.record(
        actor=actor,
        action="instalment.release",
        obj=locked,
        from_state=InstalmentState.DUE,
        to_state=InstalmentState.RELEASED,
        data={"paid_on": paid_on.isoformat(), "reference": reference},
    )
    return locked


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
