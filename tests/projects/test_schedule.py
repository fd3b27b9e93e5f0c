import datetime
from decimal import Decimal

import pytest

from projects.funding.schedule import (
    add_months,
    project_end,
    report_for_instalment,
    reporting_schedule,
    scale_to_total,
    split_by_percent,
)
from proposals.models import ProgressReportKind

D = Decimal


def test_instalments_add_up_exactly_when_the_shares_round():
    # 1,000,000.01 × 40% = 400,000.004 → 400,000.00 twice; 20% = 200,000.002 → 200,000.00;
    # the last instalment takes the satang left over.
    assert split_by_percent(D("1000000.01"), [D(40), D(40), D(20)]) == [
        D("400000.00"),
        D("400000.00"),
        D("200000.01"),
    ]


def test_thirds_of_one_hundred_baht_add_up_to_one_hundred():
    amounts = split_by_percent(D("100.00"), [D("33.33"), D("33.33"), D("33.34")])
    assert amounts == [D("33.33"), D("33.33"), D("33.34")]
    assert sum(amounts) == D("100.00")


def test_a_share_that_rounds_up_is_taken_back_from_the_last():
    # 0.05 × 50% = 0.025 → 0.03 (half up) for the first, so the last gets 0.02.
    assert split_by_percent(D("0.05"), [D(50), D(50)]) == [D("0.03"), D("0.02")]


def test_no_percent_gives_no_instalment():
    assert split_by_percent(D(100), []) == []


def test_scaling_the_request_down_keeps_the_total_exact():
    requested = {"a": D("250000"), "b": D("560000"), "c": D("90000")}
    scaled = scale_to_total(requested, D("850000.00"))
    # exact shares: 236,111.111…, 528,888.888…, 85,000 → one satang to the cell that lost most
    assert scaled == {"a": D("236111.11"), "b": D("528888.89"), "c": D("85000.00")}
    assert sum(scaled.values()) == D("850000.00")


def test_scaling_three_equal_cells_to_one_baht():
    scaled = scale_to_total({"a": D(1), "b": D(1), "c": D(1)}, D("1.00"))
    assert sorted(scaled.values()) == [D("0.33"), D("0.33"), D("0.34")]
    assert sum(scaled.values()) == D("1.00")


def test_scaling_an_empty_request_gives_zeros():
    assert scale_to_total({"a": D(0)}, D(10)) == {"a": D("0.00")}


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2025, 1, 31), 1, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2025, 11, 15), 3, datetime.date(2026, 2, 15)),
        (datetime.date(2025, 1, 1), 12, datetime.date(2026, 1, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_a_twelve_month_project_ends_the_day_before_its_anniversary():
    assert project_end(datetime.date(2025, 1, 1), 12) == datetime.date(2025, 12, 31)


def test_reporting_schedule_of_a_year_long_project(settings):
    settings.PROJECT_REPORT_DUE_DAYS = 30
    schedule = reporting_schedule(
        datetime.date(2025, 1, 1),
        datetime.date(2025, 12, 31),
        [ProgressReportKind.CONTRACT, ProgressReportKind.MONTH_6, ProgressReportKind.FINAL],
    )
    assert [(r.kind, r.period_start, r.period_end, r.due_on) for r in schedule] == [
        (
            ProgressReportKind.MONTH_6,
            datetime.date(2025, 1, 1),
            datetime.date(2025, 6, 30),
            datetime.date(2025, 7, 30),
        ),
        (
            ProgressReportKind.FINAL,
            datetime.date(2025, 7, 1),
            datetime.date(2025, 12, 31),
            datetime.date(2026, 1, 30),
        ),
    ]


def test_a_periodic_report_that_would_end_with_the_project_is_left_out():
    schedule = reporting_schedule(
        datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), [ProgressReportKind.MONTH_12]
    )
    assert [report.kind for report in schedule] == [ProgressReportKind.FINAL]
    assert (
        report_for_instalment(ProgressReportKind.MONTH_12, {ProgressReportKind.FINAL})
        == ProgressReportKind.FINAL
    )
    assert report_for_instalment(ProgressReportKind.CONTRACT, {ProgressReportKind.FINAL}) is None
    assert (
        report_for_instalment(ProgressReportKind.MONTH_6, {ProgressReportKind.MONTH_6})
        == ProgressReportKind.MONTH_6
    )
