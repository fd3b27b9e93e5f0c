"""Dates are typed as they are shown: in Thai day/month/year in the Buddhist era, in English in
the Common Era, in a plain text box with its format under it; ISO dates (what the tests and
machines send) are read too, and a year in the other era is refused with the one it meant."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils import translation

from core.forms import DateField, DateTimeField, MonthField

D = datetime.date


class Dates(forms.Form):
    day = DateField(label="วันที่", help_text="วันทำสัญญา")
    month = MonthField(label="เดือน", required=False)
    moment = DateTimeField(label="เวลา", required=False)


def clean(language, **data):
    """The form bound to `data` and checked in `language`; its messages, read in that language
    too, as `form.messages`."""
    with translation.override(language):
        form = Dates(data={"day": "", **data})
        form.is_valid()
        form.messages = {
            name: [str(error) for error in errors] for name, errors in form.errors.items()
        }
        return form


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("31/12/2568", D(2025, 12, 31)),
        ("1/2/2568", D(2025, 2, 1)),
        ("31.12.2568", D(2025, 12, 31)),
        ("31-12-2568", D(2025, 12, 31)),
        ("31122568", D(2025, 12, 31)),  # what a phone's number pad types
        ("๓๑/๑๒/๒๕๖๘", D(2025, 12, 31)),  # Thai digits
        (" 29/02/2567 ", D(2024, 2, 29)),
        ("2025-12-31", D(2025, 12, 31)),  # ISO, as the tests and machines send it
        ("2568-12-31", D(2025, 12, 31)),  # ISO with a Buddhist year
    ],
)
def test_thai_dates_are_typed_in_the_buddhist_era(typed, day):
    form = clean("th", day=typed)
    assert form.cleaned_data["day"] == day, form.errors


@pytest.mark.parametrize(
    ("typed", "day"),
    [("31/12/2025", D(2025, 12, 31)), ("2025-12-31", D(2025, 12, 31)), ("01022025", D(2025, 2, 1))],
)
def test_english_dates_are_typed_in_the_common_era(typed, day):
    assert clean("en", day=typed).cleaned_data["day"] == day


@pytest.mark.parametrize(
    ("language", "typed", "error"),
    [
        ("th", "31/12/2025", "กรอกปีเป็นพุทธศักราช (พ.ศ.): ปี 2025 คือ พ.ศ. 2568"),
        ("en", "31/12/2568", "Type the year in the Common Era: 2568 B.E. is 2025."),
        ("th", "30/02/2568", "ไม่มีวันที่ 30/02/2568 ในปฏิทิน"),
        ("en", "31/04/2025", "There is no such date: 31/04/2025."),
        ("th", "พรุ่งนี้", "กรอกวันที่เป็น วว/ดด/ปปปป (พ.ศ.) เช่น "),
        ("en", "12/31", "Type the date as dd/mm/yyyy, e.g. "),
    ],
)
def test_a_date_that_cannot_be_read_says_why_in_the_readers_language(language, typed, error):
    messages = clean(language, day=typed).messages["day"]
    assert len(messages) == 1
    assert messages[0].startswith(error)


def test_the_box_is_a_text_box_showing_the_date_in_the_readers_era_with_its_format():
    with translation.override("th"):
        html = str(Dates(initial={"day": D(2025, 12, 31)})["day"])
    assert 'type="text"' in html
    assert 'value="31/12/2568"' in html
    assert 'inputmode="numeric"' in html
    assert 'autocomplete="off"' in html
    assert 'aria-describedby="id_day_format id_day_helptext"' in html
    assert '<div class="form-text" id="id_day_format">วว/ดด/ปปปป (พ.ศ.)</div>' in html
    with translation.override("en"):
        html = str(Dates(initial={"day": D(2025, 12, 31)})["day"])
    assert 'value="31/12/2025"' in html
    assert ">dd/mm/yyyy</div>" in html


def test_what_was_typed_stays_in_the_box_when_it_is_refused():
    with translation.override("th"):
        form = Dates(data={"day": "31/12/2025"})
        assert not form.is_valid()
        assert 'value="31/12/2025"' in str(form["day"])


def test_a_month_is_typed_without_its_day():
    assert clean("th", month="10/2568").cleaned_data["month"] == D(2025, 10, 1)
    assert clean("th", month="2568-10").cleaned_data["month"] == D(2025, 10, 1)
    assert clean("en", month="10/2025").cleaned_data["month"] == D(2025, 10, 1)
    assert clean("th", month="10/2025").messages["month"][0].startswith("กรอกปีเป็นพุทธศักราช")
    with translation.override("th"):
        html = str(Dates(initial={"month": D(2025, 10, 1)})["month"])
    assert 'value="10/2568"' in html
    assert "ดด/ปปปป (พ.ศ.)" in html


def test_a_date_and_time_is_typed_after_the_date(settings):
    bangkok = ZoneInfo("Asia/Bangkok")
    expected = datetime.datetime(2026, 1, 15, 9, 30, tzinfo=bangkok)
    assert clean("th", moment="15/01/2569 09:30").cleaned_data["moment"] == expected
    assert clean("th", moment="15/01/2569 9.30 น.").cleaned_data["moment"] == expected
    assert clean("en", moment="2026-01-15T09:30").cleaned_data["moment"] == expected
    assert (
        clean("th", moment="15/01/2569 25:00").messages["moment"][0].startswith("กรอกวันและเวลาเป็น")
    )
