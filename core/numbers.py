"""Numbers as people read them: amounts rounded to the satang, figures without trailing zeros."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(value):
    """`value` as a Decimal rounded half up to 0.01; None stays None."""
    if value is None:
        return None
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def number(value):
    """12.50 → "12.5", 100.00 → "100": totals read like the numbers the officer typed."""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
