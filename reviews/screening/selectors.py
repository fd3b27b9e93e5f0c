"""Reads of the screening and of a call's review overview, each in a fixed number of queries."""

from django.db.models import Count, Q

from proposals.models import Call, Proposal, ProposalState
from reviews.models import (
    Assignment,
    AssignmentState,
    ReviewState,
    ScreeningCheck,
    ScreeningItem,
    ScreeningVerdict,
)


def checklist(call):
    return list(ScreeningItem.objects.filter(call=call))


def round_checks(proposal):
    """{item id: check} of the proposal's current round."""
    checks = ScreeningCheck.objects.filter(proposal=proposal, round=proposal.round)
    return {check.item_id: check for check in checks.select_related("checked_by")}


def proposal_for_screening():
    return Proposal.objects.select_related("call", "call__programme", "lead")


def overview_calls(user, *, officer):
    """Calls with how many of their proposals are submitted, in review or in revision: every
    call for an officer, a manager's own programmes' calls otherwise."""
    calls = Call.objects.select_related("programme").order_by("-opens_at", "code")
    if not officer:
        calls = calls.filter(programme__managers=user)
    return calls.annotate(
        **{
            f"count_{state.value}": Count("proposals", filter=Q(proposals__state=state))
            for state in ProposalState.under_consideration()
        }
    )


def overview_proposals(call, state=None):
    """The call's proposals under consideration (those in `state` when given), in reference
    order, with their lead."""
    states = [state] if state else ProposalState.under_consideration()
    return (
        Proposal.objects.filter(call=call, state__in=states)
        .select_related("lead")
        .order_by("sequence", "pk")
    )


def reviewer_counts(proposals):
    """{proposal id: {round: {"assigned", "cleared", "submitted"}}} over the assignments of
    `proposals` (ids: a page of the overview): assigned counts those still active (invited,
    accepted, submitted)."""
    rows = (
        Assignment.objects.filter(proposal__in=proposals)
        .order_by()  # counted, not shown: the default order joined the proposals
        .values_list("proposal_id", "round", "state", "coi_declared_at", "review__state")
    )
    counts = {}
    for proposal_id, number, state, declared_at, review_state in rows:
        tally = counts.setdefault(proposal_id, {}).setdefault(
            number, {"assigned": 0, "cleared": 0, "submitted": 0}
        )
        if state not in AssignmentState.active():
            continue
        tally["assigned"] += 1
        cleared = state in (AssignmentState.ACCEPTED, AssignmentState.SUBMITTED) and declared_at
        tally["cleared"] += 1 if cleared else 0
        submitted = state == AssignmentState.SUBMITTED or review_state == ReviewState.SUBMITTED
        tally["submitted"] += 1 if submitted else 0
    return counts


def screening_counts(proposals):
    """{(proposal id, round): {"judged": n, "not_met": n}} over the checks of `proposals`
    (ids: a page of the overview)."""
    counts = {}
    rows = (
        ScreeningCheck.objects.filter(proposal__in=proposals)
        .order_by()  # counted, not shown: the default order joined the proposals and items
        .values_list("proposal_id", "round", "verdict")
    )
    for proposal_id, number, verdict in rows:
        tally = counts.setdefault((proposal_id, number), {"judged": 0, "not_met": 0})
        tally["judged"] += 1
        tally["not_met"] += 1 if verdict == ScreeningVerdict.NOT_MET else 0
    return counts
