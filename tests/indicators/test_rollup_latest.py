"""The latest value and the last year's commitments, taken in one pass over the ledger (a
window ranked within each partition): the order in which rows were recorded, ties of period
ends, rows without a municipality and groups that reach through the municipality."""

import pytest

from indicators.models import Aggregation, LedgerStatus
from indicators.rollup import indicator_rollup
from tests.factories import MunicipalityFactory
from tests.indicators.dashboard_ledger import MARCH, SEPTEMBER, make_indicator
from tests.indicators.test_rollup import DECEMBER, commitment, only, result

pytestmark = pytest.mark.django_db


def latest(programme, **fields):
    return make_indicator(programme, "KR1", aggregation=Aggregation.LATEST, **fields)


def test_the_latest_period_wins_whatever_order_the_rows_were_recorded_in(programme, y68, north):
    indicator = latest(programme, per_municipality=True)
    result(indicator, y68, 15, municipality=north, period_end=SEPTEMBER)
    result(indicator, y68, 10, municipality=north, period_end=MARCH)  # recorded later, older

    assert only(programme).result == 15


def test_a_tie_of_period_ends_goes_to_the_row_recorded_last_in_each_bucket(programme, y68, north):
    indicator = latest(programme)
    result(indicator, y68, 8, municipality=north, period_end=SEPTEMBER)
    result(indicator, y68, 9, municipality=north, period_end=SEPTEMBER)
    # Rows without a municipality are a bucket of their own, with their own tie.
    result(indicator, y68, 3, period_end=DECEMBER)
    result(indicator, y68, 4, period_end=DECEMBER)
    result(indicator, y68, 2, period_end=MARCH)

    assert only(programme).result == 9 + 4


def test_a_newer_row_that_does_not_count_leaves_the_counted_one_newest(programme, y68, north):
    indicator = latest(programme, per_municipality=True)
    result(indicator, y68, 6, municipality=north, period_end=MARCH)
    result(
        indicator, y68, 50, municipality=north, period_end=DECEMBER, status=LedgerStatus.NOT_COUNTED
    )

    assert only(programme).result == 6


def test_grouped_by_region_each_municipality_keeps_its_own_newest_value(
    programme, y68, north, south
):
    indicator = latest(programme, per_municipality=True)
    upper = MunicipalityFactory(name_th="เทศบาลเมืองเหนือบน", name_en="Upper Town", region="north")
    result(indicator, y68, 1, municipality=north, period_end=MARCH)
    result(indicator, y68, 2, municipality=north, period_end=SEPTEMBER)
    result(indicator, y68, 5, municipality=upper, period_end=MARCH)  # older than north's
    result(indicator, y68, 7, municipality=south, period_end=DECEMBER)

    rollup = only(programme, group_by=["region"])

    assert {group.key["region"]: group.result for group in rollup.groups} == {
        "north": 2 + 5,
        "south": 7,
    }
    assert rollup.result == 2 + 5 + 7


def test_the_filter_of_a_region_ranks_only_the_rows_it_keeps(programme, y68, north, south):
    indicator = latest(programme)
    result(indicator, y68, 4, municipality=north, period_end=MARCH)
    result(indicator, y68, 9, municipality=south, period_end=DECEMBER)

    assert only(programme, region="north").result == 4


def test_latest_commitments_take_each_partitions_last_year_in_each_group(
    programme, y67, y68, north, south
):
    indicator = latest(programme, per_municipality=True)
    commitment(indicator, y67, 3, municipality=north)
    commitment(indicator, y68, 5, municipality=north)
    commitment(indicator, y67, 4, municipality=south)

    rollup = only(programme, group_by=["fiscal_year"])

    assert rollup.committed == 5 + 4
    # Grouped by year, each year is a partition of its own: its commitments are its last.
    assert {group.key["fiscal_year"]: group.committed for group in rollup.groups} == {
        y67.pk: 3 + 4,
        y68.pk: 5,
    }


def test_the_newest_rows_are_read_in_as_many_queries_for_many_rows_as_for_one(
    programme, y68, north, django_assert_num_queries
):
    indicator = latest(programme, per_municipality=True)
    result(indicator, y68, 1, municipality=north)
    with django_assert_num_queries(4) as few:
        indicator_rollup(programme, group_by=["municipality"])
    for number in range(30):
        town = MunicipalityFactory(name_th=f"เทศบาล {number}", name_en=f"Town {number}")
        result(indicator, y68, number, municipality=town, period_end=SEPTEMBER)
    with django_assert_num_queries(len(few.captured_queries)):
        indicator_rollup(programme, group_by=["municipality"])
