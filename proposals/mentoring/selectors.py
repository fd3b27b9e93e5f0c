"""Reads of mentoring shaped for their pages: a fixed number of queries whatever the rows."""

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery

from accounts.models import User
from proposals.models import (
    DraftShare,
    ExpectedOutput,
    IndicatorContribution,
    MentorAssignment,
    MentorMessage,
    Proposal,
    ProposalMunicipality,
    Section,
    SectionKey,
)

TEXT = "section_text_"


def section_text(key):
    """The text of the proposal's section `key` (None while it has none), read with the
    proposal: six index lookups in its own query instead of a query of their own."""
    sections = Section.objects.filter(proposal=OuterRef("pk"), key=key)
    return Subquery(sections.values("text")[:1])


def draft_for_mentoring():
    """Proposals with what the mentoring page shows of a draft: the team, the work plan, the
    indicator contributions and the expected outputs (read-only tables), each fetched once,
    and its texts (`section_texts`); the budget reads its call's categories with its sums
    (`budget_summary`)."""
    return (
        Proposal.objects.select_related("call__programme", "lead")
        .prefetch_related(
            "team",
            "activities",
            Prefetch(
                "contributions",
                queryset=IndicatorContribution.objects.select_related(
                    "indicator", "fiscal_year", "municipality"
                ),
            ),
            Prefetch(
                "outputs",
                queryset=ExpectedOutput.objects.select_related("output_type", "fiscal_year"),
            ),
            Prefetch("mentor_shares", queryset=open_shares(None), to_attr="open_shares"),
        )
        .annotate(**{f"{TEXT}{key}": section_text(key) for key in SectionKey.values})
    )


def section_texts(proposal):
    """{section key: text} of a proposal read with `draft_for_mentoring` ("" for a section
    not written yet)."""
    return {key: getattr(proposal, f"{TEXT}{key}") or "" for key in SectionKey.values}


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
    """The threads of a draft, oldest first, each with its messages and their authors
    (`message_list`, oldest first), in ONE query: the messages with their thread beside. A
    thread is opened with its first message (`services.comment`) and a message goes only
    with its thread, so every thread has one."""
    messages = (
        MentorMessage.objects.filter(thread__proposal=proposal)
        .select_related("author", "thread__opened_by", "thread__resolved_by")
        .order_by("thread__opened_at", "thread_id", "written_at", "id")
    )
    threads = {}
    for message in messages:
        thread = threads.setdefault(message.thread_id, message.thread)
        if thread is message.thread:
            thread.message_list = []
        thread.message_list.append(message)
        message.thread = thread
    return list(threads.values())


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
