"""Funding decisions and their letters. `decide` is the one place a decision is taken: the
lifecycle's transition (role, row lock, conditions, audit, notice), the Decision row with its
letters, the approved amount, one transaction; the letter leaves by email after the commit."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from core.thai import format_date, format_money
from indicators.letters import issue_letter
from proposals.editing.budget import requested_amount
from proposals.lifecycle.rules import may_press
from proposals.lifecycle.services import (
    TransitionError,
    TransitionNotPermitted,
    registered_condition_messages,
    transition,
)
from proposals.models import Proposal
from reviews.decisions import letters, notices
from reviews.models import Decision, DecisionLetterTemplate, DecisionOutcome
from reviews.scoring import cache as statistics_cache

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("decision.recorded", gettext_lazy("Decision recorded"), None),
    ("decision_letters.changed", gettext_lazy("Decision letters changed"), None),
]


class DecisionError(ValidationError):
    """A decision was refused; `.messages` says every reason. Nothing was saved."""


def _check(outcome, comment, approved_amount, requested):
    errors = []
    if not comment:
        errors.append(_("Write a comment: the applicant reads it in the decision letter."))
    if outcome == DecisionOutcome.APPROVE:
        if approved_amount is None:
            errors.append(_("Give the approved amount."))
        elif approved_amount <= 0:
            errors.append(_("The approved amount must be more than zero."))
        elif approved_amount > requested:
            errors.append(
                _("The approved amount may not exceed the requested %(requested)s baht.")
                % {"requested": format_money(requested)}
            )
    return errors


@transaction.atomic
def decide(*, proposal, outcome, actor, comment, approved_amount=None):
    """Approve (with `approved_amount`, > 0 and at most the requested amount), reject or
    request a revision of `proposal`, on behalf of `actor`, with a `comment` (required).
    Raises DecisionError with every reason when refused (TransitionNotPermitted when the
    actor's role may not), and then nothing is saved. Returns the Decision."""
    outcome = DecisionOutcome(outcome)
    comment = (comment or "").strip()
    if outcome != DecisionOutcome.APPROVE:
        approved_amount = None
    elif approved_amount is not None:
        approved_amount = Decimal(approved_amount).quantize(Decimal("0.01"))
    if not may_press(actor, proposal, outcome.value):
        raise TransitionNotPermitted(_("You may not do this with this proposal."))
    requested = requested_amount(proposal)
    errors = _check(outcome, comment, approved_amount, requested)
    if errors:
        # Say every reason at once: the lifecycle's conditions (missing reviews…) too.
        raise DecisionError(errors + registered_condition_messages(proposal, outcome.value))
    try:
        saved = transition(
            proposal=proposal, name=outcome.value, actor=actor, comment=comment, notify=False
        )
    except TransitionNotPermitted:
        raise
    except TransitionError as error:
        raise DecisionError(error.messages) from error
    if Decision.objects.filter(proposal=saved, round=saved.round).exists():
        # Raising here rolls the transition back too.
        raise DecisionError(
            _("Round %(round)d of this proposal is already decided.") % {"round": saved.round}
        )

    template = ensure_letter_template(saved.call)
    today = timezone.localdate()
    amount = approved_amount if outcome == DecisionOutcome.APPROVE else requested
    texts = letters.render_letters(
        template=template,
        outcome=outcome,
        proposal=saved,
        amount=amount,
        comment=comment,
        date=today,
    )
    decision = Decision.objects.create(
        proposal=saved,
        round=saved.round,
        outcome=outcome,
        approved_amount=approved_amount,
        comment=comment,
        letter_th=texts["th"],
        letter_en=texts["en"],
        decided_by=actor,
    )
    _register_letter(decision, today)
    if outcome == DecisionOutcome.APPROVE:
        # The state field is protected, so the amount is written with an update, which
        # sends no signal: the ranking kept with the call's statistics counts the amount.
        Proposal.objects.filter(pk=saved.pk).update(approved_amount=approved_amount)
        saved.approved_amount = approved_amount
        statistics_cache.forget(saved.call_id)
    audit.record(
        actor=actor,
        action="decision.recorded",
        obj=saved,
        comment=comment,
        data={
            "round": saved.round,
            "outcome": outcome.value,
            "approved_amount": str(approved_amount) if approved_amount is not None else None,
            "requested_amount": str(requested),
        },
    )
    transaction.on_commit(lambda: notices.send_letter(decision), robust=True)
    return decision


def _register_letter(decision, today):
    """The decision letter's number in the programme's register (taken in the decision's
    transaction: a refused decision uses none)."""
    proposal = decision.proposal
    with translation.override("th"):
        subject, _body = letters.split_letter(decision.letter_th, date=format_date(today, "long"))
        return issue_letter(
            programme=proposal.call.programme,
            sent_on=today,
            subject=f"{subject or letters.default_subject()} ({proposal.reference})",
            recipient=proposal.lead.formal_name,
            source=letters.letter_source(decision),
        )


@dataclass
class BulkResult:
    """What happened to one proposal of a bulk decision: its Decision, or why it was refused."""

    proposal: Proposal
    decision: Decision | None = None
    messages: list = field(default_factory=list)

    @property
    def succeeded(self):
        return self.decision is not None


def decide_many(*, proposals, outcome, actor, comment):
    """Take the same decision, with the same comment, on each of `proposals`, each in its own
    transaction, so that a refusal of one leaves the others decided. Approving grants each
    proposal its requested amount. Returns a BulkResult per proposal, in the given order."""
    results = []
    for proposal in proposals:
        amount = None
        if outcome == DecisionOutcome.APPROVE:
            amount = requested_amount(proposal)
        try:
            decision = decide(
                proposal=proposal,
                outcome=outcome,
                actor=actor,
                comment=comment,
                approved_amount=amount,
            )
        except DecisionError as error:
            results.append(BulkResult(proposal, messages=error.messages))
        except TransitionNotPermitted as error:
            results.append(BulkResult(proposal, messages=error.messages))
        else:
            results.append(BulkResult(proposal, decision=decision))
    return results


def ensure_letter_template(call):
    """`call`'s letter template, created with the default texts when it has none (the texts
    a decision's letter starts from, not a person's change: no audit entry)."""
    template, _created = DecisionLetterTemplate.objects.get_or_create(
        call=call, defaults=letters.DEFAULT_TEXTS
    )
    return template


@transaction.atomic
def save_letter_template(*, call, actor, texts):
    """Store the letter texts of `call` (approve/reject/revision, and invite for a call with
    a concept stage, × th/en) given in `texts`, creating its template (the defaults for the
    others) when it has none. Raises DecisionError naming any unknown placeholder."""
    texts = {
        name: texts[name].replace("\r\n", "\n") for name in letters.TEXT_FIELDS if name in texts
    }
    unknown = []
    for text in texts.values():
        unknown += [p for p in letters.unknown_placeholders(text) if p not in unknown]
    if unknown:
        raise DecisionError(letters.unknown_message(unknown))
    template, created = DecisionLetterTemplate.objects.select_for_update().get_or_create(
        call=call, defaults={**letters.DEFAULT_TEXTS, **texts}
    )
    changed = [name for name in texts if getattr(template, name) != texts[name]]
    for name in changed:
        setattr(template, name, texts[name])
    if changed:
        template.save(update_fields=changed)
    if created or changed:
        audit.record(
            actor=actor,
            action="decision_letters.changed",
            obj=call,
            data={"fields": letters.TEXT_FIELDS if created else changed},
        )
    return template
