"""Every state change of a proposal goes through `transition`: it locks the row, checks who may
and the conditions, calls the django-fsm method, numbers and snapshots a submission, writes one
audit entry and, after the commit, notifies the people concerned."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import TransitionNotAllowed

from accounts import audit
from core.hooks import Hook
from proposals.lifecycle import checks, notices
from proposals.lifecycle.rules import STEPS, may_press, state_allows, target_state
from proposals.lifecycle.selectors import proposals_for_checks
from proposals.models import Call, Proposal, ProposalState
from proposals.stages.checks import step_fits_stage
from proposals.versions.snapshot import take_snapshot

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("proposal.submit", gettext_lazy("Proposal submitted"), None),
    ("proposal.resubmit", gettext_lazy("Proposal resubmitted"), None),
    ("proposal.return", gettext_lazy("Proposal returned to the applicant"), None),
    ("proposal.screen_pass", gettext_lazy("Proposal passed screening"), None),
    ("proposal.approve", gettext_lazy("Proposal approved"), None),
    ("proposal.invite", gettext_lazy("Concept invited to the full stage"), None),
    ("proposal.reject", gettext_lazy("Proposal rejected"), None),
    ("proposal.request_revision", gettext_lazy("Revision requested"), None),
    ("proposal.fund", gettext_lazy("Proposal funded"), None),
    ("proposal.complete", gettext_lazy("Project completed"), None),
    ("proposal.close", gettext_lazy("Project closed"), None),
    ("proposal.terminate", gettext_lazy("Project terminated"), None),
    ("proposal.withdraw", gettext_lazy("Proposal withdrawn"), None),
]


class TransitionError(ValidationError):
    """A transition was refused; `.messages` says every reason."""


class TransitionNotPermitted(TransitionError):
    """The person's role does not let them make this transition."""


# What other apps add to a transition (from their extensions.py; `manage.py hooks` lists it).
CONDITIONS = Hook(
    "proposals.lifecycle.conditions",
    "Conditions of a transition, run after the row lock: fn(proposal) -> [message]; "
    "any message refuses it (e.g. the reviews add 'enough cleared reviewers' to screen_pass).",
    keys=STEPS,
)
EFFECTS = Hook(
    "proposals.lifecycle.effects",
    "Work done in the same transaction once a transition is made: fn(*, proposal, actor) "
    "(e.g. the projects cancel a terminated project's unpaid instalments).",
    keys=STEPS,
)
STEP_PAGES = Hook(
    "proposals.lifecycle.step_pages",
    "The page of another app where a step is taken: fn(proposal) -> url "
    "(e.g. the decision page records the decision, amount and letter).",
    keys=STEPS,
    single=True,
)


def register_condition(name, fn):
    """Add a condition to the transition `name`: `fn(proposal)` returns the messages that
    refuse it (an empty list lets it through). It runs after the row lock."""
    CONDITIONS.register(fn, key=name)


def unregister_condition(name, fn):
    """Remove a condition added by `register_condition` (tests use this)."""
    CONDITIONS.unregister(fn, key=name)


def register_effect(name, fn):
    """Run `fn(proposal=, actor=)` inside the transaction after each `name` transition."""
    EFFECTS.register(fn, key=name)


def register_step_page(name, url_for):
    """Let `url_for(proposal)` give the page where the step `name` is taken."""
    STEP_PAGES.register(url_for, key=name)


def step_page(proposal, name):
    """The page of another app where `name` is taken for `proposal`, or None."""
    url_for = STEP_PAGES.one(name)
    return url_for(proposal) if url_for else None


def registered_condition_messages(proposal, name):
    """What the conditions other work registered for `name` say against `proposal` now."""
    return [str(message) for fn in CONDITIONS.get(name) for message in fn(proposal)]


def condition_messages(proposal, name):
    """Why the conditions of `name` refuse `proposal` now (empty when they allow it): the
    completeness checks for submit and resubmit, then the registered conditions."""
    messages = []
    if name in ("submit", "resubmit"):
        found = checks.problems(proposal, resubmitting=name == "resubmit")
        messages += [problem.message for problem in found]
    return messages + registered_condition_messages(proposal, name)


