"""Projected achievement (`indicators.projection`) on hand-made ledgers, the answers worked out
by hand in each docstring. "Today" is 1 April 2025: fiscal year 2567 has ended, 2568 runs."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db.models import Q
from django.urls import reverse

from indicators import ledger
from indicators.models import (
    AchievementStatus,
    Aggregation,
    Direction,
    Indicator,
    IndicatorTarget,
    LedgerStatus,
    Objective,
)
from indicators.projection import project
from indicators.rollup import indicator_rollup
from tests.helpers import freeze_now
from tests.indicators.pages import english

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 4, 1)
END_2567 = datetime.date(2024, 9, 30)
MARCH_2568 = datetime.date(2025, 3, 31)


def make_indicator(programme, code, aggregation, direction=Direction.HIGHER):
    indicator = Indicator.objects.create(
        programme=programme,
        objective=Objective.objects.filter(programme=programme).first()
        or Objective.objects.create(programme=programme, code="O", name_th="o", name_en="o"),
        code=code,
        name_th=code,
        name_en=code,
        aggregation=aggregation,
        direction=direction,
    )
    return indicator


def commit(programme, source, indicator, values):
    """`values`: {fiscal year: committed value}."""
    ledger.record_commitments(
        programme=programme,
        source=source,
        source_label=source,
        rows=[
            {"indicator": indicator, "fiscal_year": year, "value": Decimal(value)}
            for year, value in values.items()
        ],
    )


def report(programme, source, indicator, year, value, period_end, number):
    ledger.record_results(
        programme=programme,
        report=f"report:{source}:{number}",
        source=source,
        source_label=source,
        period="month_6",
        period_end=period_end,
        rows=[{"indicator": indicator, "fiscal_year": year, "value": Decimal(value)}],
    )


def projected(programme, indicator, fiscal_year=None):
    (rollup,) = [
        item
        for item in indicator_rollup(programme, fiscal_year=fiscal_year)
        if item.indicator == indicator
    ]
    where = Q(programme=programme, status=LedgerStatus.COUNTED)
    return project(programme, [rollup], where, fiscal_year=fiscal_year, today=TODAY)[indicator.pk]


@pytest.fixture
def summed(programme, y67, y68):
    """A summed indicator (targets 20 in 2567, 30 in 2568) and three projects:

    - A committed 10 in 2567 and 10 in 2568, delivered 5 in 2567: 5 of the 10 due, rate 0.5;
    - B committed 20 in 2568 only and delivered 4 so far: nothing due yet, rate 1;
    - C committed 6 in 2567 and delivered 9: ahead, rate capped at 1, nothing left to do.
    """
    indicator = make_indicator(programme, "S", Aggregation.SUM)
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=y67, value=20)
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=y68, value=30)
    commit(programme, "A", indicator, {y67: 10, y68: 10})
    commit(programme, "B", indicator, {y68: 20})
    commit(programme, "C", indicator, {y67: 6})
    report(programme, "A", indicator, y67, 5, END_2567, 1)
    report(programme, "B", indicator, y68, 4, MARCH_2568, 1)
    report(programme, "C", indicator, y67, 9, END_2567, 1)
    return indicator


def test_a_summed_indicator_at_the_end_of_the_running_year(programme, summed, y68):
    """2568: result 4 (B). A still owes 10 at rate 0.5 → 5; B owes 20 − 4 = 16 at rate 1 → 16.
    Projected 4 + 5 + 16 = 25 of 30: 83.33%, at risk (60% ≤ 83.33% < 90%)."""
    projection = projected(programme, summed, y68)

    assert projection.projected == Decimal("25.00")
    assert projection.achievement == Decimal("83.33")
    assert projection.status == AchievementStatus.AT_RISK
    assert (projection.projects, projection.behind) == (2, 1)


def test_an_ended_year_is_projected_at_its_result(programme, summed, y67):
    """2567 has ended: its projection is its result, 5 + 9 = 14 of 20, 70%, at risk."""
    projection = projected(programme, summed, y67)

    assert projection.projected == Decimal("14.00")
    assert projection.achievement == Decimal("70.00")
    assert projection.projects == 0


def test_a_summed_indicator_at_the_programmes_end(programme, summed):
    """Result to date 5 + 4 + 9 = 18; remainders A 5 and B 16: 39 of 50 (20 + 30), 78%."""
    projection = projected(programme, summed)

    assert projection.projected == Decimal("39.00")
    assert projection.achievement == Decimal("78.00")


def test_an_average_is_projected_as_each_projects_level(programme, y67, y68):
    """An average (target 4 in 2568). A committed 4 in 2567 and 4 in 2568 and reached 2 in
    2567: rate 2 ÷ 4 = 0.5, heading for 2 in 2567 (ended) and 0 + 4 × 0.5 = 2 in 2568, so 2.
    B committed 5 in 2568, nothing due: rate 1, heading for 5. Programme: (2 + 5) ÷ 2 = 3.5
    of 4, 87.5%, at risk. In 2568 alone: A 2 and B 5 again, 3.5."""
    indicator = make_indicator(programme, "L", Aggregation.AVERAGE)
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=y68, value=4)
    commit(programme, "A", indicator, {y67: 4, y68: 4})
    commit(programme, "B", indicator, {y68: 5})
    report(programme, "A", indicator, y67, 2, END_2567, 1)

    whole = projected(programme, indicator)
    year = projected(programme, indicator, y68)

    assert whole.projected == Decimal("3.50")
    assert whole.achievement == Decimal("87.50")
    assert whole.status == AchievementStatus.AT_RISK
    assert year.projected == Decimal("3.50")


def test_a_maximum_takes_the_highest_level_heading_for(programme, y67, y68):
    """A maximum (target 10 in 2568). A committed 8 in 2567, reached 6: rate 0.75, but 2567
    has ended, so it stays at 6. B committed 12 in 2568, reached 3 by March: nothing due,
    rate 1, heading for 12. The largest: 12 of 10, 120%, on track."""
    indicator = make_indicator(programme, "M", Aggregation.MAXIMUM)
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=y68, value=10)
    commit(programme, "A", indicator, {y67: 8})
    commit(programme, "B", indicator, {y68: 12})
    report(programme, "A", indicator, y67, 6, END_2567, 1)
    report(programme, "B", indicator, y68, 3, MARCH_2568, 1)

    projection = projected(programme, indicator)

    assert projection.projected == Decimal("12.00")
    assert projection.status == AchievementStatus.ON_TRACK


def test_lower_is_better_moves_down_towards_the_commitment(programme, y67, y68):
    """A latest amount, lower is better (target 50 in 2568). A committed 60 in 2567 and 40 in
    2568, and reported 80 at the end of 2567: rate 60 ÷ 80 = 0.75. In 2568 it has reported
    nothing yet, so it heads for its commitment of 40 (nothing above it to come down from).
    The programme's end (the last year, 2568): 40 against 50, 125%, on track."""
    indicator = make_indicator(programme, "W", Aggregation.LATEST, direction=Direction.LOWER)
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=y68, value=50)
    commit(programme, "A", indicator, {y67: 60, y68: 40})
    report(programme, "A", indicator, y67, 80, END_2567, 1)

    projection = projected(programme, indicator)

    assert projection.projected == Decimal("40.00")
    assert projection.achievement == Decimal("125.00")


