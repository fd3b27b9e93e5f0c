"""The call form and its parts refuse what does not add up, in words an officer understands."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from proposals.calls.forms import CallForm, part_formsets
from tests.factories import CallFactory
from tests.proposals.formdata import edit_data, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

BANGKOK = ZoneInfo("Asia/Bangkok")


@pytest.fixture
def call():
    return CallFactory(parts=True, is_published=False)


def main_form(call, **changes):
    data = form_data(CallForm(instance=call))
    data.update(changes)
    return CallForm(data, instance=call)


def parts(call, **changes):
    data = edit_data(call)
    data.update(changes)
    return part_formsets(call, data)


def test_the_untouched_form_and_parts_are_valid(call):
    assert main_form(call).is_valid()
    assert all(formset.is_valid() for formset in parts(call).values())


def test_dates_are_read_as_thai_time(call):
    form = main_form(call, opens_at="2026-01-15T09:00", closes_at="2026-03-31T16:30")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["closes_at"] == datetime.datetime(2026, 3, 31, 16, 30, tzinfo=BANGKOK)
    assert form.cleaned_data["closes_at"].astimezone(datetime.UTC).hour == 9


def test_dates_are_shown_in_thai_time_in_the_box(call):
    call.opens_at = datetime.datetime(2026, 1, 15, 2, 0, tzinfo=datetime.UTC)
    with translation.override("th"):
        html = str(CallForm(instance=call)["opens_at"])
    assert 'type="text"' in html  # typed in the Buddhist era: core.forms.DateTimeInput
    assert 'value="15/01/2569 09:00"' in html


def test_opening_after_closing_is_refused(call):
    form = main_form(call, opens_at="2026-03-31T16:30", closes_at="2026-01-15T09:00")
    assert not form.is_valid()
    assert form.errors["closes_at"] == ["The call must close after it opens."]


def test_a_ceiling_above_the_total_budget_is_refused(call):
    form = main_form(call, total_budget="1000000", ceiling_per_proposal="1000000.01")
    assert not form.is_valid()
    assert form.errors["ceiling_per_proposal"] == ["The ceiling cannot exceed the total budget."]


def test_a_duration_range_upside_down_is_refused(call):
    form = main_form(call, min_duration_months="12", max_duration_months="6")
    assert not form.is_valid()
    assert "max_duration_months" in form.errors


def test_a_fiscal_year_outside_the_programme_is_refused(call):
    from indicators.models import FiscalYear

    stray = FiscalYear.objects.create(year_be=2599)
    form = main_form(call, fiscal_year=str(stray.pk))
    assert not form.is_valid()
    assert form.errors["fiscal_year"] == ["This fiscal year is not one of the programme's."]


def test_a_code_the_links_use_is_refused(call):
    form = main_form(call, code="manage")
    assert not form.is_valid()
    assert "code" in form.errors


def test_criteria_weights_other_than_100_are_refused(call):
    formset = parts(call, **{"criteria-0-weight": "50"})["criteria"]
    assert not formset.is_valid()
    assert formset.non_form_errors() == [
        "The weights of the review criteria add up to 90; they must add up to exactly 100."
    ]


def test_removing_a_criterion_counts_in_the_total(call):
    formset = parts(call, **{"criteria-1-DELETE": "on", "criteria-0-weight": "100"})["criteria"]
    assert formset.is_valid(), formset.errors


def test_no_criteria_at_all_is_allowed_while_drafting(call):
    formset = parts(call, **{"criteria-0-DELETE": "on", "criteria-1-DELETE": "on"})["criteria"]
    assert formset.is_valid()


def test_a_criterion_scale_must_rise(call):
    formset = parts(call, **{"criteria-0-scale_min": "5", "criteria-0-scale_max": "5"})["criteria"]
    assert not formset.is_valid()
    assert formset.errors[0]["scale_max"] == ["The highest score must exceed the lowest."]


def test_instalments_other_than_100_are_refused(call):
    formset = parts(call, **{"instalments-2-percent": "10"})["instalments"]
    assert not formset.is_valid()
    assert formset.non_form_errors() == [
        "The instalments add up to 90%; they must add up to exactly 100%."
    ]


def test_instalment_numbers_must_differ(call):
    formset = parts(call, **{"instalments-2-number": "2"})["instalments"]
    assert not formset.is_valid()
    assert formset.non_form_errors() == [
        "Two instalments have the number 2; give each its own number."
    ]


def test_budget_category_codes_must_differ(call):
    formset = parts(call, **{"budget_categories-1-code": "personnel"})["budget_categories"]
    assert not formset.is_valid()
    assert formset.non_form_errors() == [
        "Two budget categories have the code “personnel”; each needs its own code."
    ]


def test_a_category_with_a_cap_and_a_fixed_share_is_refused(call):
    # The first category (personnel) has a 30% cap by default.
    formset = parts(call, **{"budget_categories-0-fixed_percent": "5"})["budget_categories"]
    assert not formset.is_valid()
    assert formset.errors[0]["fixed_percent"] == [
        "A category has either a cap or a fixed share, not both."
    ]


def test_fixed_shares_of_100_or_more_are_refused(call):
    # Materials (index 3) gets 90% on top of the institutional fee's 10%.
    formset = parts(call, **{"budget_categories-3-fixed_percent": "90"})["budget_categories"]
    assert not formset.is_valid()
    assert formset.non_form_errors() == [
        "The fixed shares of the budget categories add up to 100%; they must stay below 100% "
        "to leave room for the rest of the budget."
    ]


def test_a_blank_extra_row_is_ignored(call):
    formsets = parts(call)
    for formset in formsets.values():
        assert formset.is_valid()
        assert formset.extra_forms and not formset.extra_forms[0].has_changed()