def _refuse_state(locked, stale_state, name):
    step = STEPS[name]
    state = ProposalState(locked.state)
    if not step_fits_stage(locked, name):
        raise TransitionError(
            _("“%(action)s” is not a decision on a %(stage)s.")
            % {"action": step.label, "stage": locked.get_stage_display().lower()}
        )
    if locked.state != stale_state or _already_there(locked, name):
        message = _("This proposal is already “%(state)s”: nothing was changed.")
    else:
        message = _("“%(action)s” is not possible while the proposal is “%(state)s”.")
    raise TransitionError(message % {"state": state.label, "action": step.label})


def _already_there(locked, name):
    """The proposal is in the state this transition leads to (someone just pressed it)."""
    method = getattr(Proposal, STEPS[name].method)
    targets = {transition.target for transition in method._django_fsm.transitions.values()}
    return locked.state in targets


def _lock(proposal):
    # Lock the proposal row only (not the call and programme joined to it); the parts are
    # read after the lock, so the checks see what was committed before it.
    return proposals_for_checks().select_for_update(of=("self",)).get(pk=proposal.pk)


def _number(proposal):
    """Give `proposal` the next number of its call, taken under a lock on the call's row so
    that two first submissions at once cannot get the same number."""
    call = Call.objects.select_for_update().get(pk=proposal.call_id)
    last = Proposal.objects.filter(call=call).aggregate(last=Max("sequence"))["last"] or 0
    proposal.sequence = last + 1
    proposal.reference = f"{call.code}-{proposal.sequence:04d}"


@transaction.atomic
def transition(*, proposal, name, actor, comment="", notify=True):
    """Move `proposal` through the transition `name` on behalf of `actor`. Raises
    TransitionNotPermitted when the actor's role may not, TransitionError (a ValidationError
    listing every reason) when the state, a missing comment or a condition refuses it.
    Returns the proposal as saved. `notify=False` leaves telling people to the caller (the
    decision page sends its letter instead)."""
    if name not in STEPS:
        raise TransitionError(_("There is no such step."))
    step = STEPS[name]
    comment = (comment or "").strip()
    locked = _lock(proposal)
    if not may_press(actor, locked, name):
        raise TransitionNotPermitted(_("You may not do this with this proposal."))
    if not state_allows(locked, name):
        _refuse_state(locked, proposal.state, name)
    from_state = ProposalState(locked.state)
    errors = []
    if step.needs_comment(from_state) and not comment:
        errors.append(_("Write a comment: the people concerned will read it."))
    errors += condition_messages(locked, name)
    if errors:
        raise TransitionError(errors)

    to_state = target_state(locked, name)
    try:
        getattr(locked, step.method)()
    except TransitionNotAllowed:  # the table and the model disagree: refuse, do not crash
        _refuse_state(locked, proposal.state, name)
    fields = ["state", "updated_at"]
    if name in ("submit", "resubmit"):
        if locked.sequence is None:
            _number(locked)
            fields += ["sequence", "reference"]
        locked.round += 1
        locked.submitted_at = timezone.now()
        fields += ["round", "submitted_at"]
    locked.save(update_fields=fields)
    if name in ("submit", "resubmit"):
        take_snapshot(proposal=locked, actor=actor)
    for effect in EFFECTS.get(name):
        effect(proposal=locked, actor=actor)
    audit.record(
        actor=actor,
        action=f"proposal.{name}",
        obj=locked,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        data={"round": locked.round} if name in ("submit", "resubmit") else None,
    )
    if not notify:
        return locked
    recipients = notices.recipients(locked, name, from_state)
    # robust: a failing notification is logged; it does not turn a done transition into an error.
    transaction.on_commit(
        lambda: notices.send(
            proposal=locked, name=name, actor=actor, comment=comment, recipients=recipients
        ),
        robust=True,
    )
    return locked
