"""The KPI figures' cache (indicators/cache.py): pages are served from it, and every change to
what they show reaches the next request."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators import cache as kpi_cache
from indicators.demo import seed_framework, seed_programme
from indicators.models import Dimension, FiscalYear, IndicatorTarget, Result, Technology
from tests.factories import MunicipalityFactory
from tests.helpers import count_queries
from tests.indicators.dashboard_ledger import add_project
from tests.indicators.pages import english, kr, page
from tests.indicators.test_dashboard_pages import cells, dashboard_url, indicator_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("only_the_ledger")]


@pytest.fixture
def programme():
    return seed_framework(seed_programme())


@pytest.fixture
def funded(programme, y68, north, south):
    """Two projects reporting on KR1.2 (a sum: target 65, committed 30, result 27)."""
    add_project(programme, [kr("KR1.2")], year=y68, municipalities=[north, south], reported=9)
    add_project(programme, [kr("KR1.2")], year=y68, municipalities=[north], reported=9)


def municipality_url(municipality):
    return reverse("indicators:municipality", args=[municipality.pk])


def next_call_url():
    return reverse("indicators:next_call", args=["SLC"])


def queries(client, url):
    return count_queries(lambda: client.get(url))


@pytest.mark.usefixtures("funded")
@pytest.mark.parametrize(
    ("url", "cold", "warm"),
    [
        (lambda: dashboard_url(), 10, 3),
        (lambda: dashboard_url("fiscal_year=2568&region=north"), 10, 3),
        (lambda: indicator_url(kr("KR1.2")), 14, 3),
        (lambda: next_call_url(), 8, 3),
    ],
    ids=["dashboard", "dashboard filtered", "indicator page", "next call"],
)
def test_a_page_computes_its_figures_once_then_reads_them_from_the_cache(
    client, manager, url, cold, warm
):
    client.force_login(manager)
    url = url()

    assert (queries(client, url), queries(client, url)) == (cold, warm)
    # A write that tells nobody (no signal) is not seen: the figures come from the cache.
    Result.objects.filter(indicator=kr("KR1.2")).update(value=Decimal(1))
    assert "27" in client.get(url).content.decode()


def test_the_municipality_page_reads_each_programmes_section_from_the_cache(
    client, manager, north, funded
):
    client.force_login(manager)

    url = municipality_url(north)
    assert (queries(client, url), queries(client, url)) == (10, 5)


def test_the_list_of_municipalities_is_kept_until_any_ledger_or_municipality_changes(
    client, manager, programme, y68, north, funded
):
    url = reverse("indicators:municipality_list")
    client.force_login(manager)
    assert (queries(client, url), queries(client, url)) == (3, 2)
    row = r'North Town</a>.*?<td class="text-end">(\d+)</td>\s*<td class="text-end">(\d+)</td>'
    assert re.search(row, page(client, english(manager), url), re.S).groups() == ("2", "2")

    add_project(programme, [kr("KR1.2")], year=y68, municipalities=[north], reported=9)
    assert re.search(row, page(client, manager, url), re.S).groups() == ("3", "3")

    MunicipalityFactory(name_en="A New Town")
    assert "A New Town" in page(client, manager, url)


def test_a_new_result_in_the_ledger_shows_at_once(client, manager, programme, y68, north, funded):
    assert cells(page(client, english(manager), dashboard_url()), "KR1.2")[5:7] == ["30", "27"]

    add_project(programme, [kr("KR1.2")], year=y68, municipalities=[north], reported=9)

    assert cells(page(client, manager, dashboard_url()), "KR1.2")[5:7] == ["40", "36"]


def test_a_result_saved_or_deleted_shows_at_once(client, manager, funded):
    page(client, english(manager), dashboard_url())
    result = Result.objects.filter(indicator=kr("KR1.2")).first()
    result.value = Decimal(19)
    result.save()

    assert cells(page(client, manager, dashboard_url()), "KR1.2")[6] == "37"
    result.delete()
    assert cells(page(client, manager, dashboard_url()), "KR1.2")[6] == "18"


def test_the_programmes_thresholds_show_at_once(client, manager, programme, funded):
    assert cells(page(client, english(manager), dashboard_url()), "KR1.2")[-1] == "Off track"

    programme.at_risk_threshold = Decimal(40)
    programme.save()

    assert cells(page(client, manager, dashboard_url()), "KR1.2")[-1] == "At risk"


def test_a_target_changed_shows_at_once(client, manager, programme, y68, funded):
    html = page(client, english(manager), dashboard_url())
    assert cells(html, "KR1.2")[4] == "65"

    target = IndicatorTarget.objects.get(indicator=kr("KR1.2"), fiscal_year=y68)
    target.value += 10
    target.save()

    assert cells(page(client, manager, dashboard_url()), "KR1.2")[4] == "75"


def test_an_indicator_or_objective_renamed_shows_at_once(client, manager, funded):
    page(client, english(manager), dashboard_url())
    indicator = kr("KR1.2")
    indicator.name_en = "Datasets, renamed"
    indicator.save()
    objective = indicator.objective
    objective.name_en = "Objective, renamed"
    objective.save()

    html = page(client, manager, dashboard_url())
    assert cells(html, "KR1.2")[1] == "Datasets, renamed"
    assert "Objective, renamed" in html


def test_an_indicators_dimensions_show_at_once(client, manager, funded):
    dimension = Dimension.objects.exclude(indicators=kr("KR1.2")).first()
    url = dashboard_url(f"dimension={dimension.pk}")
    assert "KR1.2" not in page(client, english(manager), url)

    kr("KR1.2").dimensions.add(dimension)

    assert "KR1.2" in page(client, manager, url)


def test_the_programmes_fiscal_years_show_at_once(client, manager, programme, y68, funded):
    page(client, english(manager), dashboard_url())

    programme.fiscal_years.remove(y68)

    # Without 2568 among the years, KR1.2's target over all years is 2567's alone.
    assert cells(page(client, manager, dashboard_url()), "KR1.2")[4] == "20"


def test_a_municipality_renamed_shows_at_once(client, manager, north, funded):
    url = indicator_url(kr("KR1.2"))
    named = page(client, english(manager), url).count("North Town")  # the chart and the rows
    assert named > 2

    north.name_en = "Town of the North"
    north.save()

    html = page(client, manager, url)
    assert html.count("Town of the North") == named and "North Town" not in html


def test_the_municipality_page_shows_a_new_result_at_once(
    client, manager, programme, y68, north, funded
):
    before = page(client, english(manager), municipality_url(north))
    add_project(programme, [kr("KR1.2")], year=y68, municipalities=[north], reported=7)

    after = page(client, manager, municipality_url(north))
    assert before != after and "P-" in after


def test_the_next_call_shows_a_new_commitment_at_once(
    client, manager, programme, y68, north, funded
):
    before = page(client, english(manager), next_call_url())
    add_project(programme, [kr("KR1.2")], year=y68, municipalities=[north], committed=25)

    assert page(client, manager, next_call_url()) != before


def test_the_filters_offer_a_new_technology_and_a_new_ledger_year_at_once(
    client, manager, programme, north, funded
):
    html = page(client, english(manager), dashboard_url())
    assert "Cached no more" not in html and ">2571<" not in html

    Technology.objects.create(name_th="ใหม่", name_en="Cached no more")
    add_project(
        programme,
        [kr("KR1.2")],
        year=FiscalYear.objects.create(year_be=2571),
        municipalities=[north],
    )

    html = page(client, manager, dashboard_url())
    assert "Cached no more" in html and ">2571<" in html


@pytest.mark.parametrize(
    "change",
    [
        lambda: FiscalYear.objects.create(year_be=2599),
        lambda: Dimension.objects.first().save(),
        lambda: IndicatorTarget.objects.first().delete(),
        lambda: kr("KR1.2").objective.save(),
    ],
    ids=["fiscal year", "dimension", "target deleted", "objective"],
)
def test_every_change_of_the_framework_replaces_the_version(programme, change):
    before = kpi_cache.FIGURES.key(programme.pk, "page")

    change()

    assert kpi_cache.FIGURES.key(programme.pk, "page") != before
