"""The dashboard's filter form reads each list of choices once, whether it checks a choice,
draws the list, or both (a ModelChoiceField read its table for each)."""

import pytest

from indicators.dashboard.forms import DashboardFilterForm
from indicators.models import Dimension, FiscalYear, Technology
from tests.indicators.test_dashboard_pages import programme  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_every_list_of_choices_is_read_in_one_query(programme, django_assert_num_queries):  # noqa: F811
    year = FiscalYear.objects.filter(programmes=programme).order_by("year_be").first()
    technology = Technology.objects.order_by("pk").first()
    dimension = Dimension.objects.order_by("position").first()
    data = {"fiscal_year": year.year_be, "technology": technology.pk, "dimension": dimension.pk}
    with django_assert_num_queries(1):
        form = DashboardFilterForm(data, programme=programme)
        filters = form.filters()
        html = str(form)
    assert filters == {"fiscal_year": year, "technology": technology, "dimension": dimension}
    assert f'<option value="{year.year_be}" selected>' in html


def test_an_unknown_choice_is_left_out_with_its_message(programme):  # noqa: F811
    form = DashboardFilterForm({"fiscal_year": "1999", "region": "north"}, programme=programme)
    assert form.filters() == {"region": "north"}
    assert "fiscal_year" in form.errors


def test_no_list_is_read_when_nothing_is_chosen_nor_drawn(
    programme,  # noqa: F811
    django_assert_num_queries,
):
    with django_assert_num_queries(0):
        assert DashboardFilterForm({"region": "north"}, programme=programme).filters() == {
            "region": "north"
        }
