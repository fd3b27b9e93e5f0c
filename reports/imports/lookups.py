"""Everything the rows of a results sheet name, fetched at once: the projects (and which the
person may import into), their reports of the period, their commitments, the indicators of
their programmes, the municipalities and the results stored already. Eight queries at most,
whatever the number of rows."""

from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Lower, Upper

from accounts.models import Municipality
from indicators.models import Indicator
from projects.models import IndicatorResult, ProgressReport
from projects.selectors import team_projects
from proposals.models import Proposal
from reports.imports.rules import imports_for_every_project
from reports.imports.selectors import commitments_of


@dataclass
class Lookups:
    projects: dict  # reference in capitals → Proposal (with its call and programme)
    allowed: set  # ids of the projects the person may import into
    reports: dict  # project id → its report of the period
    commitments: dict  # project id → {(indicator id, municipality id or None): contributions}
    indicators: dict  # (programme id, code in capitals) → Indicator
    by_thai: dict  # Thai name → Municipality
    by_english: dict  # English name in lower case → [Municipality]
    results: dict  # (report id, indicator id, municipality id or None) → IndicatorResult


def fetch(*, references, codes, names, kind, user):
    """What the rows name: `references` and `codes` in capitals, `names` as written."""
    projects = {
        project.reference.upper(): project
        for project in Proposal.objects.annotate(upper_reference=Upper("reference"))
        .filter(upper_reference__in=references)
        .select_related("call__programme")
    }
    by_id = {project.pk: project for project in projects.values()}
    reports = {}
    for report in ProgressReport.objects.filter(proposal_id__in=by_id, kind=kind):
        report.proposal = by_id[report.proposal_id]
        reports[report.proposal_id] = report
    by_thai, by_english = _municipalities(names)
    return Lookups(
        projects=projects,
        allowed=_allowed(user, by_id),
        reports=reports,
        commitments=commitments_of(list(by_id)),
        indicators={
            (indicator.programme_id, indicator.code.upper()): indicator
            for indicator in Indicator.objects.annotate(upper_code=Upper("code")).filter(
                programme_id__in={project.call.programme_id for project in by_id.values()},
                upper_code__in=codes,
            )
        },
        by_thai=by_thai,
        by_english=by_english,
        results={
            (result.report_id, result.indicator_id, result.municipality_id): result
            for result in IndicatorResult.objects.filter(report__in=list(reports.values()))
        },
    )


def _allowed(user, by_id):
    if imports_for_every_project(user):
        return set(by_id)
    return set(
        Proposal.objects.filter(pk__in=team_projects(user))
        .filter(pk__in=list(by_id))
        .values_list("pk", flat=True)
    )


def _municipalities(names):
    lowered = {name.lower() for name in names}
    by_thai, by_english = {}, {}
    for municipality in Municipality.objects.annotate(lower_en=Lower("name_en")).filter(
        Q(name_th__in=names) | Q(lower_en__in=lowered)
    ):
        by_thai[municipality.name_th] = municipality
        by_english.setdefault(municipality.name_en.lower(), []).append(municipality)
    return by_thai, by_english
