"""The review form (the reviewer's) and reopening a submitted review (an officer's)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.thai import format_datetime
from proposals.stages.selectors import stage_criteria
from reviews.models import Assignment, BudgetVerdict, Recommendation, Review
from reviews.scoring import rules, services
from reviews.scoring.forms import SUBMIT, ReopenForm, ReviewForm
from reviews.scoring.selectors import score_blocks

TEMPLATE = "reviews/scoring/review_form.html"


def _assignment(pk):
    return get_object_or_404(Assignment.objects.select_related("proposal__call", "reviewer"), pk=pk)


def _review(assignment):
    return (
        Review.objects.filter(assignment=assignment).prefetch_related("scores").order_by().first()
    )


def _render(request, assignment, review, access, form=None, status=200):
    criteria = stage_criteria(assignment.proposal)
    if form is None and access == rules.FormAccess.EDITABLE:
        form = ReviewForm(criteria=criteria, review=review)
    context = {
        "assignment": assignment,
        "proposal": assignment.proposal,
        "call": assignment.proposal.call,
        "review": review,
        "access": access,
        "editable": access == rules.FormAccess.EDITABLE,
        "form": form,
        "blocks": score_blocks(criteria, review),
        "recommendation": Recommendation(review.recommendation).label
        if review and review.recommendation
        else "",
        "budget_verdict": BudgetVerdict(review.budget_verdict).label
        if review and review.budget_verdict
        else "",
    }
    return render(request, TEMPLATE, context, status=status)


def _put_errors_on_fields(form, error):
    for name, problems in error.message_dict.items():
        for problem in problems:
            form.add_error(name if name in form.fields else None, problem)


@login_required
def review_form(request, pk):
    """GET: the form (or the review, read only, once submitted or closed); POST: save the
    draft, or submit with action=submit."""
    assignment = _assignment(pk)
    review = _review(assignment)
    access = rules.form_access(request.user, assignment, review)
    if access == rules.FormAccess.HIDDEN:
        raise Http404
    if access == rules.FormAccess.NOT_CLEARED:
        return _render(request, assignment, review, access, status=403)
    if request.method != "POST":
        return _render(request, assignment, review, access)
    if not rules.can_write_review(request.user, assignment, review):
        messages.error(request, services.closed_message(access))
        return redirect("reviews:review_form", pk=assignment.pk)

    criteria = stage_criteria(assignment.proposal)
    form = ReviewForm(request.POST, criteria=criteria, review=review)
    submit = request.POST.get("action") == SUBMIT
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: correct what is marked below."))
        return _render(request, assignment, review, access, form=form)
    try:
        services.save_review(
            actor=request.user,
            assignment=assignment,
            data=form.review_input(),
            version=form.cleaned_data["version"],
            submit=submit,
        )
    except services.StaleReview as stale:
        messages.error(
            request,
            _(
                "This review was saved elsewhere (another tab or window) at %(when)s after you "
                "opened it. Nothing was saved here: copy what you typed, then reload the page."
            )
            % {"when": format_datetime(stale.saved_at) if stale.saved_at else "—"},
        )
        return _render(request, assignment, review, access, form=form, status=409)
    except services.ReviewRefused as refused:
        _put_errors_on_fields(form, refused)
        messages.error(
            request,
            _("The review was not submitted: complete what is marked below.")
            if submit
            else _("Nothing was saved: correct what is marked below."),
        )
        return _render(request, assignment, review, access, form=form)
    if submit:
        messages.success(request, _("Your review is submitted. Thank you."))
    else:
        messages.success(request, _("Draft saved."))
    return redirect("reviews:review_form", pk=assignment.pk)


@login_required
def reopen_review(request, pk):
    """GET: ask for the reason; POST: reopen the submitted review (funding officers)."""
    if not rules.can_reopen_reviews(request.user):
        raise PermissionDenied
    review = get_object_or_404(
        Review.objects.select_related("assignment__proposal__call", "assignment__reviewer"),
        pk=pk,
    )
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reopen_review(
                actor=request.user, review=review, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("The review is reopened: %(reviewer)s may change it and submit it again.")
                % {"reviewer": review.assignment.reviewer.display_name},
            )
            return redirect("reviews:review_summary", pk=review.assignment.proposal_id)
    return render(
        request,
        "reviews/scoring/reopen.html",
        {
            "review": review,
            "assignment": review.assignment,
            "proposal": review.assignment.proposal,
            "form": form,
            "reopenable": rules.review_is_reopenable(review),
        },
    )
