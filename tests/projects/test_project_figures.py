"""The project page's indicator figures follow the roll-up's rules (issue #13, items 3, 6
and 7): a municipality that said yes twice counts once, percentages of several municipalities
are averaged, and achievement comes from exact figures. Expected values are worked by hand."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Aggregation, FiscalYear, Indicator, ValueType
from projects.models import IndicatorResult, ProgressReport
from proposals.models import IndicatorContribution, ProgressReportKind
from tests.factories import MunicipalityFactory
from tests.projects.builders import approved_proposal, fund
from tests.projects.pages import accept

D = Decimal
pytestmark = pytest.mark.django_db


def _indicator(programme, code, **fields):
    return Indicator.objects.create(
        programme=programme,
        objective=programme.objectives.first(),
        code=code,
        name_th=code,
        name_en=code,
        **fields,
    )


def _table(client, user, project):
    client.force_login(user)
    response = client.get(reverse("projects:project", args=[project.pk]))
    assert response.status_code == 200
    return {
        row.indicator.code: (row.targets, row.committed, row.result, row.achievement)
        for row in response.context["indicators"].rows
    }


def test_the_project_page_counts_and_averages_as_the_rollup_does(client, officer):
    proposal = approved_proposal()
    programme = proposal.call.programme
    year_2568, _ = FiscalYear.objects.get_or_create(year_be=2568)
    year_2569 = proposal.call.fiscal_year
    town_a, town_b = MunicipalityFactory(), MunicipalityFactory()
    yes_no = _indicator(
        programme,
        "YES",
        value_type=ValueType.YES_NO,
        aggregation=Aggregation.COUNT_YES,
        per_municipality=True,
    )
    satisfied = _indicator(
        programme,
        "PCT",
        value_type=ValueType.PERCENT,
        aggregation=Aggregation.LATEST,
        per_municipality=True,
    )
    average = _indicator(programme, "AVG", aggregation=Aggregation.AVERAGE)
    add = IndicatorContribution.objects.create
    for year in (year_2568, year_2569):  # town A commits to a yes in both years
        add(proposal=proposal, indicator=yes_no, fiscal_year=year, municipality=town_a, target=1)
    add(proposal=proposal, indicator=yes_no, fiscal_year=year_2569, municipality=town_b, target=1)
    add(
        proposal=proposal,
        indicator=satisfied,
        fiscal_year=year_2569,
        municipality=town_a,
        target=72,
    )
    add(
        proposal=proposal,
        indicator=satisfied,
        fiscal_year=year_2569,
        municipality=town_b,
        target=70,
    )
    add(proposal=proposal, indicator=average, fiscal_year=year_2569, target=D(3))
    project = fund(proposal, officer)
    six = ProgressReport.objects.get(proposal=project, kind=ProgressReportKind.MONTH_6)
    final = ProgressReport.objects.get(proposal=project, kind=ProgressReportKind.FINAL)
    result = IndicatorResult.objects.create
    for report in (six, final):  # town A says yes in both reports, town B never
        result(report=report, indicator=yes_no, municipality=town_a, value=1)
        result(report=report, indicator=yes_no, municipality=town_b, value=0)
    result(report=six, indicator=satisfied, municipality=town_a, value=D(60))
    result(report=final, indicator=satisfied, municipality=town_a, value=D(74))
    result(report=six, indicator=satisfied, municipality=town_b, value=D(66))
    result(report=six, indicator=average, value=D("2.70"))
    result(report=final, indicator=average, value=D("2.69"))
    accept(project, ProgressReportKind.MONTH_6, officer)
    accept(project, ProgressReportKind.FINAL, officer)

    table = _table(client, officer, project)

    # Count of yes: towns A and B committed (2, not 3 targets); A said yes (1 of 2 = 50%), not
    # two reports' rows (2 of 3).
    assert table["YES"] == ([D(1), D(2)], D(2), D(1), D("50.00"))
    # Latest percentages: A's newest 74 and B's 66 average 70 (not 140); the commitment
    # (72 + 70) / 2 = 71 (not 142); 70 / 71 = 98.59%.
    assert table["PCT"] == ([None, D(71)], D(71), D(70), D("98.59"))
    # Average: (2.70 + 2.69) / 2 = 2.695, shown 2.70; 2.695 / 3 = 89.83% (not 90.00%).
    assert table["AVG"] == ([None, D(3)], D(3), D("2.70"), D("89.83"))
