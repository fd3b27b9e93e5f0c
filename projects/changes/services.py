"""Change requests of a funded project: the team writes and submits them, an officer returns or
recommends them, a manager (or the officer alone, where the call allows) approves or rejects
them. Each step locks the request, checks who may take it, writes one audit entry and tells the
people concerned after the commit; approval applies the change to the award, its budget and the
reporting schedule in the same transaction and keeps what it replaced (`before`, `after`)."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from projects.changes import checks, effects, notices
from projects.changes import rules as change_rules
from projects.contracts import services as contract_services
from projects.models import (
    Award,
    ChangeAttachment,
    ChangeKind,
    ChangeRequest,
    ChangeState,
)
from projects.portfolio import cache as portfolio_cache
from projects.progress.evidence import check_evidence, short_name, stored_name
from projects.services import ProjectError
from proposals.models import Call, Proposal

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("change_request.create", gettext_lazy("Change request started"), None),
    ("change_request.edit", gettext_lazy("Change request edited"), None),
    ("change_request.attach", gettext_lazy("File added to a change request"), None),
    ("change_request.submit", gettext_lazy("Change request submitted"), None),
    ("change_request.withdraw", gettext_lazy("Change request withdrawn"), None),
    ("change_request.return", gettext_lazy("Change request returned to the team"), None),
    ("change_request.recommend", gettext_lazy("Change request recommended"), None),
    ("change_request.approve", gettext_lazy("Change request approved and applied"), None),
    ("change_request.reject", gettext_lazy("Change request rejected"), None),
    ("change_policy.set", gettext_lazy("Rules for change requests set"), None),
]

POLICY_FIELDS = (
    "max_extension_months",
    "max_extensions",
    "officer_share_percent",
    "officer_approves_extensions",
)


@transaction.atomic
def set_change_policy(*, call, actor, **values):
    """A funding officer sets a call's rules for change requests (`POLICY_FIELDS`)."""
    locked = Call.objects.select_for_update().get(pk=call.pk)
    if not change_rules.can_set_change_policy(actor):
        raise ProjectError(_("You may not set the rules of this call."))
    policy = checks.policy_for(locked)
    before = {field: str(getattr(policy, field)) for field in POLICY_FIELDS}
    for field in POLICY_FIELDS:
        setattr(policy, field, values[field])
    policy.full_clean()
    policy.save()
    audit.record(
        actor=actor,
        action="change_policy.set",
        obj=locked,
        data={"before": before, "after": {f: str(getattr(policy, f)) for f in POLICY_FIELDS}},
    )
    return policy


def _locked(change):
    return (
        ChangeRequest.objects.select_for_update(of=("self",))
        .select_related("proposal__call__programme", "proposal__award")
        .get(pk=change.pk)
    )


def _content(kind, reason, new_ends_on, budget, targets, team):
    """The fields a request of `kind` keeps: a reason, and the end or a grid by kind."""

    def grid(values, of_kind):
        return {k: str(v) for k, v in (values or {}).items()} if kind == of_kind else {}

    return {
        "reason": (reason or "").strip(),
        "new_ends_on": new_ends_on if kind == ChangeKind.EXTENSION else None,
        "budget": grid(budget, ChangeKind.BUDGET),
        "targets": grid(targets, ChangeKind.COMMITMENTS),
        "team": (team or {}) if kind == ChangeKind.TEAM else {},
    }


