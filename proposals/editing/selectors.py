"""Reads of the table parts of a proposal, each shaped so that its page runs a fixed number of
queries whatever the number of rows."""

from django.db.models import Q

from accounts.models import Municipality
from indicators.models import Indicator, OutputType, Technology
from proposals.models import (
    Activity,
    BudgetLine,
    ExpectedOutput,
    IndicatorContribution,
    Proposal,
    ProposalAttachment,
    ProposalMunicipality,
    ProposalTechnology,
)


def proposal_for_editing():
    """Proposals with what the permission rules and the editing pages read: the call, its
    programme (and its managers), the team and the call's budget categories."""
    return Proposal.objects.select_related("call", "call__programme", "lead").prefetch_related(
        "team", "call__budget_categories"
    )


def eligible_municipalities(call):
    """The municipalities whose type and region the call accepts (an empty list accepts all)."""
    municipalities = Municipality.objects.order_by("name_th")
    if call.eligible_municipality_types:
        municipalities = municipalities.filter(type__in=call.eligible_municipality_types)
    if call.eligible_regions:
        municipalities = municipalities.filter(region__in=call.eligible_regions)
    return municipalities


def programme_fiscal_years(call):
    return call.programme.fiscal_years.order_by("year_be")


def _active_or_used(model, used):
    """Active catalogue rows, and the inactive ones this proposal already uses (so its saved
    rows still show; choosing them anew is refused by the form)."""
    return model.objects.filter(Q(is_active=True) | Q(pk__in=used))


def municipality_options(proposal):
    return {"municipality": list(eligible_municipalities(proposal.call))}


def technology_options(proposal):
    used = ProposalTechnology.objects.filter(proposal=proposal).values("technology")
    return {"technology": list(_active_or_used(Technology, used))}


def budget_options(proposal):
    categories = [c for c in proposal.call.budget_categories.all() if c.allowed]
    return {
        "category": sorted(categories, key=lambda c: (c.position, c.code)),
        "fiscal_year": list(programme_fiscal_years(proposal.call)),
    }


def contribution_options(proposal):
    partners = ProposalMunicipality.objects.filter(proposal=proposal).values("municipality")
    return {
        "indicator": list(
            Indicator.objects.filter(programme_id=proposal.call.programme_id).order_by(
                "objective__position", "position", "code"
            )
        ),
        "fiscal_year": list(programme_fiscal_years(proposal.call)),
        "municipality": list(Municipality.objects.filter(pk__in=partners).order_by("name_th")),
    }


def output_options(proposal):
    used = ExpectedOutput.objects.filter(proposal=proposal).values("output_type")
    return {
        "output_type": list(_active_or_used(OutputType, used).order_by("position", "code")),
        "fiscal_year": list(programme_fiscal_years(proposal.call)),
    }


# The rows of each part, with what their descriptions (in the audit entry) read.
ROWS = {
    "municipalities": ProposalMunicipality.objects.select_related("municipality"),
    "technologies": ProposalTechnology.objects.select_related("technology"),
    "activities": Activity.objects.all(),
    "budget": BudgetLine.objects.select_related("category", "fiscal_year"),
    "contributions": IndicatorContribution.objects.select_related("indicator", "fiscal_year"),
    "outputs": ExpectedOutput.objects.select_related("output_type", "fiscal_year"),
}

OPTIONS = {
    "municipalities": municipality_options,
    "technologies": technology_options,
    "activities": lambda proposal: {},
    "budget": budget_options,
    "contributions": contribution_options,
    "outputs": output_options,
}


def attachments_of(proposal):
    """The proposal's attachments by the pk of their kind, with who uploaded them."""
    rows = ProposalAttachment.objects.filter(proposal=proposal).select_related("uploaded_by")
    return {attachment.kind_id: attachment for attachment in rows}


def required_kinds(proposal):
    return list(proposal.call.required_attachments.order_by("position", "id"))


def indicators_with_contributions(ids):
    """The ids among `ids` of indicators some proposal commits a target to (any state: a
    draft's targets were written in the indicator's unit too); one query."""
    return set(
        IndicatorContribution.objects.filter(indicator__in=ids).values_list("indicator", flat=True)
    )
