"""The framework fit check of a draft, for its team and its mentors: which of the programme's
objectives and indicators the draft contributes to, which indicators with a target in the
call's fiscal year no proposal of the call covers yet, and which technologies of the catalogue
fit the municipalities chosen. Six queries, whatever the size of the framework."""

from dataclasses import dataclass, field

from indicators.models import Indicator, IndicatorTarget, Technology
from proposals.models import (
    IndicatorContribution,
    ProposalMunicipality,
    ProposalState,
    ProposalTechnology,
)

# Proposals that no longer cover anything in a call.
GONE = (ProposalState.WITHDRAWN, ProposalState.REJECTED)


@dataclass
class ObjectiveFit:
    objective: object
    indicators: list = field(default_factory=list)  # (indicator, contributes)

    @property
    def contributes(self):
        return any(hit for _indicator, hit in self.indicators)


@dataclass
class TechnologyFit:
    technology: object
    serves: list  # the draft's indicators it serves
    used_in: list  # the chosen municipalities that already use it in a funded project


@dataclass
class Fit:
    objectives: list
    uncovered: list
    technologies: list
    municipalities: list
    contributed: int = 0


def framework_fit(proposal):
    call = proposal.call
    indicators = list(
        Indicator.objects.filter(programme_id=call.programme_id)
        .select_related("objective")
        .prefetch_related("technologies")
        .order_by("objective__position", "objective__code", "position", "code")
    )
    mine = set(
        IndicatorContribution.objects.filter(proposal=proposal).values_list("indicator", flat=True)
    )
    targeted = set(
        IndicatorTarget.objects.filter(
            indicator__programme_id=call.programme_id, fiscal_year_id=call.fiscal_year_id
        ).values_list("indicator", flat=True)
    )
    covered = set(
        IndicatorContribution.objects.filter(proposal__call=call)
        .exclude(proposal__state__in=GONE)
        .values_list("indicator", flat=True)
    )
    objectives = {}
    for indicator in indicators:
        row = objectives.setdefault(indicator.objective_id, ObjectiveFit(indicator.objective))
        row.indicators.append((indicator, indicator.pk in mine))
    municipalities = [
        row.municipality
        for row in ProposalMunicipality.objects.filter(proposal=proposal).select_related(
            "municipality"
        )
    ]
    return Fit(
        objectives=list(objectives.values()),
        uncovered=[i for i in indicators if i.pk in targeted and i.pk not in covered],
        technologies=_technologies(proposal, indicators, mine, municipalities),
        municipalities=municipalities,
        contributed=len(mine),
    )


def _technologies(proposal, indicators, mine, municipalities):
    """Technologies of the catalogue, not yet in the draft, that serve its indicators (all
    the catalogue's when the draft names no indicator yet); with, for each, the chosen
    municipalities that already use it in a funded project."""
    serves = {}
    for indicator in indicators:
        if indicator.pk in mine:
            for technology in indicator.technologies.all():
                serves.setdefault(technology.pk, []).append(indicator)
    chosen = ProposalTechnology.objects.filter(proposal=proposal).values("technology")
    catalogue = Technology.objects.filter(is_active=True).exclude(pk__in=chosen)
    if mine:
        catalogue = catalogue.filter(pk__in=list(serves))
    used = {}
    rows = ProposalTechnology.objects.filter(
        proposal__state__in=ProposalState.funded(),
        proposal__municipalities__municipality__in=[m.pk for m in municipalities],
    ).values_list("technology", "proposal__municipalities__municipality")
    for technology_id, municipality_id in rows:
        used.setdefault(technology_id, set()).add(municipality_id)
    return [
        TechnologyFit(
            technology=technology,
            serves=serves.get(technology.pk, []),
            used_in=[m for m in municipalities if m.pk in used.get(technology.pk, set())],
        )
        for technology in catalogue.order_by("kind", "name_th")
    ]
