"""The rebuttal page: the reviewers' comments of the round that asked for a revision, each
with the team's answer (written by the team during the revision, read afterwards)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from proposals.writing.selectors import proposals_with_team
from reviews.rebuttal import rules, selectors, services


@login_required
def rebuttal(request, pk):
    proposal = get_object_or_404(proposals_with_team(), pk=pk)
    if not rules.can_read_rebuttal(request.user, proposal):
        raise Http404
    round_number = rules.answered_round(proposal)
    if round_number < 1:
        raise Http404
    editable = rules.can_write_rebuttal(request.user, proposal)
    reviews = selectors.answered_reviews(proposal, round_number)
    if request.method == "POST":
        if not editable:
            raise Http404
        answers = {review.pk: request.POST.get(f"answer-{review.pk}", "") for review in reviews}
        try:
            services.save_rebuttal(actor=request.user, proposal=proposal, answers=answers)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your answers to the reviewers are saved."))
            return redirect("reviews:rebuttal", pk=proposal.pk)
    return render(
        request,
        "reviews/rebuttal/rebuttal.html",
        {
            "proposal": proposal,
            "round_number": round_number,
            "reviews": reviews,
            "editable": editable,
        },
    )
