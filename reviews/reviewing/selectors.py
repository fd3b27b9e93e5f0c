"""Reads of the reviewer's side, each shaped for its page so that it runs a fixed number of
queries whatever the number of rows."""

from django.db.models import Case, F, IntegerField, Prefetch, Value, When, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from proposals.models import (
    ExpectedOutput,
    IndicatorContribution,
    ProposalAttachment,
    ProposalMunicipality,
    ProposalTechnology,
    ProposalVersion,
)
from reviews.models import Assignment
from reviews.reviewing import rules
from reviews.reviewing.rules import OPEN_STATES


def assignments_of(user):
    """`user`'s assignments across calls and rounds: those waiting for them first, then by
    due date. One query: the proposal and its call are joined and the state of the review,
    if one was started, is annotated as `review_state`. The team is never read."""
    return (
        Assignment.objects.filter(reviewer=user)
        .select_related("proposal__call")
        .annotate(
            review_state=F("review__state"),
            waiting=Case(
                When(state__in=OPEN_STATES, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("waiting", "due_date", "-round", "pk")
    )


def with_next_actions(assignments, today=None):
    """The assignments as a list, each with `next_action` (a rules.NextAction value or None)
    and `is_overdue` (still open after its due date)."""
    today = today or timezone.localdate()
    rows = list(assignments)
    for assignment in rows:
        assignment.next_action = rules.next_action(
            assignment, getattr(assignment, "review_state", None)
        )
        assignment.is_overdue = rules.is_open(assignment) and assignment.due_date < today
    return rows


def assignment_of(user, pk):
    """`user`'s own assignment `pk` with its proposal and call; 404 for anyone else's."""
    assignment = get_object_or_404(
        Assignment.objects.select_related("proposal__call"), pk=pk, reviewer=user
    )
    if not rules.is_assigned_reviewer(user, assignment):
        raise Http404
    return assignment


def load_proposal_parts(assignment):
    """Fetch every part of the assignment's proposal that the reviewer's page shows, one
    query per part (call it once the reviewer is known to be cleared)."""
    prefetch_related_objects(
        [assignment.proposal],
        "lead",
        "team",
        Prefetch(
            "municipalities",
            queryset=ProposalMunicipality.objects.select_related("municipality"),
        ),
        Prefetch("technologies", queryset=ProposalTechnology.objects.select_related("technology")),
        "sections",
        "activities",
        Prefetch(
            "contributions",
            queryset=IndicatorContribution.objects.select_related(
                "indicator", "fiscal_year", "municipality"
            ),
        ),
        Prefetch(
            "outputs", queryset=ExpectedOutput.objects.select_related("output_type", "fiscal_year")
        ),
        Prefetch(
            "attachments",
            queryset=ProposalAttachment.objects.select_related("kind", "uploaded_by"),
        ),
    )
    return assignment.proposal


def round_versions(proposal, round_number):
    """The snapshots to compare for a reviewer of round `round_number` (> 1): the version of
    the previous round and the latest one, as (previous, latest); None when either is
    missing. One query."""
    if round_number <= 1:
        return None
    versions = list(
        ProposalVersion.objects.filter(proposal=proposal, number__gte=round_number - 1).order_by(
            "number"
        )
    )
    if len(versions) < 2 or versions[0].number != round_number - 1:
        return None
    return versions[0], versions[-1]