def test_the_projection_follows_the_ledger_at_once(programme, summed, y68):
    """No cache stands between the ledger and the projection. A reports 6 in 2568: its rate
    becomes (5 + 6) ÷ 10, capped at 1, and it still owes 10 − 6 = 4 of 2568. The year's
    result is 4 + 6 = 10; projected 10 + 4 (A) + 16 (B) = 30 of 30, 100%, on track."""
    assert projected(programme, summed, y68).projected == Decimal("25.00")

    report(programme, "A", summed, y68, 6, MARCH_2568, 2)

    projection = projected(programme, summed, y68)
    assert projection.projected == Decimal("30.00")
    assert projection.status == AchievementStatus.ON_TRACK


@pytest.fixture
def on_time(monkeypatch):
    return freeze_now(monkeypatch, datetime.datetime(2025, 4, 1, 10, 0, tzinfo=datetime.UTC))


@pytest.mark.usefixtures("only_the_ledger", "on_time")
def test_the_dashboard_lists_likely_misses_first(client, manager, programme, summed, y68):
    """S is projected at 78% (at risk, above); a second summed indicator T committed 10 in
    2568 with a target of 10 is projected at 100%, on track, so it comes after S although its
    code sorts later anyway; a third, R, with 1 of 10 reported and nothing due is projected at
    10 (rate 1), on track too; so S first, then R and T by code."""
    for code, reported in (("T", 10), ("R", 1)):
        other = make_indicator(programme, code, Aggregation.SUM)
        IndicatorTarget.objects.create(indicator=other, fiscal_year=y68, value=10)
        commit(programme, f"P{code}", other, {y68: 10})
        report(programme, f"P{code}", other, y68, reported, MARCH_2568, 1)
    client.force_login(manager)

    html = client.get(reverse("indicators:dashboard", args=[programme.code])).content.decode()

    rows = re.findall(r'<tr class="outlook-row">.*?<a [^>]*>([^<]+)</a>', html, re.S)
    assert rows == ["S", "R", "T"]
    assert "39" in html and "78%" in html


