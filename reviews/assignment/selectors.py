"""Reads of the reviewer pool and the assignments, each shaped so that its page runs a fixed
number of queries whatever the number of rows."""

from django.db.models import Count, Prefetch, Q

from accounts.roles import Role
from accounts.selectors import holders_of
from core.compiled import CompiledObject, CompiledRead
from proposals.models import (
    IndicatorContribution,
    Proposal,
    ProposalMunicipality,
    ProposalTechnology,
    TeamMember,
)
from reviews.models import Assignment, AssignmentState, Bid
from reviews.scoring import cache as scoring_cache


def reviewers():
    """Every active person holding the reviewer role, with their profile (if any)."""
    return holders_of(Role.REVIEWER).select_related("reviewer_profile").order_by("email", "pk")


def call_assignments(call):
    """(proposal id, reviewer id, round, state) of every assignment of the call, one query."""
    return Assignment.objects.filter(proposal__call=call).values_list(
        "proposal_id", "reviewer_id", "round", "state"
    )


def call_bids(call, proposal=None):
    """(proposal id, reviewer id, choice) of every bid on the call's proposals (on `proposal`
    alone if given), one query."""
    bids = Bid.objects.filter(proposal__call=call)
    if proposal is not None:
        bids = bids.filter(proposal=proposal)
    return bids.values_list("proposal_id", "reviewer_id", "choice")


def proposal_loads(rows):
    """{reviewer id: set of proposal ids} of the active assignments among `rows` (as given
    by `call_assignments`): a reviewer's load in a call is the number of its proposals they
    review, whatever the rounds."""
    loads = {}
    for proposal_id, reviewer_id, _round, state in rows:
        if state in AssignmentState.active():
            loads.setdefault(reviewer_id, set()).add(proposal_id)
    return loads


def call_loads(call):
    """{reviewer id: load} in `call`, as `proposal_loads` counts a load (the call's proposals
    they review, whatever the rounds), counted by the database: one query, or none while the
    call's review statistics stand (`reviews.scoring.cache`: every save or deletion of an
    assignment or a proposal of the call replaces their version)."""

    def count():
        rows = (
            Assignment.objects.filter(proposal__call=call)
            .order_by()
            .values("reviewer")
            .annotate(load=Count("proposal", distinct=True, filter=Q(state__in=active)))
            .values_list("reviewer", "load")
        )
        return dict(rows)

    active = AssignmentState.active()
    return scoring_cache.cached(call.pk, ("reviewer-loads",), count)


def proposals_for_matching():
    """Proposals with every part matching reads: keywords, team (with the members' accounts,
    for their ORCID iDs), partner municipalities, technologies, and the dimensions of the
    indicators they contribute to."""
    contributions = IndicatorContribution.objects.select_related("indicator").prefetch_related(
        "indicator__dimensions"
    )
    return Proposal.objects.select_related("call", "lead").prefetch_related(
        Prefetch("team", TeamMember.objects.select_related("user")),
        Prefetch("municipalities", ProposalMunicipality.objects.select_related("municipality")),
        Prefetch("technologies", ProposalTechnology.objects.select_related("technology")),
        Prefetch("contributions", contributions),
    )


# The reads of a proposal's reviewers' page, compiled once (core.compiled).
proposal_for_matching = CompiledObject(proposals_for_matching)
reviewers_read = CompiledRead(reviewers)
proposal_bids_read = CompiledRead(call_bids)
proposal_assignments_read = CompiledRead(
    lambda proposal_pk: (
        Assignment.objects.filter(proposal=proposal_pk)
        .select_related("reviewer", "review")
        .order_by("-round", "assigned_at", "pk")
    )
)


def round_assignments(proposal, round=None):
    """The proposal's assignments of one round (its current one by default), with the
    reviewer and the review, oldest first."""
    return (
        Assignment.objects.filter(
            proposal=proposal, round=proposal.round if round is None else round
        )
        .select_related("reviewer", "assigned_by", "review")
        .order_by("assigned_at", "pk")
    )
