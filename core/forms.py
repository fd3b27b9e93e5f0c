"""Form widgets and fields every app uses: dates typed as the reader writes them, the upload of
a workbook to import, and what a refused save says.

In Thai a date is typed and shown in the Buddhist era, day first: 31/12/2568; in English in the
Common Era: 31/12/2025. The box is a plain text box (a browser's date picker shows Gregorian
mm/dd/yyyy whatever the page's language), with the format written under it, numbers on a
phone's keyboard and no autocompletion; the server reads what was typed:

- day, month and year separated by "/", "." or "-", or the eight digits run together
  (31122568), with Thai digits as well as Western ones;
- an ISO date (2025-12-31), the form machines and the tests send; its year is in the Buddhist
  era when it is 2400 or more (no date of this system is that far in the Common Era);
- a year in the other era is refused with the year it probably meant (2025 typed in Thai
  asks for 2568), never silently shifted by 543 years.

A month is typed the same way without its day (12/2568), a date and time with the time after
it (31/12/2568 16:30, or an ISO 2025-12-31T16:30).
"""

import datetime
import re

from django import forms
from django.forms.utils import from_current_timezone
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.thai import BUDDHIST_ERA_OFFSET, is_thai
from core.workbooks import MAX_MEGABYTES

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# No date in the Common Era this system keeps reaches this year; in the Buddhist era every
# one does (2400 B.E. is 1857 C.E.).
BUDDHIST_ERA_FROM = 2400
SEPARATOR = r"\s*[/.\-]\s*"
DAY = re.compile(
    rf"(\d{{1,2}}){SEPARATOR}(\d{{1,2}}){SEPARATOR}(\d{{4}})|(\d{{2}})(\d{{2}})(\d{{4}})"
)
ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
MONTH = re.compile(rf"(\d{{1,2}}){SEPARATOR}(\d{{4}})|(\d{{2}})(\d{{4}})")
ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
# A date, then the time (16:30 or 16.30, seconds of 00, น. after it), or ISO's 2025-12-31T16:30.
TIME = re.compile(
    r"(?P<day>.+?)(?:\s+|T)(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::00)?(?:\s*น\.?)?"
)


def _typed(value):
    return str(value).strip().translate(THAI_DIGITS)


def _year(text, *, iso=False):
    """The year (C.E.) of a year typed in the reader's era; ValidationError when it is
    plainly in the other one."""
    year = int(text)
    if iso:
        return year - BUDDHIST_ERA_OFFSET if year >= BUDDHIST_ERA_FROM else year
    if is_thai():
        if year < BUDDHIST_ERA_FROM:
            raise forms.ValidationError(
                _("Type the year in the Buddhist era (พ.ศ.): %(year)s is %(buddhist)s."),
                code="era",
                params={"year": year, "buddhist": year + BUDDHIST_ERA_OFFSET},
            )
        return year - BUDDHIST_ERA_OFFSET
    if year >= BUDDHIST_ERA_FROM:
        raise forms.ValidationError(
            _("Type the year in the Common Era: %(year)s B.E. is %(common)s."),
            code="era",
            params={"year": year, "common": year - BUDDHIST_ERA_OFFSET},
        )
    return year


def _date(year, month, day, typed):
    try:
        return datetime.date(year, int(month), int(day))
    except ValueError:
        raise forms.ValidationError(
            _("There is no such date: %(typed)s."), code="invalid", params={"typed": typed}
        ) from None


def parse_date(value):
    """The date typed as `value` (see the module), None when blank."""
    typed = _typed(value)
    if not typed:
        return None
    if found := ISO_DAY.fullmatch(typed):
        year, month, day = found.groups()
        return _date(_year(year, iso=True), month, day, typed)
    if found := DAY.fullmatch(typed):
        day, month, year = [part for part in found.groups() if part is not None]
        return _date(_year(year), month, day, typed)
    raise forms.ValidationError(
        _("Type the date as %(format)s, e.g. %(example)s."),
        code="invalid",
        params={"format": DateInput.hint, "example": date_text(timezone.localdate())},
    )


