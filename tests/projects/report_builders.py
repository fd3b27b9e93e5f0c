"""Progress reports for the tests: a funded project whose indicators cover every value type
(a count, a yes/no per municipality, a percentage), its team, and a report filled in enough
to be submitted."""

from decimal import Decimal

from indicators.models import Aggregation, Indicator, ValueType
from projects.models import ActivityProgress, IndicatorResult, ProgressReport
from projects.progress.selectors import expected_results
from proposals.models import IndicatorContribution, ProposalMunicipality
from tests.factories import MunicipalityFactory
from tests.projects.builders import add_member, approved_proposal, fund, report_of

# tests/reports import the shared builders from here too.
__all__ = ["add_member", "complete_report", "report_of", "rich_project"]

D = Decimal
ONE = D(1)


def _indicator(programme, code, name_en, **fields):
    objective = programme.objectives.first()
    indicator, _created = Indicator.objects.get_or_create(
        programme=programme,
        code=code,
        defaults={"objective": objective, "name_th": name_en, "name_en": name_en, **fields},
    )
    return indicator


def rich_project(officer, **kwargs):
    """A funded project committed to KR1.1 (a count), KR2.1 (yes/no, per municipality, for
    its two municipalities) and KR3.1 (a percentage)."""
    proposal = approved_proposal(**kwargs)
    programme = proposal.call.programme
    year = proposal.call.fiscal_year
    lead_town = proposal.municipalities.get().municipality
    second_town = MunicipalityFactory()
    ProposalMunicipality.objects.create(proposal=proposal, municipality=second_town, role="พื้นที่ที่สอง")
    yes_no = _indicator(
        programme,
        "KR2.1",
        "Open data",
        value_type=ValueType.YES_NO,
        aggregation=Aggregation.COUNT_YES,
        per_municipality=True,
    )
    percent = _indicator(
        programme,
        "KR3.1",
        "Layers updated",
        value_type=ValueType.PERCENT,
        aggregation=Aggregation.AVERAGE,
    )
    for town in (lead_town, second_town):
        IndicatorContribution.objects.create(
            proposal=proposal, indicator=yes_no, fiscal_year=year, municipality=town, target=D(1)
        )
    IndicatorContribution.objects.create(
        proposal=proposal, indicator=percent, fiscal_year=year, target=D(60)
    )
    return fund(proposal, officer)


def complete_report(report, value=ONE):
    """Fill in whatever the submission checks ask for: a narrative, the progress of every
    activity and, for every expected result, a value (`value`, or the one already given)
    with an evidence link."""
    ProgressReport.objects.filter(pk=report.pk).update(narrative="ดำเนินการตามแผน")
    for activity in report.proposal.activities.all():
        ActivityProgress.objects.get_or_create(
            report=report, activity=activity, defaults={"percent": D(50)}
        )
    for indicator, municipality in expected_results(report.proposal):
        result, _created = IndicatorResult.objects.get_or_create(
            report=report,
            indicator=indicator,
            municipality=municipality,
            defaults={"value": value},
        )
        if not result.evidence_url:
            result.evidence_url = "https://example.org/evidence"
            result.save(update_fields=["evidence_url"])
    return ProgressReport.objects.get(pk=report.pk)
