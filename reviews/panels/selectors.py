"""Reads of the panel page, in a fixed number of queries whatever the number of reviews and
comments."""

from django.db.models import Prefetch

from accounts.models import User
from reviews.models import Assignment, AssignmentState, Decision, PanelComment, PanelSummary


def round_assignments(proposal):
    """The assignments of the proposal's current round that still count, with their reviewer
    and review (chair first)."""
    return list(
        Assignment.objects.filter(
            proposal=proposal, round=proposal.round, state__in=AssignmentState.active()
        )
        .select_related("reviewer", "review")
        .order_by("panel_role", "assigned_at", "pk")
    )


def discussion(proposal):
    """The comments of the proposal's current round, oldest first, with their author and the
    members they mention."""
    return list(
        PanelComment.objects.filter(proposal=proposal, round=proposal.round)
        .select_related("author")
        .prefetch_related(Prefetch("mentions", queryset=User.objects.order_by("pk")))
        .order_by("created_at", "pk")
    )


def summary_of(proposal):
    """The panel's consensus of the proposal's current round, or None."""
    return (
        PanelSummary.objects.filter(proposal=proposal, round=proposal.round)
        .select_related("chair")
        .first()
    )


def panel_scores(proposals, within=None):
    """{proposal pk: PanelSummary} of each proposal's current round (one query); `within` (a
    queryset of those proposals' pks) asks with a subquery instead of thousands of ids."""
    rounds = {proposal.pk: proposal.round for proposal in proposals}
    summaries = PanelSummary.objects.filter(proposal__in=list(rounds) if within is None else within)
    return {s.proposal_id: s for s in summaries if rounds[s.proposal_id] == s.round}


def outcome_for(assignment):
    """(decision, panel summary) of the round `assignment` reviewed, once the decision is
    taken and if the reviewer submitted their review; (None, None) otherwise."""
    if assignment.state != AssignmentState.SUBMITTED:
        return None, None
    decision = (
        Decision.objects.filter(proposal=assignment.proposal_id, round=assignment.round)
        .order_by("-decided_at")
        .first()
    )
    if decision is None:
        return None, None
    summary = PanelSummary.objects.filter(
        proposal=assignment.proposal_id, round=assignment.round
    ).first()
    return decision, summary
