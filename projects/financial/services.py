"""The one write of the financial report: an officer records the refund of the unspent balance
that the accepted final report left, which the project needs before it closes."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from core.thai import format_money
from projects.financial.selectors import refund_standing
from projects.models import Refund, RefundState
from projects.rules import can_record_refund
from projects.services import ProjectError
from proposals.models import Proposal

AUDIT_ACTIONS = [
    ("project.refund_recorded", gettext_lazy("Refund of the unspent balance recorded"), None),
]


@transaction.atomic
def record_refund(*, proposal, actor, amount, refunded_on, reference):
    """Record that the team returned the unspent balance: the amount must be the balance of
    the final financial report, the date not in the future, with the transfer's reference.
    Refused (with the field named) before the final report is accepted, when nothing is owed
    and once recorded."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not can_record_refund(actor, locked):
        raise ProjectError(_("You may not record the refund of this project."))
    report = refund_standing(locked)
    state = report.state
    if state != RefundState.OWED:
        raise ProjectError(
            _("The refund is “%(state)s”: nothing was recorded.") % {"state": state.label}
        )
    reference = (reference or "").strip()
    problems = {}
    if amount is None or amount != report.balance:
        problems["amount"] = _("The refund must be the unspent balance, %(balance)s baht.") % {
            "balance": format_money(report.balance)
        }
    if not refunded_on:
        problems["refunded_on"] = _("Give the refund date.")
    elif refunded_on > timezone.localdate():
        problems["refunded_on"] = _("The refund date cannot be in the future.")
    if not reference:
        problems["reference"] = _("Give the refund reference (e.g. the transfer number).")
    if problems:
        raise ProjectError(problems)
    refund = Refund.objects.create(
        proposal=locked,
        balance=report.balance,
        amount=amount,
        refunded_on=refunded_on,
        reference=reference,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="project.refund_recorded",
        obj=locked,
        from_state=RefundState.OWED,
        to_state=RefundState.RECORDED,
        data={
            "amount": str(amount),
            "refunded_on": refunded_on.isoformat(),
            "reference": reference,
            "paid": str(report.paid),
            "spent": str(report.spent),
        },
    )
    return refund
