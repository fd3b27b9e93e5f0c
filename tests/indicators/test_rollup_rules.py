"""The roll-up's numbers a funder signs (issue #13): count of yes counts municipalities (or
projects), not report rows; achievement and status come from exact results; cumulative targets
are totals to date. Every expected value is worked out by hand in the comments."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators import ledger
from indicators.dashboard import selectors
from indicators.dashboard.selectors import MunicipalityFigures, Scope
from indicators.models import AchievementStatus, Aggregation, ValueType
from indicators.rollup import indicator_rollup
from tests.indicators.dashboard_ledger import MARCH, SEPTEMBER, make_indicator

pytestmark = pytest.mark.django_db

NEXT_MARCH = datetime.date(2026, 3, 31)
_reports = iter(range(100, 10_000))


def report(programme, project, period_end, rows):
    """Project number `project` reports `rows` ((indicator, year, value, municipality))."""
    ledger.record_results(
        programme=programme,
        report=f"projects.progressreport:{next(_reports)}",
        source=f"proposals.proposal:{project}",
        source_label=f"P-{project}",
        period="month_6",
        period_end=period_end,
        rows=[
            {"indicator": i, "fiscal_year": y, "value": Decimal(v), "municipality": m}
            for i, y, v, m in rows
        ],
    )


def commit(programme, project, rows):
    ledger.record_commitments(
        programme=programme,
        source=f"proposals.proposal:{project}",
        source_label=f"P-{project}",
        rows=[
            {"indicator": i, "fiscal_year": y, "value": Decimal(v), "municipality": m}
            for i, y, v, m in rows
        ],
    )


def only(programme, **filters):
    (rollup,) = indicator_rollup(programme, **filters)
    return rollup


@pytest.fixture
def east():
    from tests.factories import MunicipalityFactory

    return MunicipalityFactory(name_th="เทศบาลเมืองตะวันออก", name_en="East Town", region="east")


# Item 3: count of yes.


def test_count_of_yes_counts_each_municipality_once(programme, y68, north, south, east):
    """North says yes in two reports of one project, south in one report of each of two
    projects, east says no: two municipalities said yes, not four rows."""
    opened = make_indicator(
        programme,
        "KR1.4",
        targets={2568: 4},
        value_type=ValueType.YES_NO,
        aggregation=Aggregation.COUNT_YES,
        per_municipality=True,
    )
    commit(programme, 1, [(opened, y68, 1, north), (opened, y68, 1, south)])
    commit(programme, 2, [(opened, y68, 1, south), (opened, y68, 1, east)])
    report(programme, 1, MARCH, [(opened, y68, 1, north), (opened, y68, 1, south)])
    report(programme, 1, SEPTEMBER, [(opened, y68, 1, north), (opened, y68, 0, south)])
    report(programme, 2, MARCH, [(opened, y68, 1, south), (opened, y68, 0, east)])

    rollup = only(programme)

    # Committed: north, south, east = 3 (south by both projects counts once). Result: 2 of 4
    # = 50% (not 4 rows = 100%).
    assert (rollup.committed, rollup.result, rollup.achievement, rollup.status) == (
        Decimal(3),
        Decimal(2),
        Decimal("50.00"),
        AchievementStatus.OFF_TRACK,
    )
    by_place = {
        g.key["municipality"]: g.result for g in only(programme, group_by=["municipality"]).groups
    }
    assert by_place == {north.pk: 1, south.pk: 1, east.pk: 0}
    # The dashboard's cuts count the same way: per municipality, and per project (project 1:
    # north and south said yes; project 2: south).
    scope = Scope(programme)
    assert {f.municipality: f for f in selectors.municipality_figures(scope, opened)} == {
        north: MunicipalityFigures(north, Decimal(1), Decimal(1)),
        south: MunicipalityFigures(south, Decimal(1), Decimal(1)),
        east: MunicipalityFigures(east, Decimal(1), Decimal(0)),
    }
    assert [(f.label, f.committed, f.result) for f in selectors.source_figures(scope, opened)] == [
        ("P-1", Decimal(2), Decimal(2)),
        ("P-2", Decimal(2), Decimal(1)),
    ]


def test_count_of_yes_without_municipalities_counts_projects(programme, y68):
    """Project 1 says yes twice, project 2 once, project 3 no: two projects."""
    indicator = make_indicator(
        programme,
        "KR1.5",
        targets={2568: 3},
        value_type=ValueType.YES_NO,
        aggregation=Aggregation.COUNT_YES,
    )
    report(programme, 1, MARCH, [(indicator, y68, 1, None)])
    report(programme, 1, SEPTEMBER, [(indicator, y68, 1, None)])
    report(programme, 2, MARCH, [(indicator, y68, 1, None)])
    report(programme, 3, MARCH, [(indicator, y68, 0, None)])

    # 2 of 3 = 66.67%, at risk.
    rollup = only(programme)
    assert (rollup.result, rollup.achievement, rollup.status) == (
        Decimal(2),
        Decimal("66.67"),
        AchievementStatus.AT_RISK,
    )


# Item 6: exact results.


def test_achievement_and_status_come_from_exact_results(programme, y68):
    """(2.70 + 2.70 + 2.69) / 3 = 2.69666…, shown 2.70; 2.69666… / 3 = 89.888…% → 89.89%, at
    risk (the rounded 2.70 would give 90.00%, on track)."""
    indicator = make_indicator(
        programme, "KR4.1", targets={2568: 3}, aggregation=Aggregation.AVERAGE
    )
    for project, value in enumerate(("2.70", "2.70", "2.69"), start=1):
        report(programme, project, MARCH, [(indicator, y68, value, None)])

    rollup = only(programme)

    assert (rollup.result, rollup.achievement, rollup.status) == (
        Decimal("2.70"),
        Decimal("89.89"),
        AchievementStatus.AT_RISK,
    )
    (group,) = only(programme, group_by=["fiscal_year"]).groups
    assert (group.achievement, group.status) == (Decimal("89.89"), AchievementStatus.AT_RISK)


# Item 7: cumulative targets.


@pytest.fixture
def cities(programme, y67, y68, north, south):
    """Cities running a data platform: 6 by 2567, 12 by 2568 (cumulative). Projects add 5 in
    2567 and 4 in 2568, and committed 5 then 5."""
    indicator = make_indicator(
        programme, "KR1.1", targets={2567: 6, 2568: 12}, targets_cumulative=True
    )
    commit(programme, 1, [(indicator, y67, 5, north), (indicator, y68, 5, south)])
    report(programme, 1, MARCH, [(indicator, y67, 5, north)])
    report(programme, 1, NEXT_MARCH, [(indicator, y68, 4, south)])
    return indicator


def test_all_years_of_a_cumulative_target_is_the_last_years(programme, cities):
    rollup = only(programme)

    # Target 12 (not 6 + 12 = 18); 9 of 12 = 75%, at risk.
    assert (rollup.target, rollup.committed, rollup.result, rollup.achievement) == (
        Decimal(12),
        Decimal(10),
        Decimal(9),
        Decimal("75.00"),
    )
    assert rollup.status == AchievementStatus.AT_RISK


def test_a_year_of_a_cumulative_indicator_is_to_date(programme, cities, y67, y68):
    in_2568 = only(programme, fiscal_year=y68)
    in_2567 = only(programme, fiscal_year=y67)

    # 2568: 5 + 4 = 9 delivered to date against 12 (75%), not 4 (33.33%).
    assert (in_2568.target, in_2568.committed, in_2568.result, in_2568.achievement) == (
        Decimal(12),
        Decimal(10),
        Decimal(9),
        Decimal("75.00"),
    )
    # 2567: 5 of 6 = 83.33%.
    assert (in_2567.target, in_2567.result, in_2567.achievement) == (
        Decimal(6),
        Decimal(5),
        Decimal("83.33"),
    )
    by_year = {
        g.key["fiscal_year"]: (g.target, g.committed, g.result, g.achievement)
        for g in only(programme, group_by=["fiscal_year"]).groups
    }
    assert by_year == {
        y67.pk: (Decimal(6), Decimal(5), Decimal(5), Decimal("83.33")),
        y68.pk: (Decimal(12), Decimal(10), Decimal(9), Decimal("75.00")),
    }
    # Filtered to 2568, the grouping keeps 2568 alone.
    groups = only(programme, fiscal_year=y68, group_by=["fiscal_year"]).groups
    assert [(g.key, g.result) for g in groups] == [({"fiscal_year": y68.pk}, Decimal(9))]


def test_per_year_targets_still_add_up(programme, y67, y68, north):
    """The same numbers with targets per year: 6 + 12 = 18 in all, 9 of 18 = 50%; 2568 alone:
    4 of 12 = 33.33%."""
    indicator = make_indicator(programme, "KR1.1", targets={2567: 6, 2568: 12})
    report(programme, 1, MARCH, [(indicator, y67, 5, north)])
    report(programme, 1, NEXT_MARCH, [(indicator, y68, 4, north)])

    assert (only(programme).target, only(programme).achievement) == (Decimal(18), Decimal(50))
    assert only(programme, fiscal_year=y68).achievement == Decimal("33.33")


def test_a_cumulative_count_of_yes_counts_municipalities_to_date(programme, y67, y68, north, south):
    """North said yes in 2567 and again in 2568, south in 2568: 1 municipality by 2567, 2 by
    2568."""
    indicator = make_indicator(
        programme,
        "KR1.4",
        targets={2567: 1, 2568: 4},
        value_type=ValueType.YES_NO,
        aggregation=Aggregation.COUNT_YES,
        per_municipality=True,
        targets_cumulative=True,
    )
    report(programme, 1, MARCH, [(indicator, y67, 1, north)])
    report(programme, 1, NEXT_MARCH, [(indicator, y68, 1, north), (indicator, y68, 1, south)])

    by_year = {
        g.key["fiscal_year"]: (g.target, g.result)
        for g in only(programme, group_by=["fiscal_year"]).groups
    }
    assert by_year == {y67.pk: (Decimal(1), Decimal(1)), y68.pk: (Decimal(4), Decimal(2))}
    assert (only(programme).target, only(programme).result) == (Decimal(4), Decimal(2))


def test_the_framework_page_says_how_targets_add_up(client, manager, programme, cities):
    programme.managers.add(manager)
    make_indicator(programme, "KR1.2", targets={2567: 20, 2568: 45})
    manager.preferred_language = "en"
    manager.save(update_fields=["preferred_language"])
    client.force_login(manager)

    response = client.get(reverse("indicators:programme_detail", args=[programme.code]))

    rows = {
        indicator.code: indicator
        for o in response.context["objectives"]
        for indicator in o.indicators.all()
    }
    assert rows["KR1.1"].all_years == Decimal(12)
    assert rows["KR1.2"].all_years == Decimal(65)
    page = response.content.decode()
    assert "cumulative" in page
    assert "All years" in page
