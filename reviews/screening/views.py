"""The officers' screening pages: a call's checklist, screening one proposal, and the review
overview of calls for officers and the programme managers of each call."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.http import ROWS_PER_PAGE, filters_of, page_of
from proposals.lifecycle import services as lifecycle
from proposals.lifecycle.forms import TransitionForm
from proposals.models import Call, ProposalState
from reviews.assignment.selectors import round_assignments
from reviews.screening import rules, selectors, services
from reviews.screening.checks import screen_pass_problems
from reviews.screening.forms import OverviewFilterForm, checklist_formset, verdict_forms

OVERVIEW_PER_PAGE = ROWS_PER_PAGE


def _require_officer(user):
    if not rules.can_manage_screening(user):
        raise PermissionDenied


@login_required
def screening_items(request, code):
    """Add, reword, reorder and remove the items of a call's checklist; a call without any
    is offered the usual five."""
    _require_officer(request.user)
    call = get_object_or_404(Call, code=code)
    if request.method == "POST" and request.POST.get("action") == "defaults":
        try:
            services.add_default_items(actor=request.user, call=call)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The usual checklist is added: adjust it to the call."))
        return redirect("reviews:screening_items", code=call.code)
    formset = checklist_formset(call, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if formset.is_valid():
            services.save_checklist(actor=request.user, call=call, formset=formset)
            messages.success(request, _("The checklist is saved."))
            return redirect("reviews:screening_items", code=call.code)
        messages.error(request, _("Nothing was saved: correct the fields marked in red."))
    context = {"call": call, "formset": formset, "empty": not formset.initial_form_count()}
    return render(request, "reviews/screening/items.html", context)


def _save_verdicts(request, proposal, forms):
    if not all([form.is_valid() for form in forms]):
        messages.error(request, _("Nothing was saved: correct the fields marked in red."))
        return False
    # An item missing from the post (added to the checklist after the page was opened) is
    # left as it is; "Not checked yet" sends an empty verdict, which clears it.
    verdicts = [
        (form.item, form.cleaned_data["verdict"], form.cleaned_data["note"])
        for form in forms
        if form.add_prefix("verdict") in request.POST
    ]
    try:
        services.save_screening(actor=request.user, proposal=proposal, verdicts=verdicts)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    messages.success(request, _("The screening is saved."))
    return True


def _press(request, proposal, name, form):
    """Pass the proposal to review or return it; True when it moved."""
    if not form.is_valid():
        return False
    try:
        lifecycle.transition(
            proposal=proposal,
            name=name,
            actor=request.user,
            comment=form.cleaned_data["comment"],
        )
    except lifecycle.TransitionNotPermitted as error:
        raise PermissionDenied from error
    except lifecycle.TransitionError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    step = lifecycle.STEPS[name]
    messages.success(request, str(step.done) % {"proposal": proposal.reference} + ".")
    return True


@login_required
def screen(request, pk):
    """The checklist of the proposal's current round, its reviewers of this round, and the
    two ways out of screening: pass to review, or return to the applicant."""
    if not rules.can_screen(request.user):
        raise PermissionDenied
    proposal = get_object_or_404(selectors.proposal_for_screening(), pk=pk)
    items = selectors.checklist(proposal.call)
    checks = selectors.round_checks(proposal)
    action = request.POST.get("action", "save") if request.method == "POST" else None
    data = request.POST if action == "save" else None
    forms = verdict_forms(items, checks, data)
    pass_form = TransitionForm(request.POST if action == "screen_pass" else None, prefix="pass")
    return_form = TransitionForm(
        request.POST if action == "return" else None, prefix="return", comment_required=True
    )
    if action == "save" and _save_verdicts(request, proposal, forms):
        return redirect("reviews:screen", pk=proposal.pk)
    if action == "screen_pass" and _press(request, proposal, "screen_pass", pass_form):
        return redirect("reviews:call_overview", code=proposal.call.code)
    if action == "return":
        if not request.POST.get("return-comment", "").strip():
            return_form.add_error(
                "comment", _("Write a comment: the people concerned will read it.")
            )
        elif _press(request, proposal, "return", return_form):
            return redirect("reviews:call_overview", code=proposal.call.code)
    editable = rules.can_edit_screening(request.user, proposal)
    context = {
        "proposal": proposal,
        "call": proposal.call,
        "forms": forms,
        "editable": editable,
        "assignments": round_assignments(proposal),
        "problems": screen_pass_problems(proposal) if editable else [],
        "pass_form": pass_form,
        "return_form": return_form,
    }
    return render(request, "reviews/screening/screen.html", context)


# The review overview of calls, for officers and the programme managers of each call.


@login_required
def calls(request):
    """The calls with proposals under consideration, each linking to its overview."""
    if not rules.can_use_overview(request.user):
        raise PermissionDenied
    officer = rules.is_funding_officer(request.user)
    rows = selectors.overview_calls(request.user, officer=officer)
    return render(request, "reviews/screening/calls.html", {"calls": rows, "officer": officer})


def _screening_status(proposal, total, tally):
    if proposal.state != ProposalState.SUBMITTED:
        return {"key": "passed"}
    judged, not_met = (tally or {}).get("judged", 0), (tally or {}).get("not_met", 0)
    if not_met:
        return {"key": "not_met", "count": not_met}
    if total and judged >= total:
        return {"key": "complete"}
    return {"key": "started" if judged else "not_started", "judged": judged, "total": total}


@login_required
def call_overview(request, code):
    """Every proposal of the call under consideration: screening status, and reviewers
    assigned, cleared and submitted per round."""
    if not rules.can_use_overview(request.user):
        raise PermissionDenied
    call = get_object_or_404(
        Call.objects.select_related("programme").annotate(item_count=Count("screening_items")),
        code=code,
    )
    if not rules.can_read_call_overview(request.user, call):
        raise Http404
    total = call.item_count
    form = OverviewFilterForm(request.GET or None)
    page = page_of(
        request, selectors.overview_proposals(call, form.state_value()), OVERVIEW_PER_PAGE
    )
    shown = [proposal.pk for proposal in page.object_list]
    screening = selectors.screening_counts(shown)
    reviewers = selectors.reviewer_counts(shown)
    rows = []
    for proposal in page.object_list:
        rounds = reviewers.get(proposal.pk, {})
        rows.append(
            {
                "proposal": proposal,
                "screening": _screening_status(
                    proposal, total, screening.get((proposal.pk, proposal.round))
                ),
                "current": rounds.get(
                    proposal.round, {"assigned": 0, "cleared": 0, "submitted": 0}
                ),
                "reviews_url": reverse("reviews:review_summary", args=[proposal.pk]),
                "screenable": rules.can_edit_screening(request.user, proposal),
                "earlier": sorted(
                    (
                        (number, tally)
                        for number, tally in rounds.items()
                        if number != proposal.round
                    ),
                    reverse=True,
                ),
            }
        )
    context = {
        "call": call,
        "rows": rows,
        "page": page,
        "form": form,
        "filters": filters_of(request),
        "items": total,
        "officer": rules.is_funding_officer(request.user),
        "ranking_url": reverse("reviews:ranking", args=[call.code]),
    }
    return render(request, "reviews/screening/overview.html", context)
