"""Payment requests (ขอเบิกเงินงวด): the team requests a due instalment with the documents its
call asks for and submits it; a funding officer returns it or passes it on; finance records
the payment (date, reference, amount, which may be less than the instalment with a reason) or
rejects it. The person who checked a request never pays it, whatever roles they hold.

Each step locks the request (and, to pay, the instalment and the award), checks who may take
it, writes one audit entry and tells the people concerned after the commit. Paying releases
the instalment: it is refused while the instalment is not due, and when the released total
would pass the approved budget."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from core.thai import format_money
from projects import selectors as project_selectors
from projects.contracts import services as contract_services
from projects.instalments.services import make_due, ready_to_fall_due, waiting_message
from projects.models import (
    Award,
    Instalment,
    InstalmentState,
    PaymentDocument,
    PaymentDocumentKind,
    PaymentPolicy,
    PaymentRequest,
    PaymentState,
)
from projects.payments import checks, notices
from projects.payments import rules as payment_rules
from projects.progress.evidence import check_evidence, short_name, stored_name
from projects.services import ProjectError

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("payment_request.create", gettext_lazy("Payment request started"), None),
    ("payment_request.attach", gettext_lazy("Document added to a payment request"), None),
    ("payment_request.submit", gettext_lazy("Payment requested"), None),
    ("payment_request.return", gettext_lazy("Payment request returned to the team"), None),
    ("payment_request.check", gettext_lazy("Payment request checked and passed on"), None),
    ("payment_request.pay", gettext_lazy("Payment approved and recorded"), None),
    ("payment_request.reject", gettext_lazy("Payment request rejected"), None),
    ("payment_policy.set", gettext_lazy("Documents of payment requests set"), None),
]

SEPARATION_OF_DUTIES = gettext_lazy(
    "You checked this request: another person of finance must approve and pay it."
)


def _locked(payment):
    return (
        PaymentRequest.objects.select_for_update(of=("self",))
        .select_related("proposal__call", "instalment__report")
        .get(pk=payment.pk)
    )


def _expect(locked, *states):
    """Refuse a step on a request no longer in a state it starts from (a second press)."""
    if locked.state not in states:
        raise ProjectError(
            _("This request is “%(state)s”: nothing was changed.")
            % {"state": PaymentState(locked.state).label}
        )


def _record(actor, action, payment, from_state, **data):
    audit.record(
        actor=actor,
        action=action,
        obj=payment,
        from_state=from_state,
        to_state=payment.state,
        data=data or None,
    )


@transaction.atomic
def set_payment_documents(*, call, actor, documents):
    """A funding officer sets the documents `call` asks for with each payment request."""
    if not payment_rules.checks_payments(actor):
        raise ProjectError(_("You may not set the rules of this call."))
    unknown = [kind for kind in documents if kind not in PaymentDocumentKind.values]
    if unknown:
        raise ProjectError(_("Unknown kind of document."))
    policy, _created = PaymentPolicy.objects.select_for_update().get_or_create(call=call)
    before = list(policy.documents) if not _created else None
    policy.documents = [kind for kind in PaymentDocumentKind.values if kind in documents]
    policy.save(update_fields=["documents"])
    audit.record(
        actor=actor,
        action="payment_policy.set",
        obj=call,
        data={"before": before, "after": policy.documents},
    )
    return policy


@transaction.atomic
def start_request(*, instalment, actor, note=""):
    """The team starts a draft request for `instalment` (one live request per instalment).
    Refused before the instalment is due: it says what the instalment waits for."""
    locked = (
        Instalment.objects.select_for_update(of=("self",))
        .select_related("proposal", "report")
        .get(pk=instalment.pk)
    )
    if not payment_rules.can_request_payment(actor, locked):
        raise ProjectError(_("You may not request this instalment."))
    if ready_to_fall_due(locked):  # the daily task has not run yet: it falls due now
        make_due(locked, actor=actor)
    if locked.state != InstalmentState.DUE:
        raise ProjectError(waiting_message(locked))
    live = PaymentRequest.objects.filter(instalment=locked).exclude(state=PaymentState.REJECTED)
    if live.exists():
        raise ProjectError(_("This instalment is already requested."))
    try:
        with transaction.atomic():
            payment = PaymentRequest.objects.create(
                proposal=locked.proposal,
                instalment=locked,
                note=(note or "").strip(),
                created_by=actor,
            )
    except IntegrityError as error:  # a second press of the same button
        raise ProjectError(_("This instalment is already requested.")) from error
    _record(actor, "payment_request.create", payment, None, instalment=locked.number)
    return payment


@transaction.atomic
def attach_document(*, payment, actor, kind, upload):
    """The team adds a document of `kind` (checked as evidence files are)."""
    locked = _locked(payment)
    if not payment_rules.can_edit_payment(actor, locked):
        raise ProjectError(_("This request can no longer be changed."))
    if kind not in PaymentDocumentKind.values:
        raise ProjectError(_("Unknown kind of document."))
    check_evidence(upload)
    name = short_name(upload.name)
    document = PaymentDocument(
        request=locked, kind=kind, original_name=name, size=upload.size, uploaded_by=actor
    )
    document.file.save(stored_name(upload), upload, save=False)
    document.save()
    _record(actor, "payment_request.attach", locked, locked.state, file=name, kind=kind)
    return document


@transaction.atomic
def submit_request(*, payment, actor):
    """The team submits a request with every document its call asks for; the funding
    officers hear of it."""
    locked = _locked(payment)
    _expect(locked, *PaymentState.editable())
    if not payment_rules.can_submit_payment(actor, locked):
        raise ProjectError(_("You may not submit this request."))
    problems = checks.payment_problems(locked)
    if problems:
        raise ProjectError(problems)
    from_state = locked.state
    locked.submit()
    locked.submitted_at = timezone.now()
    locked.comment = ""
    locked.save(update_fields=["state", "submitted_at", "comment"])
    _record(actor, "payment_request.submit", locked, from_state)
    transaction.on_commit(lambda: notices.payment_submitted(locked, actor), robust=True)
    return locked


@transaction.atomic
def request_payment(*, instalment, actor, note, documents, submit=True):
    """The team's request form in one go: start the request, add its documents ({kind:
    upload}) and, with `submit`, submit it; any refusal leaves nothing saved."""
    payment = start_request(instalment=instalment, actor=actor, note=note)
    for kind, upload in documents.items():
        attach_document(payment=payment, actor=actor, kind=kind, upload=upload)
    if submit:
        payment = submit_request(payment=payment, actor=actor)
    return payment


def _reason(text, message):
    text = (text or "").strip()
    if not text:
        raise ProjectError(message)
    return text


@transaction.atomic
def return_request(*, payment, actor, comment):
    """An officer returns a submitted request to the team, with the reason."""
    locked = _locked(payment)
    _expect(locked, PaymentState.SUBMITTED)
    if not payment_rules.can_check_payment(actor, locked):
        raise ProjectError(_("You may not check this request."))
    reason = _reason(comment, _("Say what the team must fix."))
    locked.return_to_team()
    locked.comment = reason
    locked.save(update_fields=["state", "comment"])
    _record(actor, "payment_request.return", locked, PaymentState.SUBMITTED, comment=reason)
    transaction.on_commit(lambda: notices.payment_decided(locked, actor), robust=True)
    return locked


@transaction.atomic
def check_request(*, payment, actor, comment=""):
    """An officer checks a submitted request and passes it on to finance."""
    locked = _locked(payment)
    _expect(locked, PaymentState.SUBMITTED)
    if not payment_rules.can_check_payment(actor, locked):
        raise ProjectError(_("You may not check this request."))
    locked.pass_on()
    locked.checked_at = timezone.now()
    locked.checked_by = actor
    locked.comment = (comment or "").strip()
    locked.save(update_fields=["state", "checked_at", "checked_by", "comment"])
    _record(actor, "payment_request.check", locked, PaymentState.SUBMITTED)
    transaction.on_commit(lambda: notices.payment_checked(locked, actor), robust=True)
    return locked


def _may_decide(actor, locked):
    _expect(locked, PaymentState.CHECKED)
    if payment_rules.pays_requests(actor) and payment_rules.checked_it(actor, locked):
        raise ProjectError(str(SEPARATION_OF_DUTIES))
    if not payment_rules.can_pay_payment(actor, locked):
        raise ProjectError(_("You may not approve or reject this request."))


def _payment_problems(locked, award, paid_on, reference, amount, shortfall_reason):
    """Why finance may not record this payment, in words (empty: it may)."""
    instalment = locked.instalment
    problems = []
    if instalment.state != InstalmentState.DUE:
        if instalment.state == InstalmentState.SCHEDULED:
            problems.append(waiting_message(instalment))
        else:
            problems.append(
                _("This instalment is “%(state)s”: nothing was changed.")
                % {"state": InstalmentState(instalment.state).label}
            )
    if not contract_services.contract_in_force(locked.proposal):
        problems.append(contract_services.not_in_force_message())
    if not paid_on:
        problems.append(_("Give the payment date."))
    elif paid_on > timezone.localdate():
        problems.append(_("The payment date cannot be in the future."))
    if not reference:
        problems.append(_("Give the payment reference (e.g. the transfer number)."))
    if amount is None or amount <= 0:
        problems.append(_("Give the amount paid."))
    elif amount > instalment.amount:
        problems.append(
            _("The amount paid cannot be more than the instalment, %(amount)s baht.")
            % {"amount": format_money(instalment.amount)}
        )
    elif amount < instalment.amount and not shortfall_reason:
        problems.append(_("Say why less than the instalment is paid."))
    released = project_selectors.released_total(locked.proposal_id)
    if amount and amount > 0 and released + amount > award.amount:
        problems.append(
            _("Releasing %(amount)s baht would pay more than the approved %(approved)s baht.")
            % {"amount": format_money(amount), "approved": format_money(award.amount)}
        )
    return problems


@transaction.atomic
def pay_request(*, payment, actor, paid_on, payment_reference, amount, shortfall_reason=""):
    """Finance approves a checked request and records its payment, which releases the
    instalment. Refused to the person who checked it, before the instalment is due and
    whenever the released total would pass the approved budget."""
    locked = _locked(payment)
    _may_decide(actor, locked)
    instalment = Instalment.objects.select_for_update(of=("self",)).get(pk=locked.instalment_id)
    locked.instalment = instalment
    if ready_to_fall_due(instalment):
        make_due(instalment, actor=actor)
    award = Award.objects.select_for_update().get(proposal_id=locked.proposal_id)
    reference = (payment_reference or "").strip()
    amount = Decimal(amount).quantize(Decimal("0.01")) if amount is not None else None
    reason = (shortfall_reason or "").strip()
    problems = _payment_problems(locked, award, paid_on, reference, amount, reason)
    if problems:
        raise ProjectError(problems)
    now = timezone.now()
    instalment.release()
    instalment.paid_on = paid_on
    instalment.payment_reference = reference
    instalment.paid_amount = amount if amount != instalment.amount else None
    instalment.released_at = now
    instalment.released_by = actor
    instalment.save(
        update_fields=[
            "state",
            "paid_on",
            "payment_reference",
            "paid_amount",
            "released_at",
            "released_by",
        ]
    )
    audit.record(
        actor=actor,
        action="instalment.release",
        obj=instalment,
        from_state=InstalmentState.DUE,
        to_state=InstalmentState.RELEASED,
        data={"paid_on": paid_on.isoformat(), "reference": reference, "amount": str(amount)},
    )
    locked.pay()
    locked.decided_at = now
    locked.decided_by = actor
    locked.paid_on = paid_on
    locked.payment_reference = reference
    locked.amount_paid = amount
    locked.shortfall_reason = reason if amount < instalment.amount else ""
    locked.save(
        update_fields=[
            "state",
            "decided_at",
            "decided_by",
            "paid_on",
            "payment_reference",
            "amount_paid",
            "shortfall_reason",
        ]
    )
    _record(
        actor,
        "payment_request.pay",
        locked,
        PaymentState.CHECKED,
        paid_on=paid_on.isoformat(),
        reference=reference,
        amount=str(amount),
    )
    transaction.on_commit(lambda: notices.payment_decided(locked, actor), robust=True)
    return locked


@transaction.atomic
def reject_request(*, payment, actor, comment):
    """Finance rejects a checked request, with the reason; the team may request the
    instalment again."""
    locked = _locked(payment)
    _may_decide(actor, locked)
    reason = _reason(comment, _("Say why the request is rejected."))
    locked.reject()
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.comment = reason
    locked.save(update_fields=["state", "decided_at", "decided_by", "comment"])
    _record(actor, "payment_request.reject", locked, PaymentState.CHECKED, comment=reason)
    transaction.on_commit(lambda: notices.payment_decided(locked, actor), robust=True)
    return locked
