"""What the next call needs (`indicators.dashboard.whatif`) on hand-made ledgers, the answers
worked out by hand; who may see the page; its queries with few and many projects."""

import datetime
import re

import pytest
from django.urls import reverse

from indicators.dashboard.whatif import ADDED_UP, LEVEL, next_call_needs
from indicators.demo import seed_framework
from indicators.models import Aggregation, IndicatorTarget
from tests.factories import MunicipalityFactory
from tests.helpers import assert_access, assert_flat_queries, freeze_now
from tests.indicators.dashboard_ledger import add_projects
from tests.indicators.pages import english
from tests.indicators.test_projection import (
    END_2567,
    TODAY,
    commit,
    make_indicator,
    report,
    summed,  # noqa: F401 (a fixture)
)

pytestmark = pytest.mark.django_db

WHO_SEES = {
    "researcher": 404,
    "funding_officer": 200,
    "reviewer": 404,
    "programme_manager": 200,
    "administrator": 200,
    "mentor": 404,
    "finance": 404,
    "outsider": 404,
    "anonymous": 302,
}


def need_of(programme, code):
    (need,) = [
        need
        for need in next_call_needs(programme, today=TODAY)
        if need.rollup.indicator.code == code
    ]
    return need


def url_of(programme):
    return reverse("indicators:next_call", args=[programme.code])


def test_a_sum_needs_the_gap_over_the_median_commitment(programme, summed):  # noqa: F811
    """Target 20 + 30 = 50, projected 39 (see test_projection): a gap of 11. The projects
    committed A 10 + 10 = 20, B 20, C 6: median 20, so one more project (11 ÷ 20, rounded up)."""
    need = need_of(programme, "S")

    assert (need.gap, need.typical, need.funded) == (11, 20, 3)
    assert need.projects_needed == 1
    assert need.rule == ADDED_UP


def test_an_average_needs_projects_that_lift_it(programme, y67, y68):
    """An average, target 4: A committed 4 in 2567 and 4 in 2568 and reached 2 (rate 0.5,
    heading for 2); B committed 5, heading for 5: projected (2 + 5) ÷ 2 = 3.5, a gap of 0.5.
    Typical: the median of A's 4 and B's 5, 4.5. n projects at 4.5 lift the two to 4 when
    (2 × 3.5 + 4.5 n) ÷ (2 + n) ≥ 4, n ≥ 2 × 0.5 ÷ 0.5 = 2."""
    indicator = make_indicator(programme, "L", Aggregation.AVERAGE)
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=y68, value=4)
    commit(programme, "A", indicator, {y67: 4, y68: 4})
    commit(programme, "B", indicator, {y68: 5})
    report(programme, "A", indicator, y67, 2, END_2567, 1)

    need = need_of(programme, "L")

    assert (need.projected, need.gap, need.typical) == (3.5, 0.5, 4.5)
    assert need.projects_needed == 2
    assert need.rule == LEVEL


def test_typical_projects_below_the_target_cannot_lift_an_average(programme, y68):
    """An average, target 5; the only project committed 3 (nothing due, heading for 3): a gap
    of 2, and a typical project (3) stays under 5, so no number of them will do."""
    indicator = make_indicator(programme, "L2", Aggregation.AVERAGE)
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=y68, value=5)
    commit(programme, "A", indicator, {y68: 3})

    need = need_of(programme, "L2")

    assert need.gap == 2 and need.projects_needed is None and need.unreachable


def test_a_met_target_needs_no_more_projects(programme, y68):
    """A sum, target 10, one project committed 12 with nothing due: projected 12, no gap."""
    indicator = make_indicator(programme, "M", Aggregation.SUM)
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=y68, value=10)
    commit(programme, "A", indicator, {y68: 12})

    need = need_of(programme, "M")

    assert (need.gap, need.projects_needed) == (0, 0)


def test_staff_see_what_the_next_call_needs_and_others_get_404(client, personas, programme):
    assert_access(client, personas, url_of(programme), WHO_SEES)


@pytest.mark.usefixtures("only_the_ledger")
def test_the_page_shows_the_numbers(client, manager, programme, summed, monkeypatch):  # noqa: F811
    freeze_now(monkeypatch, datetime.datetime(2025, 4, 1, 10, 0, tzinfo=datetime.UTC))
    client.force_login(english(manager))

    html = client.get(url_of(programme)).content.decode()

    row = re.search(r'<tr class="need-row">(.*?)</tr>', html, re.S).group(1)
    cells = [
        " ".join(re.sub(r"<[^>]+>", " ", c).split())
        for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
    ]
    assert cells[0] == "S"
    assert cells[2:6] == ["50", "46", "39", "11"]
    assert cells[6] == "20 median of 3 projects" and cells[7] == "1"


@pytest.mark.usefixtures("only_the_ledger")
def test_the_page_runs_as_many_queries_for_200_projects_as_for_10(client, manager, programme, y68):
    seed_framework(programme)
    indicators = list(programme.indicators.all())
    places = [MunicipalityFactory(), MunicipalityFactory()]

    def make_rows(count):
        add_projects(programme, indicators, count, year=y68, municipalities=places)

    assert_flat_queries(client, manager, url_of(programme), make_rows, few=10, many=200)


def test_the_call_creation_page_links_to_each_programmes_what_if(client, officer, programme):
    client.force_login(officer)

    html = client.get(reverse("proposals:call_create")).content.decode()

    assert url_of(programme) in html
