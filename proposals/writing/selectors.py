"""Reads of the writing area, each shaped for its page so that it runs a fixed number of
queries whatever the number of rows."""

from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.compiled import CompiledObject, CompiledRead
from proposals import rules
from proposals.models import (
    ExpectedOutput,
    IndicatorContribution,
    Proposal,
    ProposalAttachment,
    ProposalMunicipality,
    ProposalTechnology,
    RequiredAttachment,
    Section,
    SectionKey,
    TeamMember,
)
from proposals.versions.selectors import with_version_count


def proposals_with_team():
    """Proposals with what the permission rules read (team, the programme's managers)."""
    return Proposal.objects.select_related(
        "call__programme", "call__fiscal_year", "lead"
    ).prefetch_related("team")


def visible_proposal(user, pk, proposals=None):
    """The proposal `pk` (of `proposals`, by default `proposals_with_team()`) if `user` may
    read it; 404 otherwise, so that nothing leaks."""
    proposal = get_object_or_404(
        proposals if proposals is not None else proposals_with_team(), pk=pk
    )
    return _readable(user, proposal)


def _readable(user, proposal):
    if proposal is None or not rules.can_view_proposal(user, proposal):
        raise Http404
    return proposal


def proposal_workspace():
    """Proposals with every part the workspace shows, each part fetched once; the attachments
    (`attachments_by_kind`) and the budget (`budget_summary`) each read with their call's
    kinds and categories, and a concept's sections with its call's choice of them
    (`sections_in_order`), only for the pages that show them."""
    return (
        proposals_with_team()
        .select_related("concept")
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=ProposalMunicipality.objects.select_related("municipality"),
            ),
            Prefetch(
                "technologies", queryset=ProposalTechnology.objects.select_related("technology")
            ),
            Prefetch("sections", queryset=Section.objects.select_related("updated_by")),
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
        )
        .annotate(has_decision_recorded=decision_recorded())
    )


# The workspace's queries compiled once (core.compiled): compiling the proposal's joins and
# its six parts' cost more than the database took to answer them.
_workspace = CompiledObject(lambda: with_version_count(proposal_workspace()))


def workspace_of(user, pk):
    """The proposal `pk` with every part its workspace shows (`proposal_workspace`, and
    `version_count`) if `user` may read it; 404 otherwise, so that nothing leaks."""
    return _readable(user, _workspace(pk))


SHOWN = ("pk", "original_name", "size", "uploaded_at")  # what pages show of an attachment


def _kinds(call_pk, proposal_pk):
    """The call's kinds of attachment with the columns `SHOWN` of the proposal's of each."""
    mine = ProposalAttachment.objects.filter(proposal_id=proposal_pk, kind=OuterRef("pk"))
    return (
        RequiredAttachment.objects.filter(call_id=call_pk)
        .annotate(**{f"attachment_{name}": Subquery(mine.values(name)[:1]) for name in SHOWN})
        .order_by("position", "id")
    )


_kinds_read = CompiledRead(_kinds)


def attachments_by_kind(proposal):
    """[(kind, the proposal's attachment of that kind or None)] for each kind of attachment
    `proposal`'s call asks for, in the call's order, in ONE query: the kinds with their
    attachment's columns beside (at most one per kind: a new upload replaces the old). The
    attachments hold what pages show of them (pk, file name, size, upload time), not the
    file."""
    rows = []
    for kind in _kinds_read(proposal.call_id, proposal.pk):
        attachment = None
        if kind.attachment_pk is not None:
            attachment = ProposalAttachment(
                proposal=proposal,
                kind=kind,
                **{name: getattr(kind, f"attachment_{name}") for name in SHOWN},
            )
        rows.append((kind, attachment))
    return rows


def decision_recorded():
    """Whether a decision on the proposal is recorded, read with it for the decision letter's
    link (`reports.pdf.rules.has_decision`). The reviews app comes after this one: its model
    is reached through the relation."""
    decisions = Proposal._meta.get_field("decisions").related_model
    return Exists(decisions.objects.filter(proposal=OuterRef("pk")))


def proposals_with_sections():
    """Proposals with their sections, for the sections page."""
    return proposals_with_team().prefetch_related(
        Prefetch("sections", queryset=Section.objects.select_related("updated_by")),
        "call__concept_sections",
    )


def proposal_ids_of(user):
    """Ids of the proposals `user` leads or joined (accepted, not declined invitation), as a
    subquery: a UNION of two index lookups (the lead's, the member's), where an OR of the two
    made PostgreSQL scan every proposal."""
    led = Proposal.objects.filter(lead=user).order_by().values("pk")
    joined = (
        TeamMember.objects.filter(user=user, accepted_at__isnull=False, declined_at__isnull=True)
        .order_by()
        .values("proposal_id")
    )
    return led.union(joined)


def proposals_of(user):
    """The proposals `user` leads or joined (accepted invitation), recently changed first."""
    return (
        Proposal.objects.filter(pk__in=proposal_ids_of(user))
        .select_related("call", "lead")
        .order_by("-updated_at", "-pk")
    )


def pending_invitations_for(user):
    """Team invitations addressed to `user`'s email, not yet answered."""
    return (
        TeamMember.objects.filter(
            email__iexact=user.email, accepted_at__isnull=True, declined_at__isnull=True
        )
        .select_related("proposal__call", "proposal__lead")
        .order_by("-invited_at", "-pk")
    )


def sections_in_order(proposal):
    """One section per heading in the usual order; an unsaved one stands in for a missing row
    (proposals made before sections existed), from the prefetched sections."""
    saved = {section.key: section for section in proposal.sections.all()}
    sections = [
        saved.get(key) or Section(proposal=proposal, key=key, version=1)
        for key in SectionKey.values
    ]
    if not proposal.is_concept:
        return sections
    # A concept writes only the sections its call chooses, each within its word limit.
    limits = {part.key: part.word_limit for part in proposal.call.concept_sections.all()}
    for section in sections:
        section.word_limit = limits.get(section.key)
    return [section for section in sections if section.key in limits]
