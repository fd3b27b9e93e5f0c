import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from indicators import ledger
from indicators.dashboard import headlines as dashboard
from indicators.dashboard.headlines import Headline, StatusCounts, headline_figures, status_counts
from indicators.dashboard.selectors import Scope
from indicators.models import AchievementStatus, Dimension, Technology
from indicators.rollup import indicator_rollup
from tests.helpers import count_queries
from tests.indicators.dashboard_ledger import MARCH, add_project, make_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_other_headlines():
    """Only the ledger's own figures: the apps above register theirs at start-up."""
    with dashboard.HEADLINES.cleared():
        yield


def figures(scope):
    with translation.override("en"):
        return {headline.label: headline.value for headline in headline_figures(scope)}


def test_headlines_count_projects_municipalities_and_accepted_reports(programme, y68, north, south):
    indicator = make_indicator(programme, "KR1", targets={2568: 10})
    add_project(programme, [indicator], year=y68, municipalities=[north, south])
    add_project(programme, [indicator], year=y68, municipalities=[north])
    withdrawn = add_project(programme, [indicator], year=y68, municipalities=[north])
    ledger.withdraw_commitments(source=withdrawn)
    ledger.discount_results(report="projects.progressreport:" + withdrawn.split(":")[1] + "0")

    assert figures(Scope(programme)) == {
        "Projects contributing": 2,
        "Municipalities reached": 2,
        "Accepted reports": 2,
    }


def test_a_municipality_reached_only_by_results_counts(programme, y68, north, south):
    indicator = make_indicator(programme, "KR1")
    add_project(programme, [indicator], year=y68, municipalities=[north])
    ledger.record_results(
        programme=programme,
        report="projects.progressreport:99",
        source="proposals.proposal:99",
        source_label="P-99",
        period="month_6",
        period_end=MARCH,
        rows=[{"indicator": indicator, "fiscal_year": y68, "value": 1, "municipality": south}],
    )

    assert figures(Scope(programme))["Municipalities reached"] == 2
    assert figures(Scope(programme))["Projects contributing"] == 1


def test_headlines_follow_the_filters(programme, y67, y68, north, south):
    gis = Technology.objects.get(name_en__icontains="GIS")
    people = Dimension.objects.get(code="people")
    indicator = make_indicator(programme, "KR1", dimensions=[people])
    other = make_indicator(programme, "KR2")
    add_project(programme, [indicator], year=y68, municipalities=[north], technology=gis)
    add_project(programme, [indicator], year=y67, municipalities=[south])
    add_project(programme, [other], year=y68, municipalities=[south])

    assert [
        list(figures(Scope(programme, **filters)).values())
        for filters in (
            {},
            {"fiscal_year": y68},
            {"region": "north"},
            {"technology": gis},
            {"dimension": people},
            {"municipality": south},
        )
    ] == [[3, 2, 3], [2, 2, 2], [1, 1, 1], [1, 1, 1], [2, 2, 2], [2, 1, 2]]


def test_the_headlines_take_one_query(programme, y68, north):
    indicator = make_indicator(programme, "KR1")
    for _index in range(5):
        add_project(programme, [indicator], year=y68, municipalities=[north])

    assert count_queries(lambda: headline_figures(Scope(programme, region="north"))) == 1


def test_registered_providers_add_their_figures_with_the_filters(programme, y68):
    received = []

    def budget(programme, *, fiscal_year, region, technology):
        received.append((programme.code, fiscal_year, region, technology))
        return [Headline(label="Approved budget", value=Decimal("950000.00"), url="/b/")]

    dashboard.register_headline(budget)
    dashboard.register_headline(budget)
    try:
        headlines = headline_figures(Scope(programme, fiscal_year=y68, region="south"))
    finally:
        dashboard.unregister_headline(budget)

    assert received == [("SLC", y68, "south", None)]
    assert headlines[-1] == Headline(label="Approved budget", value=Decimal("950000.00"), url="/b/")
    assert headlines[-1].display == "950,000.00"
    assert len(headline_figures(Scope(programme))) == 3


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1234, "1,234"), (Decimal("1234.5"), "1,234.50"), ("12 of 16", "12 of 16"), (0, "0")],
)
def test_a_headline_shows_its_value_for_reading(value, shown):
    assert Headline(label="x", value=value).display == shown


def test_status_counts_come_from_the_rollup(programme, y68, north):
    on_track = make_indicator(programme, "A", targets={2568: 10})
    at_risk = make_indicator(programme, "B", targets={2568: 10})
    off_track = make_indicator(programme, "C", targets={2568: 10})
    make_indicator(programme, "D", targets={2568: 10})  # no result
    no_target = make_indicator(programme, "E")
    for indicator, reported in ((on_track, 9), (at_risk, 6), (off_track, 5), (no_target, 3)):
        add_project(programme, [indicator], year=y68, municipalities=[north], reported=reported)

    rollups = indicator_rollup(programme, fiscal_year=y68)

    assert [rollup.status for rollup in rollups] == [
        AchievementStatus.ON_TRACK,
        AchievementStatus.AT_RISK,
        AchievementStatus.OFF_TRACK,
        None,
        None,
    ]
    counts = status_counts(rollups)
    assert counts == StatusCounts(on_track=1, at_risk=1, off_track=1, no_data=2)
    assert counts.total == 5


def test_results_of_a_returned_report_are_not_accepted_reports(programme, y68, north):
    indicator = make_indicator(programme, "KR1")
    source = add_project(
        programme,
        [indicator],
        year=y68,
        municipalities=[north],
        periods=((MARCH, "month_6"), (datetime.date(2025, 9, 30), "month_12")),
    )
    number = source.split(":")[1]
    ledger.discount_results(report=f"projects.progressreport:{number}1")

    assert figures(Scope(programme))["Accepted reports"] == 1