@transaction.atomic
def start_change(
    *, proposal, actor, kind, reason, new_ends_on=None, budget=None, targets=None, team=None
):
    """The team starts a draft request of `kind` (one undecided request per kind at a time)."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not change_rules.can_request_change(actor, locked):
        raise ProjectError(_("You may not request changes to this project."))
    if kind not in ChangeKind.values:
        raise ProjectError(_("Unknown kind of change."))
    pending = ChangeRequest.objects.filter(
        proposal=locked, kind=kind, state__in=ChangeState.pending()
    )
    if pending.exists():
        raise ProjectError(
            _("A request of this kind is already under way: finish or withdraw it first.")
        )
    number = (
        ChangeRequest.objects.filter(proposal=locked).aggregate(last=Max("number"))["last"] or 0
    )
    change = ChangeRequest.objects.create(
        proposal=locked,
        number=number + 1,
        kind=kind,
        created_by=actor,
        **_content(kind, reason, new_ends_on, budget, targets, team),
    )
    audit.record(actor=actor, action="change_request.create", obj=change, data={"kind": kind})
    return change


@transaction.atomic
def update_change(*, change, actor, reason, new_ends_on=None, budget=None, targets=None, team=None):
    """The team rewrites a draft or returned request."""
    locked = _locked(change)
    if not change_rules.can_edit_change(actor, locked):
        raise ProjectError(_("This request can no longer be changed."))
    content = _content(locked.kind, reason, new_ends_on, budget, targets, team)
    for field, value in content.items():
        setattr(locked, field, value)
    locked.save(update_fields=list(content))
    audit.record(actor=actor, action="change_request.edit", obj=locked)
    return locked


@transaction.atomic
def attach_file(*, change, actor, upload):
    """The team adds a supporting file (checked as evidence files are)."""
    locked = _locked(change)
    if not change_rules.can_edit_change(actor, locked):
        raise ProjectError(_("This request can no longer be changed."))
    check_evidence(upload)
    name = short_name(upload.name)
    attachment = ChangeAttachment(
        change=locked, original_name=name, size=upload.size, uploaded_by=actor
    )
    attachment.file.save(stored_name(upload), upload, save=False)
    attachment.save()
    audit.record(actor=actor, action="change_request.attach", obj=locked, data={"file": name})
    return attachment


@transaction.atomic
def submit_change(*, change, actor):
    """The team submits a complete request; the funding officers hear of it."""
    locked = _locked(change)
    if not change_rules.can_submit_change(actor, locked):
        raise ProjectError(_("You may not submit this request."))
    problems = checks.change_problems(locked)
    if problems:
        raise ProjectError(problems)
    from_state = locked.state
    locked.submit()
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["state", "submitted_at"])
    audit.record(
        actor=actor,
        action="change_request.submit",
        obj=locked,
        from_state=from_state,
        to_state=locked.state,
    )
    transaction.on_commit(lambda: notices.change_submitted(locked, actor), robust=True)
    return locked


@transaction.atomic
def withdraw_change(*, change, actor):
    """The team gives up a request before the officer recommends it."""
    locked = _locked(change)
    if not change_rules.can_withdraw_change(actor, locked):
        raise ProjectError(_("You may not withdraw this request."))
    from_state = locked.state
    locked.withdraw()
    locked.save(update_fields=["state"])
    audit.record(
        actor=actor,
        action="change_request.withdraw",
        obj=locked,
        from_state=from_state,
        to_state=locked.state,
    )
    return locked


def _needs_comment(comment, message):
    comment = (comment or "").strip()
    if not comment:
        raise ProjectError(message)
    return comment


@transaction.atomic
def return_change(*, change, actor, comment):
    """An officer sends a submitted request back to the team with what to change."""
    locked = _locked(change)
    if not change_rules.can_check_change(actor, locked):
        raise ProjectError(_("You may not return this request."))
    comment = _needs_comment(comment, _("Say what the team should change."))
    locked.return_to_team()
    locked.comment = comment
    locked.save(update_fields=["state", "comment"])
    audit.record(
        actor=actor,
        action="change_request.return",
        obj=locked,
        from_state=ChangeState.SUBMITTED,
        to_state=locked.state,
        comment=comment,
    )
    transaction.on_commit(lambda: notices.change_decided(locked, actor), robust=True)
    return locked


@transaction.atomic
def recommend_change(*, change, actor, comment=""):
    """An officer passes a checked request to the programme's managers."""
    locked = _locked(change)
    if not change_rules.can_check_change(actor, locked):
        raise ProjectError(_("You may not recommend this request."))
    problems = checks.change_problems(locked)
    if problems:
        raise ProjectError(problems)
    locked.recommend()
    locked.comment = (comment or "").strip()
    locked.recommended_at, locked.recommended_by = timezone.now(), actor
    locked.save(update_fields=["state", "comment", "recommended_at", "recommended_by"])
    audit.record(
        actor=actor,
        action="change_request.recommend",
        obj=locked,
        from_state=ChangeState.SUBMITTED,
        to_state=locked.state,
        comment=locked.comment,
    )
    transaction.on_commit(lambda: notices.change_recommended(locked, actor), robust=True)
    return locked


@transaction.atomic
def reject_change(*, change, actor, comment):
    """A manager (or the officer alone, where the call allows) refuses the request."""
    locked = _locked(change)
    if not change_rules.can_decide_change(actor, locked):
        raise ProjectError(_("You may not decide this request."))
    comment = _needs_comment(comment, _("Give the reason for the rejection."))
    from_state = locked.state
    locked.reject()
    locked.comment = comment
    locked.decided_at, locked.decided_by = timezone.now(), actor
    locked.save(update_fields=["state", "comment", "decided_at", "decided_by"])
    audit.record(
        actor=actor,
        action="change_request.reject",
        obj=locked,
        from_state=from_state,
        to_state=locked.state,
        comment=comment,
    )
    transaction.on_commit(lambda: notices.change_decided(locked, actor), robust=True)
    return locked


@transaction.atomic
def approve_change(*, change, actor, comment=""):
    """A manager (or the officer alone, where the call allows) approves the request, which is
    applied at once; `before` and `after` keep what it replaced and what it set."""
    locked = _locked(change)
    if not change_rules.can_decide_change(actor, locked):
        raise ProjectError(_("You may not decide this request."))
    problems = checks.change_problems(locked)
    if problems:
        raise ProjectError(problems)
    award = Award.objects.select_for_update().get(pk=locked.proposal.award.pk)
    apply = effects.APPLY[locked.kind]
    locked.before, locked.after = apply(locked, award, actor)
    # What the public portfolio shows may change (municipalities, period, commitments).
    portfolio_cache.forget(locked.proposal.call.programme_id)
    from_state = locked.state
    locked.approve()
    locked.comment = (comment or "").strip()
    locked.decided_at, locked.decided_by = timezone.now(), actor
    locked.save(update_fields=["state", "comment", "decided_at", "decided_by", "before", "after"])
    audit.record(
        actor=actor,
        action="change_request.approve",
        obj=locked,
        from_state=from_state,
        to_state=locked.state,
        comment=locked.comment,
        data={"before": locked.before, "after": locked.after},
    )
    contract_services.amend_for_change(change=locked, actor=actor)
    transaction.on_commit(lambda: notices.change_decided(locked, actor), robust=True)
    return locked
