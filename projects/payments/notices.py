"""Who hears of a payment request's steps, and what they read (in their own language): the
funding officers of a submission, finance of a checked request, the team (and the officers) of
a return, a payment or a rejection, and the team of a due instalment not yet requested. The
services of `projects.payments` call these after the commit."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.notifications.kinds import MessageKind
from accounts.notifications.messages import Localized, Message
from accounts.notifications.services import notify
from accounts.selectors import finance_officers, funding_officers
from core.thai import format_money
from projects.models import PaymentState
from proposals.lifecycle.notices import COMMENT, reference_of, team_members, with_comment

SUBMITTED = MessageKind(
    "payment.submitted",
    _("A payment is requested"),
    _("Payment requested: %(reference)s, instalment %(number)s"),
    body=(
        _(
            "The team of “%(title)s” requests instalment %(number)s (%(amount)s baht). By "
            "%(actor)s. Check it, then return it or pass it on to finance."
        ),
    ),
)
CHECKED = MessageKind(
    "payment.checked",
    _("A payment request is checked"),
    _("Payment to approve: %(reference)s, instalment %(number)s"),
    body=(
        _(
            "%(actor)s checked the request for instalment %(number)s (%(amount)s baht) of "
            "“%(title)s”: approve and record the payment, or reject it."
        ),
        COMMENT,
    ),
)
PAID = MessageKind(
    "payment.paid",
    _("A payment is recorded"),
    _("Payment request %(state)s: %(reference)s, instalment %(number)s"),
    body=(
        _(
            "Instalment %(number)s of “%(title)s” was paid: %(paid)s baht on %(day)s, "
            "reference %(payment)s. By %(actor)s."
        ),
        COMMENT,
    ),
)
DECIDED = MessageKind(
    "payment.decided",
    _("A payment request is returned or rejected"),
    _("Payment request %(state)s: %(reference)s, instalment %(number)s"),
    body=(
        _("The request for instalment %(number)s of “%(title)s”: %(state)s, by %(actor)s."),
        COMMENT,
    ),
)
REMINDER = MessageKind(
    "payment.reminder",
    _("An instalment waits for its request"),
    _("Instalment to request: %(reference)s, no. %(number)s"),
    body=(
        _(
            "Instalment %(number)s (%(amount)s baht) of “%(title)s” has been due since "
            "%(since)s: request it with the documents the call asks for."
        ),
    ),
)
MESSAGES = [SUBMITTED, CHECKED, PAID, DECIDED, REMINDER]


def _names(payment, actor):
    proposal = payment.proposal
    return {
        "number": payment.instalment.number,
        "amount": format_money(payment.instalment.amount),
        "reference": reference_of(proposal),
        "title": Localized(lambda: proposal.title),
        "actor": Localized(lambda: actor.display_name),
    }


def payment_submitted(payment, actor):
    """The funding officers hear that a request waits for their check."""
    return notify(
        kind=SUBMITTED,
        call=payment.proposal.call,
        recipients=funding_officers(),
        title=Message(SUBMITTED.title, **_names(payment, actor)),
        body=Message(SUBMITTED.body[0], **_names(payment, actor)),
        url=payment.get_absolute_url(),
    )


def payment_checked(payment, actor):
    """Finance hears that a checked request waits for its approval."""
    text = Message(CHECKED.body[0], **_names(payment, actor))
    return notify(
        kind=CHECKED,
        call=payment.proposal.call,
        recipients=finance_officers(),
        title=Message(CHECKED.title, **_names(payment, actor)),
        body=with_comment(text, payment.comment),
        url=payment.get_absolute_url(),
    )


def payment_decided(payment, actor):
    """The team hears that its request was returned, paid or rejected, with the reason; the
    funding officers hear of a payment or a rejection too."""
    names = {**_names(payment, actor), "state": Localized(payment.get_state_display)}
    if payment.state == PaymentState.PAID:
        kind = PAID
        text = Message(
            PAID.body[0],
            paid=format_money(payment.amount_paid),
            day=payment.paid_on,
            payment=payment.payment_reference,
            **names,
        )
        comment = payment.shortfall_reason
    else:
        kind = DECIDED
        text = Message(DECIDED.body[0], **names)
        comment = payment.comment
    people = team_members(payment.proposal)
    if payment.state != PaymentState.RETURNED:
        people += funding_officers()
    return notify(
        kind=kind,
        call=payment.proposal.call,
        recipients=people,
        title=Message(kind.title, **names),
        body=with_comment(text, comment),
        url=payment.get_absolute_url(),
    )


def payment_reminder(instalment):
    """The team hears that a due instalment waits for its request."""
    names = {
        "number": instalment.number,
        "amount": format_money(instalment.amount),
        "reference": reference_of(instalment.proposal),
        "title": Localized(lambda: instalment.proposal.title),
        "since": instalment.due_since,
    }
    return notify(
        kind=REMINDER,
        call=instalment.proposal.call,
        recipients=team_members(instalment.proposal),
        title=Message(REMINDER.title, **names),
        body=Message(REMINDER.body[0], **names),
        url=reverse("projects:project", args=[instalment.proposal_id]) + "#instalments",
    )
