"""The reviewer's pages: their assignments, the answer to an invitation, the declaration of
a conflict of interest, and the proposal once they are cleared to read it."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.http import ROWS_PER_PAGE, filters_of, page_of
from proposals.editing.budget import budget_summary
from proposals.versions.diff import diff
from proposals.writing.selectors import sections_in_order
from reviews.bidding.selectors import bidding_calls
from reviews.models import AssignmentState
from reviews.panels.selectors import outcome_for
from reviews.reviewing import blind, rules, selectors, services
from reviews.reviewing.forms import AnswerForm, AssignmentFilterForm, DeclarationForm
from reviews.scoring.rules import can_write_review

ASSIGNMENTS_PER_PAGE = ROWS_PER_PAGE


@login_required
def my_assignments(request):
    """Everything `request.user` was asked to review, with the next step of each."""
    if not rules.is_reviewer(request.user):
        raise PermissionDenied
    form = AssignmentFilterForm(request.GET or None)
    page = page_of(
        request, form.apply(selectors.assignments_of(request.user)), ASSIGNMENTS_PER_PAGE
    )
    context = {
        "form": form,
        "page": page,
        "filters": filters_of(request),
        "assignments": selectors.with_next_actions(page.object_list),
        "bidding_calls": list(bidding_calls()),
    }
    return render(request, "reviews/reviewing/my_assignments.html", context)


def _back_to_list(request, error):
    for message in error.messages:
        messages.error(request, message)
    return redirect("reviews:my_assignments")


@login_required
@require_http_methods(["GET", "POST"])
def answer_assignment(request, pk):
    """Accept or decline an invitation (POST); GET shows the question."""
    assignment = selectors.assignment_of(request.user, pk)
    if not rules.can_answer(request.user, assignment):
        messages.info(request, _("You have already answered this invitation."))
        return redirect("reviews:my_assignments")
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["answer"] == AnswerForm.ACCEPT:
                services.accept_assignment(assignment=assignment, actor=request.user)
                messages.success(
                    request,
                    _("Thank you. Declare any conflict of interest before reading the proposal."),
                )
                return redirect("reviews:declare", pk=assignment.pk)
            services.decline_assignment(
                assignment=assignment, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except services.AssignmentError as error:
            return _back_to_list(request, error)
        messages.success(request, _("You declined. The funding officers have been told."))
        return redirect("reviews:my_assignments")
    return render(
        request, "reviews/reviewing/answer.html", {"assignment": assignment, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def declare(request, pk):
    """The conflict-of-interest declaration, made once, before anything of the proposal
    beyond its reference, title and call is shown."""
    assignment = selectors.assignment_of(request.user, pk)
    if assignment.state == AssignmentState.INVITED:
        return redirect("reviews:answer_assignment", pk=assignment.pk)
    if not rules.can_declare(request.user, assignment):
        if rules.can_read_proposal(request.user, assignment):
            return redirect("reviews:review_proposal", pk=assignment.pk)
        raise Http404
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["answer"] == DeclarationForm.NONE:
                services.declare_no_conflict(assignment=assignment, actor=request.user)
                messages.success(request, _("Declaration recorded. You may now read the proposal."))
                return redirect("reviews:review_proposal", pk=assignment.pk)
            services.declare_conflict(
                assignment=assignment, actor=request.user, note=form.cleaned_data["note"]
            )
        except services.AssignmentError as error:
            return _back_to_list(request, error)
        messages.success(
            request,
            _("Conflict of interest recorded. This assignment has ended and the officers know."),
        )
        return redirect("reviews:my_assignments")
    return render(
        request, "reviews/reviewing/declare.html", {"assignment": assignment, "form": form}
    )


def _cleared_assignment(request, pk):
    """The reviewer's assignment when they may read its proposal; otherwise where they
    should go instead (a redirect) or 404."""
    assignment = selectors.assignment_of(request.user, pk)
    if rules.can_read_proposal(request.user, assignment):
        return assignment, None
    if assignment.state == AssignmentState.INVITED:
        return None, redirect("reviews:answer_assignment", pk=assignment.pk)
    if rules.can_declare(request.user, assignment):
        return None, redirect("reviews:declare", pk=assignment.pk)
    if assignment.is_cleared:  # the team is revising the proposal
        messages.info(request, _("The team is revising this proposal; it is closed until then."))
        return None, redirect("reviews:my_assignments")
    raise Http404


def _round_changes(proposal, assignment):
    pair = selectors.round_versions(proposal, assignment.round)
    if pair is None:
        return None
    previous, latest = pair
    changes = diff(previous.data, latest.data)
    if proposal.call.blind_review:
        changes = blind.blind_diff(changes)
    return {"previous": previous, "latest": latest, "diff": changes}


@login_required
def review_proposal(request, pk):
    """Every part of the proposal, read-only; without the team's identity on a blind call."""
    assignment, elsewhere = _cleared_assignment(request, pk)
    if elsewhere:
        return elsewhere
    proposal = selectors.load_proposal_parts(assignment)
    is_blind = proposal.call.blind_review
    team = list(proposal.team.all())
    decision, summary = outcome_for(assignment)
    context = {
        "outcome": decision,
        "outcome_summary": summary,
        "assignment": assignment,
        "proposal": proposal,
        "blind": is_blind,
        "team": team,
        "team_effort": sum(member.effort_percent for member in team),
        "sections": sections_in_order(proposal),
        "budget": budget_summary(proposal),
        "activities": list(proposal.activities.all()),
        "attachments": [
            (attachment, blind.neutral_filename(proposal, attachment))
            for attachment in proposal.attachments.all()
        ],
        "changes": _round_changes(proposal, assignment),
        # A later round's reviewer reads the team's answers to the round before.
        "rebuttal_url": reverse("reviews:rebuttal", args=[proposal.pk])
        if assignment.round > 1
        else None,
        "can_write_review": can_write_review(request.user, assignment),
    }
    return render(request, "reviews/reviewing/proposal.html", context)


@login_required
def review_attachment(request, pk, attachment_pk):
    """An attachment of the proposal; on a blind call its author fields are removed and it
    takes a neutral name."""
    assignment, elsewhere = _cleared_assignment(request, pk)
    if elsewhere:
        raise Http404
    proposal = assignment.proposal
    attachment = get_object_or_404(proposal.attachments.select_related("kind"), pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    if not proposal.call.blind_review:
        return FileResponse(handle, as_attachment=True, filename=attachment.original_name)
    with handle:
        data = handle.read()
    try:
        data = blind.anonymise(data, attachment.original_name)
    except blind.CannotAnonymise:
        messages.error(
            request,
            _("This file could not be made anonymous; ask the funding officers for a copy."),
        )
        return redirect(reverse("reviews:review_proposal", args=[assignment.pk]) + "#attachments")
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=blind.neutral_filename(proposal, attachment),
    )
