"""Reads of the results import: which reports a person may fill in, and what the template
holds for them. Each runs a fixed number of queries whatever the number of projects."""

from collections import defaultdict
from dataclasses import dataclass

from accounts.models import Municipality
from indicators.models import Aggregation, Indicator, Programme
from projects.figures import combine
from projects.models import IndicatorResult, ProgressReport, ProgressReportState
from projects.selectors import team_projects
from proposals.models import Call, IndicatorContribution, Proposal, ProposalState
from reports.imports.columns import KINDS
from reports.imports.rules import imports_for_every_project


def importable_projects(user):
    """The active projects whose results `user` may import."""
    projects = Proposal.objects.filter(state=ProposalState.ACTIVE)
    if not user.is_authenticated:
        return projects.none()
    if imports_for_every_project(user):
        return projects
    return projects.filter(pk__in=team_projects(user))


def importable_reports(user, kind=None, *, call=None, programme=None, project=None):
    """The reports still with the team (draft or returned) of the active projects `user` may
    import into, of `kind` (else of every kind the import takes), optionally only those of a
    call, a programme or one project; in the order of the projects' references."""
    reports = ProgressReport.objects.filter(
        proposal__in=importable_projects(user),
        state__in=ProgressReportState.editable(),
        kind__in=[kind] if kind else KINDS,
    )
    if call is not None:
        reports = reports.filter(proposal__call=call)
    if programme is not None:
        reports = reports.filter(proposal__call__programme=programme)
    if project is not None:
        reports = reports.filter(proposal=project)
    return reports.select_related("proposal__call__programme").order_by(
        "proposal__reference", "proposal__pk", "period_end", "pk"
    )


def filter_choices(user):
    """The projects, calls and programmes the template's filters offer `user`: those of the
    active projects they may import into."""
    projects = importable_projects(user)
    return {
        "projects": projects.order_by("reference", "pk"),
        "calls": Call.objects.filter(proposals__in=projects).distinct().order_by("code"),
        "programmes": Programme.objects.filter(calls__proposals__in=projects)
        .distinct()
        .order_by("code"),
    }


# The template ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateRow:
    """One committed result of one report: what the template's row shows."""

    report: object
    indicator: object
    municipality: object  # None for indicators not reported per municipality
    result: object  # the stored IndicatorResult, or None
    target: object  # the project's commitment, combined over its fiscal years

    @property
    def proposal(self):
        return self.report.proposal


def commitments_of(proposal_ids):
    """{proposal id: {(indicator id, municipality id or None): [contributions]}} of what the
    projects committed to, as `projects.progress.selectors.expected_results` reads
    a single one: per municipality only where the indicator asks for it."""
    commitments = defaultdict(lambda: defaultdict(list))
    contributions = IndicatorContribution.objects.filter(
        proposal_id__in=proposal_ids
    ).select_related("indicator", "municipality", "fiscal_year")
    for contribution in contributions:
        indicator = contribution.indicator
        if indicator.per_municipality and contribution.municipality is None:
            continue  # nothing to report against; the proposal's checks refuse it
        municipality = contribution.municipality if indicator.per_municipality else None
        key = (indicator.pk, getattr(municipality, "pk", None))
        commitments[contribution.proposal_id][key].append(contribution)
    return commitments


def project_target(indicator, contributions):
    """The project's commitment on one result: its targets combined by the indicator's rule
    (the last fiscal year's for "latest value")."""
    if indicator.aggregation == Aggregation.LATEST:
        last = max(contributions, key=lambda contribution: contribution.fiscal_year.year_be)
        return last.target
    return combine([contribution.target for contribution in contributions], indicator.aggregation)


def template_rows(reports):
    """One row per committed result of each report, in the order of the reports, then of the
    indicators' codes and the municipalities' Thai names; three queries."""
    reports = list(reports)
    commitments = commitments_of({report.proposal_id for report in reports})
    results = {
        (result.report_id, result.indicator_id, result.municipality_id): result
        for result in IndicatorResult.objects.filter(report__in=reports)
    }
    rows = []
    for report in reports:
        committed = commitments.get(report.proposal_id, {})
        cells = []
        for (indicator_id, municipality_id), contributions in committed.items():
            first = contributions[0]
            municipality = first.municipality if municipality_id else None
            cells.append(
                TemplateRow(
                    report=report,
                    indicator=first.indicator,
                    municipality=municipality,
                    result=results.get((report.pk, indicator_id, municipality_id)),
                    target=project_target(first.indicator, contributions),
                )
            )
        cells.sort(key=lambda row: (row.indicator.code, getattr(row.municipality, "name_th", "")))
        rows.extend(cells)
    return rows


def code_lists(reports):
    """The indicators of the reports' programmes and the municipalities their projects
    committed for, for the codes sheet; two queries."""
    reports = list(reports)
    programme_ids = {report.proposal.call.programme_id for report in reports}
    indicators = Indicator.objects.filter(programme_id__in=programme_ids).select_related(
        "programme", "objective"
    )
    indicators = sorted(
        indicators,
        key=lambda item: (item.programme.code, item.objective.position, item.position, item.code),
    )
    municipalities = Municipality.objects.filter(
        pk__in=IndicatorContribution.objects.filter(
            proposal__in={report.proposal_id for report in reports}
        ).values("municipality")
    ).order_by("name_th")
    return indicators, list(municipalities)
