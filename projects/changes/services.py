"""Change requests of a funded project: the team writes and submits them, an officer returns or
recommends them, a manager (or the officer alone, where the call allows) approves or rejects
them. Each step locks the request, checks who may take it, writes one audit entry and tells the
people concerned after the commit; approval applies the change to the award, its budget and the
reporting schedule in the same transaction and keeps what it replaced (`before`, `after`)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from indicators import services as indicator_services
from indicators.models import FiscalYear
from projects.changes import checks, notices
from projects.changes import rules as change_rules
from projects.funding import services as funding_services
from projects.models import (
    Award,
    AwardBudget,
    ChangeAttachment,
    ChangeKind,
    ChangeRequest,
    ChangeState,
    ProgressReport,
    ProgressReportState,
)
from projects.progress.evidence import check_evidence, short_name, stored_name
from projects.services import ProjectError
from proposals.models import IndicatorContribution, ProgressReportKind, Proposal

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("change_request.create", gettext_lazy("Change request started"), None),
    ("change_request.edit", gettext_lazy("Change request edited"), None),
    ("change_request.attach", gettext_lazy("File added to a change request"), None),
    ("change_request.submit", gettext_lazy("Change request submitted"), None),
    ("change_request.return", gettext_lazy("Change request returned to the team"), None),
    ("change_request.recommend", gettext_lazy("Change request recommended"), None),
    ("change_request.approve", gettext_lazy("Change request approved and applied"), None),
    ("change_request.reject", gettext_lazy("Change request rejected"), None),
]


def _locked(change):
    return (
        ChangeRequest.objects.select_for_update(of=("self",))
        .select_related("proposal__call__programme", "proposal__award")
        .get(pk=change.pk)
    )


def _content(kind, reason, new_ends_on, budget, targets):
    """The fields a request of `kind` keeps: a reason, and the end or a grid by kind."""

    def grid(values, of_kind):
        return {k: str(v) for k, v in (values or {}).items()} if kind == of_kind else {}

    return {
        "reason": (reason or "").strip(),
        "new_ends_on": new_ends_on if kind == ChangeKind.EXTENSION else None,
        "budget": grid(budget, ChangeKind.BUDGET),
        "targets": grid(targets, ChangeKind.COMMITMENTS),
    }


@transaction.atomic
def start_change(*, proposal, actor, kind, reason, new_ends_on=None, budget=None, targets=None):
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
        **_content(kind, reason, new_ends_on, budget, targets),
    )
    audit.record(actor=actor, action="change_request.create", obj=change, data={"kind": kind})
    return change


@transaction.atomic
def update_change(*, change, actor, reason, new_ends_on=None, budget=None, targets=None):
    """The team rewrites a draft or returned request."""
    locked = _locked(change)
    if not change_rules.can_edit_change(actor, locked):
        raise ProjectError(_("This request can no longer be changed."))
    content = _content(locked.kind, reason, new_ends_on, budget, targets)
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
    apply = APPLY[locked.kind]
    locked.before, locked.after = apply(locked, award, actor)
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
    transaction.on_commit(lambda: notices.change_decided(locked, actor), robust=True)
    return locked


def _grid_json(grid):
    return {checks.cell_key(*key): str(amount) for key, amount in sorted(grid.items())}


def _apply_budget(change, award, actor):
    before = checks.approved_grid(award)
    after = {key: amount for key, amount in checks.proposed_grid(change).items() if amount}
    years = {
        year.year_be: year for year in FiscalYear.objects.filter(year_be__in={y for _c, y in after})
    }
    AwardBudget.objects.filter(award=award).delete()
    AwardBudget.objects.bulk_create(
        AwardBudget(award=award, category_id=category, fiscal_year=years[year], amount=amount)
        for (category, year), amount in sorted(after.items())
    )
    return {"budget": _grid_json(before)}, {"budget": _grid_json(after)}


def _apply_extension(change, award, actor):
    """The project ends later: the final report's period and due day move with it (and so the
    instalments that wait on it), and the programme's fiscal years cover the new end."""
    old_end, new_end = award.ends_on, change.new_ends_on
    award.ends_on = new_end
    award.save(update_fields=["ends_on"])
    due_on = new_end + datetime.timedelta(days=settings.PROJECT_REPORT_DUE_DAYS)
    (
        ProgressReport.objects.filter(
            proposal=change.proposal,
            kind=ProgressReportKind.FINAL,
            state__in=ProgressReportState.editable(),
        ).update(period_end=new_end, due_on=due_on)
    )
    indicator_services.cover_fiscal_years(
        actor=actor,
        programme=change.proposal.call.programme,
        first_day=award.starts_on,
        last_day=new_end,
        because=change.proposal.reference,
    )
    return (
        {"ends_on": old_end.isoformat()},
        {"ends_on": new_end.isoformat(), "final_report_due_on": due_on.isoformat()},
    )


def _apply_commitments(change, award, actor):
    """The project's targets become the proposed ones (a cell left empty is no longer
    committed), and the KPI ledger's commitments of the project follow."""
    proposal = change.proposal
    before = checks.committed_targets(proposal)
    after = checks.proposed_targets(change)
    existing = {
        (c.indicator_id, c.fiscal_year.year_be, c.municipality_id): c
        for c in IndicatorContribution.objects.select_for_update()
        .select_related("fiscal_year")
        .filter(proposal=proposal)
    }
    verification = {(key[0], key[2]): c.means_of_verification for key, c in existing.items()}
    years = {
        year.year_be: year for year in FiscalYear.objects.filter(year_be__in={k[1] for k in after})
    }
    for key, contribution in existing.items():
        if key not in after:
            contribution.delete()
        elif contribution.target != after[key]:
            contribution.target = after[key]
            contribution.save(update_fields=["target"])
    IndicatorContribution.objects.bulk_create(
        IndicatorContribution(
            proposal=proposal,
            indicator_id=indicator,
            fiscal_year=years[year],
            municipality_id=town,
            target=value,
            means_of_verification=verification.get((indicator, town), ""),
        )
        for (indicator, year, town), value in sorted(after.items(), key=str)
        if (indicator, year, town) not in existing
    )
    funding_services.record_commitments(proposal)

    def as_json(grid):
        return {checks.target_key(*key): str(value) for key, value in sorted(grid.items(), key=str)}

    return {"targets": as_json(before)}, {"targets": as_json(after)}


APPLY = {
    ChangeKind.BUDGET: _apply_budget,
    ChangeKind.EXTENSION: _apply_extension,
    ChangeKind.COMMITMENTS: _apply_commitments,
}