def parse_month(value):
    """The first day of the month typed as `value` (12/2568, 122568 or ISO), None when blank."""
    typed = _typed(value)
    if not typed:
        return None
    if found := ISO_MONTH.fullmatch(typed):
        year, month, _day = found.groups()
        return _date(_year(year, iso=True), month, 1, typed)
    if found := MONTH.fullmatch(typed):
        month, year = [part for part in found.groups() if part is not None]
        return _date(_year(year), month, 1, typed)
    raise forms.ValidationError(
        _("Type the month as %(format)s, e.g. %(example)s."),
        code="invalid",
        params={"format": MonthInput.hint, "example": month_text(timezone.localdate())},
    )


def parse_datetime(value):
    """The naive date and time typed as `value` (31/12/2568 16:30), None when blank."""
    typed = _typed(value)
    if not typed:
        return None
    found = TIME.fullmatch(typed)
    hour, minute = (int(found["hour"]), int(found["minute"])) if found else (-1, 0)
    if not found or hour > 23 or minute > 59:
        raise forms.ValidationError(
            _("Type the date and time as %(format)s, e.g. %(example)s."),
            code="invalid",
            params={"format": DateTimeInput.hint, "example": datetime_text(timezone.localtime())},
        )
    day = parse_date(found["day"])
    return datetime.datetime(day.year, day.month, day.day, hour, minute)


def date_text(day):
    """A date as the box shows it: 31/12/2568 in Thai, 31/12/2025 in English."""
    year = day.year + BUDDHIST_ERA_OFFSET if is_thai() else day.year
    return f"{day.day:02}/{day.month:02}/{year}"


def datetime_text(moment):
    return f"{date_text(moment)} {moment:%H:%M}"


def month_text(day):
    year = day.year + BUDDHIST_ERA_OFFSET if is_thai() else day.year
    return f"{day.month:02}/{year}"


class DateInput(forms.TextInput):
    """A text box for a date in the reader's era, with its format written under it (and named
    by the box's aria-describedby)."""

    template_name = "core/widgets/date.html"
    hint = _("dd/mm/yyyy")

    def __init__(self, attrs=None):
        defaults = {"inputmode": "numeric", "autocomplete": "off", "size": 12}
        super().__init__(attrs={**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return self.text(value)
        return super().format_value(value)

    def text(self, value):
        return date_text(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        hint_id = f"{widget['attrs'].get('id') or name}_format"
        described = widget["attrs"].get("aria-describedby", "")
        widget["attrs"]["aria-describedby"] = f"{hint_id} {described}".strip()
        widget["hint"], widget["hint_id"] = self.hint, hint_id
        return context


class MonthInput(DateInput):
    hint = _("mm/yyyy")

    def __init__(self, attrs=None):
        super().__init__(attrs={"size": 9, **(attrs or {})})

    def text(self, value):
        return month_text(value)


class DateTimeInput(DateInput):
    hint = _("dd/mm/yyyy hh:mm")

    def __init__(self, attrs=None):
        super().__init__(attrs={"size": 18, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.datetime):
            return datetime_text(timezone.localtime(value) if timezone.is_aware(value) else value)
        return super().format_value(value)


class DateField(forms.DateField):
    """A date typed in the reader's era (see the module)."""

    widget = DateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return parse_date(value)


class MonthField(forms.DateField):
    """A month typed in the reader's era, as the first day of that month."""

    widget = MonthInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        return parse_month(value)


class DateTimeField(forms.DateTimeField):
    """A date and time typed in the reader's era, in the active time zone."""

    widget = DateTimeInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return from_current_timezone(value) if timezone.is_naive(value) else value
        if isinstance(value, datetime.date):
            return from_current_timezone(datetime.datetime(value.year, value.month, value.day))
        return from_current_timezone(parse_datetime(value))


class WorkbookUploadForm(forms.Form):
    """The upload of an Excel workbook to import (core.workbooks reads it). A subclass says
    what to upload in `help_text`, with %(limit)s for the largest size in MB."""

    help_text = ""
    # Empty files pass here so that the reader gives every problem of a file in one place.
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        allow_empty_file=True,
        widget=forms.FileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.help_text % {"limit": MAX_MEGABYTES}


def invalid_fields_message(form):
    """What a refused save says in words, not by the colour of the fields: which fields to
    correct (each field's error is written under it)."""
    labels = [str(form[name].label) for name in form.errors if name in form.fields]
    if not labels:
        return gettext("Not saved: correct the errors written below.")
    return gettext("Not saved: correct %(fields)s (the error is written under each).") % {
        "fields": ", ".join(f"“{label}”" for label in labels)
    }
