"""The panel page of a proposal: the submitted reviews of the round side by side and the
panel's discussion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proposals.models import Proposal
from reviews.assignment.rules import can_assign
from reviews.models import Assignment
from reviews.panels import rules, selectors, services
from reviews.panels.forms import CommentForm, PanelRoleForm, SummaryForm


@login_required
def panel(request, pk):
    proposal = get_object_or_404(
        Proposal.objects.select_related("call__programme"),
        pk=pk,
    )
    assignments = selectors.round_assignments(proposal)
    if not rules.can_join_panel(request.user, proposal, assignments):
        raise Http404
    summary = selectors.summary_of(proposal)
    chair = rules.is_chair(request.user, proposal, assignments)
    posted = request.POST if request.method == "POST" else None
    summary_form = SummaryForm(
        posted if posted and "summary" in posted else None, initial=_initial(summary)
    )
    if summary_form.is_bound:
        if summary_form.is_valid() and _summary_saved(request, proposal, summary_form):
            messages.success(request, _("The panel's consensus is saved."))
            return redirect(f"{request.path}#panel-summary")
        posted = None
    form = CommentForm(posted)
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            comment = services.post_comment(
                actor=request.user, proposal=proposal, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, _("Your comment is added to the discussion."))
            return redirect(f"{request.path}#comment-{comment.pk}")
    submitted = [a for a in assignments if rules.has_submitted(a)]
    return render(
        request,
        "reviews/panels/panel.html",
        {
            "proposal": proposal,
            "submitted": submitted,
            "waiting": len(assignments) - len(submitted),
            "comments": selectors.discussion(proposal),
            "form": form,
            "summary": summary,
            "summary_form": summary_form if chair else None,
        },
    )


def _initial(summary):
    if summary is None:
        return {}
    return {
        "score": summary.score,
        "recommendation": summary.recommendation,
        "summary": summary.summary,
    }


def _summary_saved(request, proposal, form):
    try:
        services.save_summary(actor=request.user, proposal=proposal, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@login_required
@require_POST
def set_panel_role(request, pk):
    """A funding officer gives an assignment its role on the panel (from the assign page)."""
    if not can_assign(request.user):
        raise PermissionDenied
    assignment = get_object_or_404(Assignment.objects.select_related("reviewer"), pk=pk)
    form = PanelRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role on the panel."))
    else:
        try:
            services.set_panel_role(
                actor=request.user, assignment=assignment, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(name)s's role on the panel is saved.")
                % {"name": assignment.reviewer.display_name},
            )
    return redirect("reviews:assign", pk=assignment.proposal_id)
