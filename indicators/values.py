"""What a reported value of an indicator may be, checked the same way on every page and in
every import: yes/no is 0 or 1, a percentage lies between 0 and 100, a number that is summed
counts things and so is whole, nothing is negative, and at most two decimals are kept."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from indicators.models import Aggregation, ValueType

LARGEST = Decimal("9999999999999999.99")
YES_WORDS = {"1", "yes", "y", "true", "ใช่", "มี"}
NO_WORDS = {"0", "no", "n", "false", "ไม่ใช่", "ไม่มี"}


def parse_value(indicator, raw):
    """The Decimal that `raw` (text, number or Decimal) stands for as a value of `indicator`.
    Raises ValidationError with a message naming the indicator."""
    if isinstance(raw, bool):
        raw = int(raw)
    text = str(raw).strip().replace(",", "") if raw is not None else ""
    if not text:
        raise ValidationError(_("%(code)s: give a value.") % {"code": indicator.code})
    if indicator.value_type == ValueType.YES_NO:
        word = text.lower()
        if word in YES_WORDS or word in ("1.0", "1.00"):
            return Decimal(1)
        if word in NO_WORDS or word in ("0.0", "0.00"):
            return Decimal(0)
        raise ValidationError(
            _("%(code)s is a yes/no indicator: write 1 (yes) or 0 (no), not “%(value)s”.")
            % {"code": indicator.code, "value": text}
        )
    if indicator.value_type == ValueType.PERCENT:
        text = text.rstrip("%").strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(
            _("%(code)s: “%(value)s” is not a number.") % {"code": indicator.code, "value": text}
        ) from None
    if not value.is_finite() or abs(value) > LARGEST:
        raise ValidationError(_("%(code)s: the number is too large.") % {"code": indicator.code})
    problem = value_problem(indicator, value)
    if problem:
        raise ValidationError(
            _("%(code)s: %(problem)s") % {"code": indicator.code, "problem": problem}
        )
    return value.quantize(Decimal("0.01"))


def is_count(indicator):
    """A number that is summed (people trained, datasets published, spaces opened) counts
    things: it takes whole numbers. Averages, maxima and latest values (days, tonnes) may have
    decimals."""
    return indicator.value_type == ValueType.NUMBER and indicator.aggregation == Aggregation.SUM


def value_problem(indicator, value):
    """Why the Decimal `value` cannot be reported against `indicator` (None: it can)."""
    if value < 0:
        return _("The value cannot be negative.")
    if indicator.value_type == ValueType.YES_NO and value not in (0, 1):
        return _("This is a yes/no indicator: give 1 for yes or 0 for no.")
    if indicator.value_type == ValueType.PERCENT and value > 100:
        return _("This indicator is a percentage: give 0 to 100.")
    if value != value.quantize(Decimal("0.01")):
        return _("Keep at most two decimals.")
    if is_count(indicator) and value != value.to_integral_value():
        return _("This indicator counts things: give a whole number.")
    return None
