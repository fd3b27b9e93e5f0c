"""The completeness check, the transition pages and the officers' register."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from core.http import ROWS_PER_PAGE, filters_of
from proposals import rules as proposal_rules
from proposals.lifecycle import checks, selectors, services
from proposals.lifecycle.forms import RegisterFilterForm, TransitionForm
from proposals.lifecycle.rules import STEPS, can_use_register, may_press, may_transition
from proposals.lifecycle.rules import state_allows as state_allows_step
from proposals.models import ProposalState

REGISTER_PER_PAGE = ROWS_PER_PAGE


def _visible_proposal(request, pk):
    """The proposal with every part the checks read, or 404 for those who may not see it."""
    proposal = get_object_or_404(selectors.proposals_for_checks(), pk=pk)
    if not proposal_rules.can_view_proposal(request.user, proposal):
        raise Http404
    return proposal


def _submission_step(proposal):
    return "resubmit" if proposal.state == ProposalState.REVISION else "submit"


def _check_context(proposal, name):
    """The problems (with their links), warnings and other refusals of submit/resubmit."""
    found = checks.problems(proposal, resubmitting=name == "resubmit")
    others = services.registered_condition_messages(proposal, name)
    return {
        "problems": found,
        "other_problems": others,
        "problem_count": len(found) + len(others),
        "warnings": checks.warnings(proposal),
        # "Ready to submit" only means something while the team still holds the proposal.
        "ready": proposal.is_editable and not found and not others,
    }


@login_required
def proposal_check(request, pk):
    """Everything that stands between the proposal and its submission, with links to fix it."""
    proposal = _visible_proposal(request, pk)
    name = _submission_step(proposal)
    context = {
        "proposal": proposal,
        "step": STEPS[name],
        "can_submit": may_transition(request.user, proposal, name),
        **_check_context(proposal, name),
    }
    return render(request, "proposals/lifecycle/check.html", context)


@login_required
def proposal_transition(request, pk, name):
    """GET: what the transition will do, with the comment box; POST: do it."""
    if name not in STEPS:
        raise Http404
    proposal = _visible_proposal(request, pk)
    step = STEPS[name]
    if not may_press(request.user, proposal, name):
        raise PermissionDenied
    elsewhere = services.step_page(proposal, name)
    if elsewhere:
        return redirect(elsewhere)
    comment_required = step.needs_comment(proposal.state)
    data = request.POST if request.method == "POST" else None  # an empty POST is still a press
    form = TransitionForm(data, comment_required=comment_required)
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"].strip()
        try:
            saved = services.transition(
                proposal=proposal, name=name, actor=request.user, comment=comment
            )
        except services.TransitionNotPermitted as error:
            raise PermissionDenied from error
        except services.TransitionError as error:
            if comment_required and not comment:
                form.add_error("comment", error.messages[0])
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, str(step.done) % {"proposal": saved.reference or saved.title} + "."
            )
            return redirect(checks.link(saved, "proposal_detail"))
    context = {
        "proposal": proposal,
        "step": step,
        "form": form,
        "possible": state_allows_step(proposal, name),
        "comment_required": comment_required,
        "state": ProposalState(proposal.state),
    }
    if name in ("submit", "resubmit"):
        context.update(_check_context(proposal, name))
    return render(request, "proposals/lifecycle/confirm.html", context)


@login_required
def register(request):
    """Every proposal that reached the officers: reference, title, lead, call, state,
    requested amount and submission date, filtered by call and state."""
    if not can_use_register(request.user):
        raise PermissionDenied
    calls = list(selectors.register_calls(request.user))
    form = RegisterFilterForm(request.GET or None, calls=calls, states=selectors.REGISTER_STATES)
    call = state = None
    if form.is_valid():
        call = next((c for c in calls if c.code == form.cleaned_data["call"]), None)
        state = form.cleaned_data["state"] or None
    proposals = selectors.register_proposals(request.user, call=call, state=state)
    page = Paginator(proposals, REGISTER_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "proposals/lifecycle/register.html",
        {"form": form, "page": page, "filters": filters_of(request)},
    )
