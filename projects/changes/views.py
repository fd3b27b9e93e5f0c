"""The change request pages: a project's requests, a new request of a kind, a request's page
with its steps and files, the edit page and the file downloads.

Who: whoever may follow the project (`can_view_project`) reads its requests; anyone else gets
404, and a signed-out visitor the login page. What someone may see but not do answers 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.rules import can_read_history
from projects import rules as project_rules
from projects.changes import checks, rules, selectors, services
from projects.changes.forms import AttachmentForm, ChangeForm, PolicyForm, StepForm
from projects.models import ChangeAttachment, ChangeKind, ChangeRequest, ChangeState
from projects.steps import take_step
from proposals import rules as proposal_rules
from proposals.models import Call, Proposal


def _visible_project(user, pk):
    try:
        proposal = selectors.project_for_changes(pk)
    except Proposal.DoesNotExist as error:
        raise Http404 from error
    if not (project_rules.can_view_project(user, proposal) and hasattr(proposal, "award")):
        raise Http404
    return proposal


def _visible_change(user, pk):
    try:
        change = selectors.change_for_page(pk)
    except ChangeRequest.DoesNotExist as error:
        raise Http404 from error
    if not rules.can_view_change(user, change):
        raise Http404
    return change


@login_required
def change_list(request, pk):
    """Every change request of a project, with the team's buttons to start one."""
    proposal = _visible_project(request.user, pk)
    context = {
        "proposal": proposal,
        "changes": selectors.project_changes(proposal),
        "can_request": rules.can_request_change(request.user, proposal),
        "can_set_policy": rules.can_set_change_policy(request.user),
        "kinds": ChangeKind.choices,
    }
    return render(request, "projects/changes/list.html", context)


def _form(request, *, kind, proposal, change=None):
    return ChangeForm(
        request.POST or None,
        kind=kind,
        award=proposal.award,
        categories=[c for c in proposal.call.budget_categories.all() if c.allowed],
        lines=checks.target_lines(proposal) if kind == ChangeKind.COMMITMENTS else (),
        change=change,
    )


def _save(request, form, save):
    """Run `save` with the form's data; a refusal lands on the form, nothing saved."""
    if not (request.method == "POST" and form.is_valid()):
        return None
    try:
        return save(
            reason=form.cleaned_data["reason"],
            new_ends_on=form.cleaned_data.get("new_ends_on"),
            budget=form.budget(),
            targets=form.targets(),
            team=form.team() if form.members else None,
        )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
    return None


@login_required
def change_new(request, pk, kind):
    """The team starts a request of `kind`; it is saved as a draft, to submit from its page."""
    proposal = _visible_project(request.user, pk)
    if kind not in ChangeKind.values:
        raise Http404
    if not rules.can_request_change(request.user, proposal):
        raise PermissionDenied
    form = _form(request, kind=kind, proposal=proposal)
    change = _save(
        request,
        form,
        lambda **data: services.start_change(
            proposal=proposal, actor=request.user, kind=kind, **data
        ),
    )
    if change is not None:
        messages.success(request, _("The request is saved as a draft: submit it when ready."))
        return redirect(change.get_absolute_url())
    context = {"proposal": proposal, "form": form, "kind": ChangeKind(kind), "change": None}
    return render(request, "projects/changes/edit.html", context)


@login_required
def change_edit(request, pk):
    change = _visible_change(request.user, pk)
    if not rules.can_edit_change(request.user, change):
        raise PermissionDenied
    proposal = change.proposal
    form = _form(request, kind=change.kind, proposal=proposal, change=change)
    saved = _save(
        request,
        form,
        lambda **data: services.update_change(change=change, actor=request.user, **data),
    )
    if saved is not None:
        messages.success(request, _("The request is saved."))
        return redirect(change.get_absolute_url())
    context = {
        "proposal": proposal,
        "form": form,
        "kind": ChangeKind(change.kind),
        "change": change,
    }
    return render(request, "projects/changes/edit.html", context)


def _grid_rows(change):
    """The budget before and as proposed (or as approved), by category and fiscal year."""
    if change.kind != ChangeKind.BUDGET:
        return None
    award = change.proposal.award
    if change.state == ChangeState.APPROVED:
        before = _grid_of(change.before.get("budget", {}))
        after = _grid_of(change.after.get("budget", {}))
    else:
        before, after = checks.approved_grid(award), checks.proposed_grid(change)
    years = sorted({year for _c, year in before} | {year for _c, year in after})
    rows = []
    for category in change.proposal.call.budget_categories.all():
        cells = [(before.get((category.pk, y)), after.get((category.pk, y))) for y in years]
        if any(cell != (None, None) for cell in cells):
            rows.append((category, cells))
    return {"years": years, "rows": rows, "moved": checks.moved_amount(before, after)}


