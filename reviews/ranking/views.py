"""The ranking of a call and the summary of a proposal's reviews, for the funding officers and
the managers of the call's programme."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from core.http import ROWS_PER_PAGE, filters_of, page_of
from proposals.models import Call, Proposal, ProposalState
from proposals.stages.selectors import stage_criteria
from reviews.decisions.rules import can_decide
from reviews.ranking.forms import RankingOptionsForm
from reviews.ranking.selectors import build_ranking, with_proposals
from reviews.scoring import rules
from reviews.scoring.selectors import review_rounds
from reviews.scoring.statistics import proposal_statistics

RANKING_PER_PAGE = ROWS_PER_PAGE


def _query(request, **changes):
    query = request.GET.copy()
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return query.urlencode()


@login_required
def ranking(request, code):
    """The proposals of a call in order, the funding line and the what-if."""
    call = get_object_or_404(
        Call.objects.select_related("programme"),
        code=code,
    )
    if not rules.can_view_ranking(request.user, call):
        raise PermissionDenied
    form = RankingOptionsForm(request.GET or None, call=call)
    result = build_ranking(call, **form.options(), proposals=False)
    page = page_of(request, result.rows, RANKING_PER_PAGE)
    page.object_list = with_proposals(page.object_list)
    line_page = None
    if result.line_index is not None:
        line_page = result.line_index // RANKING_PER_PAGE + 1
    decide_url = (
        reverse("reviews:decide_bulk", args=[call.code]) if can_decide(request.user, call) else None
    )
    context = {
        "call": call,
        "form": form,
        "ranking": result,
        "page": page,
        "filters": filters_of(request),
        "line_page": _query(request, page=line_page)
        if line_page not in (None, page.number)
        else None,
        "decide_url": decide_url,
        "line_up": _query(request, line=max(result.line - 1, 0)),
        "line_down": _query(request, line=min(result.line + 1, result.counted)),
        "line_reset": _query(request, line=None, budget=None, page=None),
    }
    return render(request, "reviews/scoring/ranking.html", context)


def _rounds(proposal, criteria, can_reopen):
    """The rounds of `review_rounds`, each entry marked `reopenable` for this person."""
    rounds = review_rounds(proposal, criteria)
    for round_ in rounds:
        for entry in round_["entries"]:
            review = entry["review"]
            entry["reopenable"] = (
                can_reopen and review is not None and rules.review_is_reopenable(review)
            )
    return rounds


@login_required
def review_summary(request, pk):
    """Every review of every round of a proposal, with the reviewers' names, the scores per
    criterion and the confidential comments, and the statistics of the current round."""
    proposal = get_object_or_404(
        Proposal.objects.select_related("call__programme", "lead"),
        pk=pk,
    )
    if not rules.can_view_reviews(request.user, proposal):
        raise Http404
    call = proposal.call
    criteria = stage_criteria(proposal)
    can_reopen = rules.can_reopen_reviews(request.user)
    context = {
        "proposal": proposal,
        "call": call,
        "rounds": _rounds(proposal, criteria, can_reopen),
        "stats": proposal_statistics(call, proposal.stage).get(proposal.pk),
        "can_reopen": can_reopen,
        "decide_url": (
            reverse("reviews:decide", args=[proposal.pk])
            if proposal.state == ProposalState.IN_REVIEW and can_decide(request.user, call)
            else None
        ),
    }
    return render(request, "reviews/scoring/review_summary.html", context)
