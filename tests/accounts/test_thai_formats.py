import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from core.thai import format_date, format_datetime, format_money
from indicators.models import FiscalYear


def render(source, **context):
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("value", "thai", "english"),
    [
        (datetime.date(2024, 4, 19), "19 เมษายน 2567", "19 April 2024"),
        (datetime.date(2025, 12, 31), "31 ธันวาคม 2568", "31 December 2025"),
        (datetime.date(2026, 1, 1), "1 มกราคม 2569", "1 January 2026"),
    ],
)
def test_dates_show_the_buddhist_era_in_thai_only(value, thai, english):
    with translation.override("th"):
        assert render("{{ d|thdate }}", d=value) == thai
    with translation.override("en"):
        assert render("{{ d|thdate }}", d=value) == english


def test_short_dates_abbreviate_the_month():
    assert format_date(datetime.date(2024, 11, 5), "short", "th") == "5 พ.ย. 2567"
    assert format_date(datetime.date(2024, 11, 5), "short", "en") == "5 Nov 2024"


def test_date_times_are_shown_in_bangkok_time():
    # 23:30 UTC on 31 December 2024 is already 1 January 2568 B.E. in Bangkok.
    moment = datetime.datetime(2024, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert format_datetime(moment, language="th") == "1 มกราคม 2568 เวลา 06:30 น."
    assert format_datetime(moment, language="en") == "1 January 2025, 06:30"


def test_empty_dates_render_as_nothing():
    assert render("{{ d|thdate }}", d=None) == ""


def test_be_year_filter():
    with translation.override("th"):
        assert render("{{ y|be_year }}", y=2026) == "2569"
    with translation.override("en"):
        assert render("{{ y|be_year }}", y=2026) == "2026"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1234567.5"), "1,234,567.50"),
        (Decimal("0"), "0.00"),
        (Decimal("0.005"), "0.01"),
        (Decimal("-2500"), "-2,500.00"),
        (1000000, "1,000,000.00"),
        (None, ""),
    ],
)
def test_money_has_thousands_separators_and_two_decimals(value, shown):
    assert format_money(value) == shown
    assert render("{{ v|money }}", v=value) == shown


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (datetime.date(2023, 10, 1), 2567),
        (datetime.date(2024, 9, 30), 2567),
        (datetime.date(2024, 10, 1), 2568),
    ],
)
def test_the_thai_fiscal_year_starts_on_1_october(day, fiscal_year):
    assert FiscalYear.year_be_of(day) == fiscal_year


def test_a_fiscal_year_knows_its_first_and_last_day():
    year = FiscalYear(year_be=2568)
    assert (year.starts_on, year.ends_on) == (
        datetime.date(2024, 10, 1),
        datetime.date(2025, 9, 30),
    )
