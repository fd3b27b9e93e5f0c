"""Reads for the versions pages, shaped so each page runs a fixed number of queries."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from proposals.models import Proposal, ProposalVersion


def proposals_for_versions():
    """Proposals with what the permission check reads (team, programme managers)."""
    return Proposal.objects.select_related("call__programme").prefetch_related("team")


def version_list(proposal):
    """A proposal's versions, newest first, with who submitted each; without the snapshots."""
    return (
        ProposalVersion.objects.filter(proposal=proposal)
        .select_related("created_by")
        .defer("data")
        .order_by("-number")
    )


def versions_by_number(proposal, numbers):
    """The versions of `proposal` with these numbers, snapshots included: {number: version}."""
    rows = ProposalVersion.objects.filter(proposal=proposal, number__in=numbers).select_related(
        "created_by"
    )
    return {version.number: version for version in rows}


def with_version_count(proposals):
    """Annotate `version_count` (what proposals/versions/_link.html shows) on a queryset of
    proposals, as a subquery so that it does not multiply rows joined elsewhere."""
    counts = (
        ProposalVersion.objects.filter(proposal=OuterRef("pk"))
        .order_by()
        .values("proposal")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return proposals.annotate(
        version_count=Coalesce(Subquery(counts), 0, output_field=IntegerField())
    )
