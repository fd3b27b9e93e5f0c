"""The review overview of calls for officers and the programme managers of each call."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse

from proposals.models import Call, ProposalState
from reviews.screening import rules, selectors


@login_required
def calls(request):
    """The calls with proposals under consideration, each linking to its overview."""
    if not rules.can_use_overview(request.user):
        raise PermissionDenied
    officer = rules.is_funding_officer(request.user)
    rows = selectors.overview_calls(request.user, officer=officer)
    return render(request, "reviews/screening/calls.html", {"calls": rows, "officer": officer})


def optional_url(name, *args):
    """A page another part of the review work provides, or None while it does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


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
        Call.objects.select_related("programme").prefetch_related("programme__managers"),
        code=code,
    )
    if not rules.can_read_call_overview(request.user, call):
        raise Http404
    total = call.screening_items.count()
    screening = selectors.screening_counts(call)
    reviewers = selectors.reviewer_counts(call)
    rows = []
    for proposal in selectors.overview_proposals(call):
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
                "reviews_url": optional_url("reviews:review_summary", proposal.pk),
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
        "items": total,
        "officer": rules.is_funding_officer(request.user),
        "ranking_url": optional_url("reviews:ranking", call.code),
    }
    return render(request, "reviews/screening/overview.html", context)
