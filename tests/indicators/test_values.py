from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from indicators.models import Aggregation, ValueType
from indicators.values import parse_value


class Indicator:
    def __init__(self, value_type, aggregation=Aggregation.AVERAGE):
        self.code = "KR9"
        self.value_type = value_type
        self.aggregation = aggregation


@pytest.mark.parametrize(
    ("value_type", "raw", "expected"),
    [
        (ValueType.NUMBER, "12", Decimal("12.00")),
        (ValueType.NUMBER, " 1,250.5 ", Decimal("1250.50")),
        (ValueType.NUMBER, 3, Decimal("3.00")),
        (ValueType.BAHT, Decimal("410000"), Decimal("410000.00")),
        (ValueType.PERCENT, "82.5%", Decimal("82.50")),
        (ValueType.PERCENT, 100, Decimal("100.00")),
        (ValueType.YES_NO, "ใช่", Decimal(1)),
        (ValueType.YES_NO, "no", Decimal(0)),
        (ValueType.YES_NO, 1.0, Decimal(1)),
        (ValueType.YES_NO, True, Decimal(1)),
    ],
)
def test_values_are_read_by_the_indicators_type(value_type, raw, expected):
    assert parse_value(Indicator(value_type), raw) == expected


@pytest.mark.parametrize(
    ("value_type", "raw", "message"),
    [
        (ValueType.NUMBER, "", "KR9: give a value."),
        (ValueType.NUMBER, None, "KR9: give a value."),
        (ValueType.NUMBER, "twelve", "KR9: “twelve” is not a number."),
        (ValueType.NUMBER, "-1", "KR9: The value cannot be negative."),
        (ValueType.NUMBER, "1.005", "KR9: Keep at most two decimals."),
        (ValueType.NUMBER, "1e30", "KR9: the number is too large."),
        (ValueType.NUMBER, "NaN", "KR9: the number is too large."),
        (ValueType.PERCENT, "101", "KR9: This indicator is a percentage: give 0 to 100."),
        (
            ValueType.YES_NO,
            "2",
            "KR9 is a yes/no indicator: write 1 (yes) or 0 (no), not “2”.",
        ),
    ],
)
def test_bad_values_are_refused_with_a_message_naming_the_indicator(value_type, raw, message):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        parse_value(Indicator(value_type), raw)
    assert refused.value.messages == [message]


def test_a_summed_number_counts_things_and_must_be_whole():
    counted = Indicator(ValueType.NUMBER, Aggregation.SUM)
    assert parse_value(counted, "12") == Decimal("12.00")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        parse_value(counted, "12.5")
    assert refused.value.messages == ["KR9: This indicator counts things: give a whole number."]
    assert parse_value(Indicator(ValueType.NUMBER, Aggregation.AVERAGE), "12.5") == Decimal("12.50")
