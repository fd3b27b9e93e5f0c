"""Thai first, English too: dates in the Buddhist era for Thai readers, money with two
decimals, and texts kept in both languages shown in the reader's.

Django's `th` locale prints Gregorian years, so every date shown to people goes through
`thdate` or `thdatetime`, which add 543 to the year when the active language is Thai.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone, translation
from django.utils.translation import get_language

BUDDHIST_ERA_OFFSET = 543

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def is_thai(language=None):
    return (language or get_language() or "th").startswith("th")


def in_language(thai_text, english_text, *, thai=None):
    """`thai_text` for a Thai reader (the active language, unless `thai` says), `english_text`
    for the others; the other one when it is blank."""
    if thai if thai is not None else is_thai():
        return thai_text or english_text
    return english_text or thai_text


def localized(obj, field):
    """The Thai or English variant of `field` (`<field>_th`, `<field>_en`) for the active
    language, falling back to the other."""
    return in_language(getattr(obj, f"{field}_th", ""), getattr(obj, f"{field}_en", ""))


class bilingual:
    """A read-only attribute giving `<field>_th` or `<field>_en` for the active language."""

    def __init__(self, field):
        self.field = field

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return localized(obj, self.field)


def in_both_languages(text):
    """The Thai and the English of a translatable text (e.g. a choice's label)."""
    with translation.override("th"):
        thai = str(text)
    with translation.override("en"):
        english = str(text)
    return thai, english


def buddhist_year(year):
    return year + BUDDHIST_ERA_OFFSET


def _local(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value
    return value


def format_date(value, style="long", language=None):
    """`24 พฤศจิกายน 2569` in Thai, `24 November 2026` in English; style `short` abbreviates."""
    if value in (None, ""):
        return ""
    value = _local(value)
    if is_thai(language):
        months = THAI_MONTHS if style == "long" else THAI_MONTHS_SHORT
        return f"{value.day} {months[value.month - 1]} {buddhist_year(value.year)}"
    month = ENGLISH_MONTHS[value.month - 1]
    return f"{value.day} {month if style == 'long' else month[:3]} {value.year}"


def format_month(value, language=None):
    """`ตุลาคม 2568` in Thai, `October 2025` in English; blank for nothing."""
    if not value:
        return ""
    if is_thai(language):
        return f"{THAI_MONTHS[value.month - 1]} {buddhist_year(value.year)}"
    return f"{ENGLISH_MONTHS[value.month - 1]} {value.year}"


def format_datetime(value, style="long", language=None):
    if value in (None, ""):
        return ""
    value = _local(value)
    clock = f"{value:%H:%M}"
    if is_thai(language):
        return f"{format_date(value, style, language)} เวลา {clock} น."
    return f"{format_date(value, style, language)}, {clock}"


def format_money(value, places=2):
    """1234567.5 → `1,234,567.50`; blank for nothing, the value itself if it is not a number."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value
    quantum = Decimal(1).scaleb(-places)
    return f"{amount.quantize(quantum, rounding=ROUND_HALF_UP):,.{places}f}"
