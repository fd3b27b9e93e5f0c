"""Reads of mentoring shaped for their pages: a fixed number of queries whatever the rows."""

from django.db.models import Count, Prefetch, Q

from accounts.models import User
from proposals.models import (
    DraftShare,
    ExpectedOutput,
    IndicatorContribution,
    MentorAssignment,
    MentorMessage,
    MentorThread,
    Proposal,
    ProposalMunicipality,
)


def draft_for_mentoring():
    """Proposals with what the mentoring page shows of a draft besides its texts: the team,
    the call's budget categories, the work plan, the indicator contributions and the expected
    outputs (read-only tables), each fetched once."""
    return Proposal.objects.select_related("call__programme", "lead").prefetch_related(
        "team",
        "call__budget_categories",
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
        Prefetch("mentor_shares", queryset=open_shares(None), to_attr="open_shares"),
    )


def mentors_for(proposal):
    """The mentors assigned, in the proposal's programme, to its team or to one of its
    municipalities: those the team may share its draft with."""
    municipalities = ProposalMunicipality.objects.filter(proposal=proposal).values("municipality")
    active = MentorAssignment.objects.filter(
        programme_id=proposal.call.programme_id, ended_at__isnull=True
    ).filter(Q(proposal=proposal) | Q(municipality__in=municipalities))
    return User.objects.filter(pk__in=active.values("mentor")).order_by("full_name_th", "email")


def open_shares(proposal):
    """The shares of `proposal` not stopped (of every proposal when None, to prefetch)."""
    shares = DraftShare.objects.filter(stopped_at__isnull=True).select_related("mentor")
    return shares if proposal is None else shares.filter(proposal=proposal)


def threads_of(proposal):
    """The threads of a draft with their messages and authors, oldest first."""
    return (
        MentorThread.objects.filter(proposal=proposal)
        .select_related("opened_by", "resolved_by")
        .prefetch_related(
            Prefetch(
                "messages",
                queryset=MentorMessage.objects.select_related("author").order_by(
                    "written_at", "id"
                ),
            )
        )
        .order_by("opened_at", "id")
    )


def assignments_for(user):
    """The assignments of the programmes `user` manages, newest first."""
    return (
        MentorAssignment.objects.filter(programme__managers=user)
        .select_related("programme", "mentor", "municipality", "proposal")
        .order_by("ended_at", "-assigned_at", "id")
    )


def drafts_shared_with(user):
    """The drafts shared with mentor `user` now, with their open threads counted."""
    return (
        Proposal.objects.filter(mentor_shares__mentor=user, mentor_shares__stopped_at__isnull=True)
        .select_related("call", "lead")
        .annotate(
            open_threads=Count(
                "mentor_threads",
                filter=Q(mentor_threads__resolved_at__isnull=True),
                distinct=True,
            )
        )
        .order_by("-updated_at", "pk")
    )
