"""A proposal as it stood at one moment, as plain JSON: what each submission stores.

The snapshot keeps codes and both languages of every name, never translated labels, so that a
version reads the same in Thai and English years later and labels are chosen when it is shown.
Decimals are strings (no float rounding), dates ISO 8601; attachments keep their description,
not the file.
"""

from django.db import transaction
from django.db.models import Max

from proposals.models import (
    Activity,
    BudgetLine,
    ExpectedOutput,
    IndicatorContribution,
    ProposalAttachment,
    ProposalMunicipality,
    ProposalTechnology,
    ProposalVersion,
    Section,
    TeamMember,
)

# Bumped if the shape below changes, so the diff can read older snapshots.
SCHEMA = 1


def _text(value):
    return "" if value is None else str(value)


def _iso(value):
    return value.isoformat() if value is not None else None


def _general(proposal):
    return {
        "title_th": proposal.title_th,
        "title_en": proposal.title_en,
        "kind": proposal.kind,
        "duration_months": proposal.duration_months,
        "start_month": _iso(proposal.start_month),
        "keywords": proposal.keywords,
        "summary_th": proposal.summary_th,
        "summary_en": proposal.summary_en,
        "reference": proposal.reference,
        "state": proposal.state,
    }


def _team(proposal):
    return [
        {
            "email": member.email,
            "name": member.name,
            "organisation": member.organisation,
            "role": member.role,
            "effort_percent": _text(member.effort_percent),
            "accepted": member.has_accepted,
        }
        for member in TeamMember.objects.filter(proposal=proposal)
    ]


def _municipalities(proposal):
    rows = ProposalMunicipality.objects.filter(proposal=proposal).select_related("municipality")
    return [
        {
            "municipality_id": row.municipality_id,
            "name_th": row.municipality.name_th,
            "name_en": row.municipality.name_en,
            "is_lead": row.is_lead,
            "role": row.role,
            "contribution_kind": row.contribution_kind,
            "contribution_amount": _text(row.contribution_amount),
        }
        for row in rows
    ]


def _technologies(proposal):
    rows = ProposalTechnology.objects.filter(proposal=proposal).select_related("technology")
    return [
        {
            "technology_id": row.technology_id,
            "name_th": row.technology.name_th,
            "name_en": row.technology.name_en,
            "planned_use": row.planned_use,
        }
        for row in rows
    ]


def _sections(proposal):
    return {
        section.key: section.text
        for section in Section.objects.filter(proposal=proposal).only("key", "text")
    }


def _activities(proposal):
    return [
        {
            "position": row.position,
            "name": row.name,
            "start_month": row.start_month,
            "end_month": row.end_month,
            "deliverable": row.deliverable,
            "weight_percent": _text(row.weight_percent),
        }
        for row in Activity.objects.filter(proposal=proposal)
    ]


def _budget_lines(proposal):
    rows = BudgetLine.objects.filter(proposal=proposal).select_related("category", "fiscal_year")
    return [
        {
            "id": row.pk,
            "category_code": row.category.code,
            "category_position": row.category.position,
            "category_name_th": row.category.name_th,
            "category_name_en": row.category.name_en,
            "fiscal_year": row.fiscal_year.year_be,
            "description": row.description,
            "quantity": _text(row.quantity),
            "unit_cost": _text(row.unit_cost),
            "amount": _text(row.amount),
            "specification": row.specification,
            "justification": row.justification,
        }
        for row in rows
    ]


def _contributions(proposal):
    rows = IndicatorContribution.objects.filter(proposal=proposal).select_related(
        "indicator", "fiscal_year", "municipality"
    )
    return [
        {
            "indicator_code": row.indicator.code,
            "indicator_name_th": row.indicator.name_th,
            "indicator_name_en": row.indicator.name_en,
            "fiscal_year": row.fiscal_year.year_be,
            "municipality_id": row.municipality_id,
            "municipality_name_th": row.municipality.name_th if row.municipality else "",
            "municipality_name_en": row.municipality.name_en if row.municipality else "",
            "target": _text(row.target),
            "means_of_verification": row.means_of_verification,
        }
        for row in rows
    ]


def _outputs(proposal):
    rows = ExpectedOutput.objects.filter(proposal=proposal).select_related(
        "output_type", "fiscal_year"
    )
    return [
        {
            "output_type_code": row.output_type.code,
            "output_type_name_th": row.output_type.name_th,
            "output_type_name_en": row.output_type.name_en,
            "description": row.description,
            "quantity": row.quantity,
            "fiscal_year": row.fiscal_year.year_be,
        }
        for row in rows
    ]


def _attachments(proposal):
    rows = ProposalAttachment.objects.filter(proposal=proposal).select_related("kind")
    return [
        {
            "kind_id": row.kind_id,
            "kind_name_th": row.kind.name_th,
            "kind_name_en": row.kind.name_en,
            "original_name": row.original_name,
            "size": row.size,
            "uploaded_at": _iso(row.uploaded_at),
        }
        for row in rows
    ]


# The parts, in the order the diff page shows them. Each reads its rows with one query.
PARTS = {
    "team": _team,
    "municipalities": _municipalities,
    "technologies": _technologies,
    "sections": _sections,
    "activities": _activities,
    "budget_lines": _budget_lines,
    "contributions": _contributions,
    "outputs": _outputs,
    "attachments": _attachments,
}


def serialize(proposal):
    """Everything `proposal` says, as a JSON-able dict: {"schema", "general", "team",
    "municipalities", "technologies", "sections", "activities", "budget_lines",
    "contributions", "outputs", "attachments"}. Reads each part afresh (one query per part,
    whatever the number of rows), so prefetched caches of the caller cannot make it stale."""
    data = {"schema": SCHEMA, "general": _general(proposal)}
    for name, read in PARTS.items():
        data[name] = read(proposal)
    return data


@transaction.atomic
def take_snapshot(*, proposal, actor):
    """Store what `proposal` says now as its next ProposalVersion (1, 2, …) and return it.

    Called by the lifecycle at each submission and resubmission, inside its transaction and
    after it has locked the proposal's row, so two snapshots cannot take the same number
    (the unique constraint on (proposal, number) would refuse it anyway). The transition's
    own audit entry records the submission; the version is its attachment, not a second event.
    """
    last = ProposalVersion.objects.filter(proposal=proposal).aggregate(last=Max("number"))["last"]
    return ProposalVersion.objects.create(
        proposal=proposal,
        number=(last or 0) + 1,
        data=serialize(proposal),
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
