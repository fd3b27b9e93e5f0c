"""The officers' pages of the reviewer pool and the assignments."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.roles import Role
from core.http import filters_of, page_of
from proposals.models import Call
from reviews.assignment import bulk, rules, selectors, services
from reviews.assignment.forms import AssignForm, BulkAssignForm, CancelForm, ReviewerProfileForm
from reviews.assignment.matching import DEFAULT_MAX_PER_CALL, rank_reviewers, reviewer_keywords
from reviews.models import Assignment, AssignmentState, PanelRole, ReviewerProfile
from reviews.screening.rules import can_edit_screening

POOL_PER_PAGE = 50


def _require(allowed):
    if not allowed:
        raise PermissionDenied


@login_required
def pool(request):
    """Every reviewer with organisation, keywords, limits and, for a chosen call, their load."""
    _require(rules.can_read_pool(request.user))
    calls = list(Call.objects.order_by("-opens_at", "code"))
    code = request.GET.get("call", "")
    call = next((c for c in calls if c.code == code), None)
    page = page_of(request, selectors.reviewers(), POOL_PER_PAGE)
    shown = [user.pk for user in page.object_list]
    loads = {}
    if call:
        loads = selectors.proposal_loads(
            selectors.call_assignments(call).filter(reviewer__in=shown)
        )
    rows = []
    for user in page.object_list:
        profile = getattr(user, "reviewer_profile", None)
        rows.append(
            {
                "user": user,
                "keywords": reviewer_keywords(user),
                "max": profile.max_per_call if profile else DEFAULT_MAX_PER_CALL,
                "available": profile.is_available if profile else True,
                "has_profile": profile is not None,
                "load": len(loads.get(user.pk, ())),
            }
        )
    for row in rows:
        row["full"] = row["load"] >= row["max"]
    context = {
        "rows": rows,
        "page": page,
        "filters": filters_of(request),
        "calls": calls,
        "call": call,
        "can_edit": rules.can_edit_pool(request.user),
    }
    return render(request, "reviews/assignment/pool.html", context)


@login_required
def reviewer_profile(request, user_pk):
    """An officer edits a reviewer's expertise and limits; the profile is made on first save."""
    _require(rules.can_edit_pool(request.user))
    reviewer = get_object_or_404(
        get_user_model().objects.filter(groups__name=Role.REVIEWER.value), pk=user_pk
    )
    profile = ReviewerProfile.objects.filter(user=reviewer).first()
    form = ReviewerProfileForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.save_reviewer_profile(
            actor=request.user, reviewer=reviewer, data=form.cleaned_data
        )
        messages.success(
            request, _("The profile of %(name)s is saved.") % {"name": reviewer.display_name}
        )
        return redirect("reviews:pool")
    assignments = (
        Assignment.objects.filter(reviewer=reviewer, state__in=AssignmentState.active())
        .select_related("proposal", "proposal__call")
        .order_by("-assigned_at", "-pk")
    )
    context = {"reviewer": reviewer, "form": form, "assignments": assignments}
    return render(request, "reviews/assignment/reviewer_profile.html", context)


def _proposal(pk):
    proposal = selectors.proposal_for_matching(pk)
    if proposal is None:
        raise Http404
    return proposal


def _assign(request, proposal):
    form = AssignForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return
    reviewer = get_user_model().objects.filter(pk=form.cleaned_data["reviewer"]).first()
    if reviewer is None:
        messages.error(request, _("There is no such person."))
        return
    try:
        services.assign_reviewer(
            actor=request.user,
            proposal=proposal,
            reviewer=reviewer,
            due_date=form.cleaned_data["due_date"],
        )
    except ValidationError as error:
        messages.error(request, _("%(name)s was not assigned:") % {"name": reviewer})
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(name)s is invited to review; they are told by email.") % {"name": reviewer},
        )


@login_required
def assign(request, pk):
    """The ranked candidates of a proposal with their loads and conflicts, its reviewers of
    this round, and the assigning (POST)."""
    _require(rules.can_assign(request.user))
    proposal = _proposal(pk)
    if request.method == "POST":
        _assign(request, proposal)
        return redirect("reviews:assign", pk=proposal.pk)
    assignments = selectors.proposal_assignments_read(proposal.pk)
    current = [a for a in assignments if a.round == proposal.round]
    context = {
        "proposal": proposal,
        "call": proposal.call,
        "candidates": rank_reviewers(proposal, assignments=assignments),
        "current": current,
        "earlier": [a for a in assignments if a.round != proposal.round],
        "active_count": sum(1 for a in current if a.state in AssignmentState.active()),
        "cleared_count": sum(1 for a in current if a.is_cleared),
        "open": proposal.state in services.ASSIGNABLE_STATES,
        "form": AssignForm(),
        "cancellable": services.CANCELLABLE_STATES,
        "panel_states": AssignmentState.active(),
        "panel_roles": PanelRole.choices,
        "screenable": can_edit_screening(request.user, proposal),
    }
    return render(request, "reviews/assignment/assign.html", context)


@login_required
def cancel_assignment(request, pk):
    """GET: the assignment and the reason box; POST: cancel it."""
    _require(rules.can_assign(request.user))
    assignment = get_object_or_404(
        Assignment.objects.select_related("proposal", "proposal__call", "reviewer"), pk=pk
    )
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_assignment(
                actor=request.user, assignment=assignment, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The assignment of %(name)s is cancelled; they are told.")
                % {"name": assignment.reviewer},
            )
            return redirect("reviews:assign", pk=assignment.proposal_id)
    context = {
        "assignment": assignment,
        "proposal": assignment.proposal,
        "form": form,
        "possible": assignment.state in services.CANCELLABLE_STATES,
    }
    return render(request, "reviews/assignment/cancel.html", context)


@login_required
def assign_call(request, code):
    """GET: the plan for every proposal of the call that lacks reviewers; POST: apply it."""
    _require(rules.can_assign(request.user))
    call = get_object_or_404(Call.objects.select_related("programme"), code=code)
    form = BulkAssignForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            plan, created = bulk.apply_call_plan(
                actor=request.user,
                call=call,
                due_date=form.cleaned_data["due_date"],
                fingerprint=form.cleaned_data["fingerprint"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.warning(request, message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d reviewer assigned; each is told by email.",
                    "%(count)d reviewers assigned; each is told by email.",
                    len(created),
                )
                % {"count": len(created)},
            )
            if plan.unfilled:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d proposal still lacks reviewers: see below.",
                        "%(count)d proposals still lack reviewers: see below.",
                        len(plan.unfilled),
                    )
                    % {"count": len(plan.unfilled)},
                )
            return redirect("reviews:assign_call", code=call.code)
    plan = bulk.plan_call(call)
    data = form.data.copy() if form.is_bound else None
    if data is not None:
        data["fingerprint"] = plan.fingerprint
    form = BulkAssignForm(data, initial={"fingerprint": plan.fingerprint})
    context = {"call": call, "plan": plan, "form": form}
    return render(request, "reviews/assignment/assign_call.html", context)
