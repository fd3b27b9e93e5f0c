"""Reads of the writing area, each shaped for its page so that it runs a fixed number of
queries whatever the number of rows."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q

from proposals.models import (
    BudgetLine,
    ExpectedOutput,
    IndicatorContribution,
    Proposal,
    ProposalAttachment,
    ProposalMunicipality,
    ProposalTechnology,
    Section,
    SectionKey,
    TeamMember,
)


def proposals_with_team():
    """Proposals with what the permission rules read (team, the programme's managers)."""
    return Proposal.objects.select_related(
        "call__programme", "call__fiscal_year", "lead"
    ).prefetch_related("team", "call__programme__managers")


def proposal_workspace():
    """Proposals with every part the workspace shows, each part fetched once."""
    return proposals_with_team().prefetch_related(
        "call__required_attachments",
        "call__budget_categories",
        Prefetch(
            "municipalities",
            queryset=ProposalMunicipality.objects.select_related("municipality"),
        ),
        Prefetch("technologies", queryset=ProposalTechnology.objects.select_related("technology")),
        Prefetch("sections", queryset=Section.objects.select_related("updated_by")),
        "activities",
        Prefetch(
            "budget_lines", queryset=BudgetLine.objects.select_related("category", "fiscal_year")
        ),
        Prefetch(
            "contributions",
            queryset=IndicatorContribution.objects.select_related(
                "indicator", "fiscal_year", "municipality"
            ),
        ),
        Prefetch(
            "outputs", queryset=ExpectedOutput.objects.select_related("output_type", "fiscal_year")
        ),
        Prefetch("attachments", queryset=ProposalAttachment.objects.select_related("kind")),
    )


def proposals_with_sections():
    """Proposals with their sections, for the sections page."""
    return proposals_with_team().prefetch_related(
        Prefetch("sections", queryset=Section.objects.select_related("updated_by"))
    )


def proposals_of(user):
    """The proposals `user` leads or joined (accepted invitation), recently changed first."""
    joined = TeamMember.objects.filter(
        proposal=OuterRef("pk"),
        user=user,
        accepted_at__isnull=False,
        declined_at__isnull=True,
    )
    return (
        Proposal.objects.filter(Q(lead=user) | Exists(joined))
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
    return [
        saved.get(key) or Section(proposal=proposal, key=key, version=1)
        for key in SectionKey.values
    ]


def budget_summary(proposal):
    """Budget totals by category (rows, in the call's order) and fiscal year (columns), from
    the prefetched lines: {"years", "rows": [{"category", "cells", "total"}], "totals", "total"}."""
    lines = list(proposal.budget_lines.all())
    years = sorted({line.fiscal_year.pk: line.fiscal_year for line in lines}.values(),
                   key=lambda year: year.year_be)  # fmt: skip
    amounts = defaultdict(Decimal)
    for line in lines:
        amounts[line.category_id, line.fiscal_year_id] += line.amount
    used = {line.category_id: line.category for line in lines}
    categories = [c for c in proposal.call.budget_categories.all() if c.allowed or c.pk in used]
    listed = {category.pk for category in categories}
    categories += [category for pk, category in used.items() if pk not in listed]
    rows = []
    for category in categories:
        cells = [amounts.get((category.pk, year.pk), Decimal("0")) for year in years]
        rows.append({"category": category, "cells": cells, "total": sum(cells, Decimal("0"))})
    totals = [sum((row["cells"][i] for row in rows), Decimal("0")) for i in range(len(years))]
    return {
        "years": years,
        "rows": rows,
        "totals": totals,
        "total": sum(totals, Decimal("0")),
    }