def _target_rows(change):
    """The commitments before and as proposed (or as approved), by line and fiscal year."""
    if change.kind != ChangeKind.COMMITMENTS:
        return None
    if change.state == ChangeState.APPROVED:
        before = checks.proposed_targets(ChangeRequest(targets=change.before.get("targets", {})))
        after = checks.proposed_targets(ChangeRequest(targets=change.after.get("targets", {})))
    else:
        before = checks.committed_targets(change.proposal)
        after = checks.proposed_targets(change)
    years = sorted({key[1] for key in before} | {key[1] for key in after})
    rows = []
    for indicator, town in checks.target_lines(change.proposal):
        town_id = town.pk if town else None
        keys = [(indicator.pk, year, town_id) for year in years]
        rows.append(((indicator, town), [(before.get(k), after.get(k)) for k in keys]))
    return {"years": years, "rows": rows}


def _team_rows(change):
    """The team and partner municipalities before and after (as approved, or as asked)."""
    if change.kind != ChangeKind.TEAM:
        return None
    if change.state == ChangeState.APPROVED:
        before, after = change.before.get("team", {}), change.after.get("team", {})
    else:
        before = checks.team_snapshot(change.proposal)
        after = checks.team_snapshot(change.proposal, change)
    names = list(before.get("team", {})) + [
        name for name in after.get("team", {}) if name not in before.get("team", {})
    ]
    rows = [(name, before["team"].get(name), after["team"].get(name)) for name in names]
    return {
        "rows": rows,
        "towns_before": before.get("municipalities", []),
        "towns_after": after.get("municipalities", []),
    }


def _grid_of(data):
    change = ChangeRequest(budget=data)
    return checks.proposed_grid(change)


@login_required
def change_detail(request, pk):
    """A request: what it asks and why, before and after, its files and the steps the reader
    may take."""
    change = _visible_change(request.user, pk)
    user = request.user
    can_edit = rules.can_edit_change(user, change)
    context = {
        "change": change,
        "proposal": change.proposal,
        "award": change.proposal.award,
        "grid": _grid_rows(change),
        "targets": _target_rows(change),
        "team": _team_rows(change),
        "can_edit": can_edit,
        "can_check": rules.can_check_change(user, change),
        "can_withdraw": rules.can_withdraw_change(user, change),
        "can_read_history": can_read_history(user),
        "can_decide": rules.can_decide_change(user, change),
        "can_set_policy": rules.can_set_change_policy(user),
        "versions": change.after.get("versions")
        if proposal_rules.can_view_proposal(user, change.proposal)
        else None,
        "problems": checks.change_problems(change) if can_edit else [],
        "attachment_form": AttachmentForm() if can_edit else None,
        "step_form": StepForm(),
        "ChangeKind": ChangeKind,
        "ChangeState": ChangeState,
    }
    return render(request, "projects/changes/detail.html", context)


# step: (who may take it, the service, whether it takes a comment, the states it starts from)
STEPS = {
    "submit": (rules.can_submit_change, services.submit_change, False, ChangeState.editable()),
    "withdraw": (
        rules.can_withdraw_change,
        services.withdraw_change,
        False,
        (ChangeState.DRAFT, ChangeState.SUBMITTED, ChangeState.RETURNED),
    ),
    "return": (rules.can_check_change, services.return_change, True, (ChangeState.SUBMITTED,)),
    "recommend": (
        rules.can_check_change,
        services.recommend_change,
        True,
        (ChangeState.SUBMITTED,),
    ),
    "approve": (
        rules.can_decide_change,
        services.approve_change,
        True,
        (ChangeState.SUBMITTED, ChangeState.RECOMMENDED),
    ),
    "reject": (
        rules.can_decide_change,
        services.reject_change,
        True,
        (ChangeState.SUBMITTED, ChangeState.RECOMMENDED),
    ),
}

DONE = {
    "submit": gettext_lazy("The request is submitted to the funding officers."),
    "withdraw": gettext_lazy("The request is withdrawn."),
    "return": gettext_lazy("The request is returned to the team."),
    "recommend": gettext_lazy("The request is recommended to the programme's managers."),
    "approve": gettext_lazy("The request is approved and the change applied to the project."),
    "reject": gettext_lazy("The request is rejected."),
}


@login_required
@require_POST
def change_step(request, pk, step):
    """Take `step` on a request: 403 to whoever may read it but not take the step; a request
    no longer in a state the step starts from says so and changes nothing."""
    change = _visible_change(request.user, pk)
    if step not in STEPS:
        raise Http404
    return take_step(
        request,
        change,
        name="change",
        step=STEPS[step],
        form_class=StepForm,
        done=DONE[step],
    )


@login_required
@require_POST
def change_attach(request, pk):
    change = _visible_change(request.user, pk)
    if not rules.can_edit_change(request.user, change):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_file(
                change=change, actor=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The file is added."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(change.get_absolute_url() + "#files")


@login_required
def change_file(request, pk, file_pk):
    """A supporting file as a download, for whoever may read the request."""
    change = _visible_change(request.user, pk)
    attachment = get_object_or_404(ChangeAttachment, change=change, pk=file_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)


@login_required
def change_policy(request, code):
    """A call's rules for change requests: funding officers read and set them."""
    if not rules.can_set_change_policy(request.user):
        raise Http404
    call = get_object_or_404(Call, code=code)
    policy = checks.policy_for(call)
    form = PolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_change_policy(call=call, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The rules for change requests are saved."))
            return redirect("projects:change_policy", code=call.code)
    return render(request, "projects/changes/policy.html", {"call": call, "form": form})
