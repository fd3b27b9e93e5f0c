"""Payments of a funded project: an officer records the payment of a due instalment; a
terminated project's unpaid instalments are cancelled."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from core.thai import format_money
from indicators import ledger
from projects import selectors
from projects.models import (
    Award,
    Instalment,
    InstalmentState,
)
from projects.rules import can_release_instalment
from projects.services import ProjectError, ledger_source

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("instalment.release", gettext_lazy("Instalment released"), None),
    ("instalment.cancel", gettext_lazy("Instalment cancelled"), None),
]


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
    reference = (payment_reference or "").strip()
    problems = []
    if locked.state == InstalmentState.SCHEDULED:
        report = locked.report
        problems.append(
            _("This instalment waits for the %(report)s to be accepted.")
            % {"report": report.get_kind_display() if report else _("contract")}
        )
    elif locked.state != InstalmentState.DUE:
        problems.append(
            _("This instalment is “%(state)s”: nothing was changed.")
            % {"state": InstalmentState(locked.state).label}
        )
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