@pytest.mark.usefixtures("only_the_ledger", "on_time")
def test_the_indicator_page_projects_each_fiscal_year_and_the_end(
    client, officer, programme, summed
):
    """The seeded programme's years: 2567 (ended) projected at its result 14, 2568 at 25,
    the programme's end at 39, as worked out above."""
    client.force_login(english(officer))
    url = reverse("indicators:dashboard_indicator", args=[programme.code, summed.pk])

    html = client.get(url).content.decode()

    rows = re.findall(r'<tr class="outlook-row">(.*?)</tr>', html, re.S)
    cells = [
        [
            " ".join(re.sub(r"<[^>]+>", " ", c).split())
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]
    projected = {row[0]: row[3] for row in cells}
    assert projected["fiscal year 2567"] == "14"
    assert projected["fiscal year 2568"] == "25"
    assert projected["the programme"] == "39"


def test_a_count_of_yes_counts_each_municipality_once(programme, y67, y68, north, south):
    """A count of yes per municipality, target 3 in 2568. A committed North and South in 2568
    and North said yes in March: nothing due, rate 1, heading for 1 + (2 − 1) × 1 = 2. B
    committed South in 2567 and in 2568 and said nothing: 1 due, 0 reached, rate 0, so its
    2568 adds 0. The roll-up's result is 1 (North), plus A's 1 and B's 0: 2 of 3, 66.67%, at
    risk; B is the project behind."""
    indicator = make_indicator(programme, "Y", Aggregation.COUNT_YES)
    Indicator.objects.filter(pk=indicator.pk).update(per_municipality=True, value_type="yes_no")
    indicator.refresh_from_db()
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=y68, value=3)
    rows = [
        {"indicator": indicator, "fiscal_year": y68, "municipality": place, "value": 1}
        for place in (north, south)
    ]
    ledger.record_commitments(programme=programme, source="A", source_label="A", rows=rows)
    ledger.record_commitments(
        programme=programme,
        source="B",
        source_label="B",
        rows=[
            {"indicator": indicator, "fiscal_year": year, "municipality": south, "value": 1}
            for year in (y67, y68)
        ],
    )
    ledger.record_results(
        programme=programme,
        report="A:1",
        source="A",
        source_label="A",
        period="month_6",
        period_end=MARCH_2568,
        rows=[rows[0]],
    )

    projection = projected(programme, indicator, y68)

    assert projection.projected == Decimal("2.00")
    assert projection.achievement == Decimal("66.67")
    assert (projection.projects, projection.behind) == (2, 1)


def test_cumulative_targets_are_projected_to_date(programme, y67, y68):
    """A sum with cumulative targets: 10 by 2567, 30 by 2568. A committed 10 in 2567 and 20
    in 2568 (30 to date) and delivered 6 in 2567: rate 6 ÷ 10 = 0.6. By the end of 2568: 6
    to date + (30 − 6) × 0.6 = 20.4 of 30, 68%, at risk; the programme's end is the same."""
    indicator = make_indicator(programme, "C", Aggregation.SUM)
    Indicator.objects.filter(pk=indicator.pk).update(targets_cumulative=True)
    indicator.refresh_from_db()
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=y67, value=10)
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=y68, value=30)
    commit(programme, "A", indicator, {y67: 10, y68: 20})
    report(programme, "A", indicator, y67, 6, END_2567, 1)

    year = projected(programme, indicator, y68)
    whole = projected(programme, indicator)

    assert (year.projected, year.achievement) == (Decimal("20.40"), Decimal("68.00"))
    assert whole.projected == Decimal("20.40")
