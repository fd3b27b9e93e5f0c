import re

import pytest
from django.urls import reverse

from accounts.services import load_municipalities
from indicators import cache as kpi_cache
from indicators import sources
from indicators.demo import seed_framework, seed_programme
from indicators.models import Indicator
from indicators.sources import Source
from tests.helpers import assert_access, assert_flat_queries
from tests.indicators.dashboard_ledger import add_project, add_projects
from tests.indicators.pages import STAFF_ONLY, english, kr, page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("only_the_ledger")]


@pytest.fixture
def programme():
    return seed_framework(seed_programme())


def detail_url(municipality, query=""):
    url = reverse("indicators:municipality", args=[municipality.pk])
    return f"{url}?{query}" if query else url


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_staff_see_the_municipalities_and_others_get_404(client, personas, north):
    assert_access(client, personas, reverse("indicators:municipality_list"), STAFF_ONLY)
    assert_access(client, personas, detail_url(north), STAFF_ONLY)


def test_an_unknown_municipality_answers_404(client, officer):
    client.force_login(officer)

    assert client.get(reverse("indicators:municipality", args=[999999])).status_code == 404


def test_the_list_gives_each_municipality_its_projects_and_results(
    client, officer, programme, y68, north, south
):
    add_project(programme, [kr("KR1.2"), kr("KR3.1")], year=y68, municipalities=[north, south])
    add_project(programme, [kr("KR1.2")], year=y68, municipalities=[north])

    html = text(page(client, english(officer), reverse("indicators:municipality_list")))

    assert "North Town Town municipality Lamphun North 2 3" in html
    assert "South Town Town municipality Lamphun South 1 2" in html


def test_the_list_holds_the_sixteen_partner_municipalities(client, officer):
    load_municipalities()

    html = page(client, officer, reverse("indicators:municipality_list"))

    assert len(re.findall(r'href="/municipalities/\d+/"', html)) == 16


def test_a_municipality_shows_what_its_projects_committed_and_delivered(
    client, manager, programme, y68, north, south
):
    linked = add_project(
        programme, [kr("KR1.2"), kr("KR3.1")], year=y68, municipalities=[north, south]
    )
    other = add_project(programme, [kr("KR1.2")], year=y68, municipalities=[north], committed=5)
    add_project(programme, [kr("KR2.1")], year=y68, municipalities=[south])
    sources.register_resolver(
        "proposals.proposal",
        lambda keys: {linked: Source(label="SLC-2567-0001 · ห้องเรียนเมือง", url="/projects/1/")},
    )

    html = page(client, english(manager), detail_url(north))
    words = text(html)

    # KR1.2 in the north: 10 + 5 committed, 4 + 4 delivered; the programme's target is 65
    assert "KR1.2 Urban survey datasets produced and published datasets 65 15 8 12.31%" in words
    # KR3.1's targets are cumulative (8 spaces by 2567, 16 by 2568): the target is 16 and 4 of
    # it 25%. It asserted 24 and 16.67%, the sum of the targets issue #13 (item 7) found wrong.
    assert "KR3.1 City learning spaces opened spaces 16 10 4 25%" in words
    assert "KR2.1" not in words
    assert '<a href="/projects/1/">SLC-2567-0001 · ห้องเรียนเมือง</a>' in html
    assert f"P-{int(other.split(':')[1]):04d} KR1.2 Urban survey datasets" in words
    assert 'aria-label="SLC in North Town: share of the programme&#x27;s target"' in html
    assert words.count("Delivered") == 1


def test_the_municipality_page_follows_the_fiscal_year(client, officer, programme, y67, y68, north):
    add_project(programme, [kr("KR1.2")], year=y67, municipalities=[north], committed=3)
    add_project(programme, [kr("KR1.2")], year=y68, municipalities=[north], committed=7)

    words = text(page(client, english(officer), detail_url(north, "fiscal_year=2567")))

    assert "KR1.2 Urban survey datasets produced and published datasets 20 3 4 20%" in words


def test_a_bad_fiscal_year_is_left_out_with_a_message(client, officer, programme, y68, north):
    add_project(programme, [kr("KR1.2")], year=y68, municipalities=[north])

    html = page(client, english(officer), detail_url(north, "fiscal_year=1999"))

    assert "Some filters could not be used and were left out; the page shows the others." in html
    assert "KR1.2 Urban survey datasets produced and published datasets 65 10 4" in text(html)


def test_a_municipality_without_projects_says_so(client, officer, programme, north):
    html = page(client, english(officer), detail_url(north))

    assert "No funded project has committed or reported anything in this municipality yet." in html


def test_the_municipality_page_speaks_thai(client, officer, programme, y68, north):
    add_project(programme, [kr("KR1.2")], year=y68, municipalities=[north])

    html = page(client, officer, detail_url(north))

    assert "เทศบาลเมืองเหนือ" in html and "จำนวนชุดข้อมูลสำรวจเมืองที่จัดทำและเปิดเผย" in html


def test_the_municipality_pages_run_as_many_queries_for_200_projects_as_for_10(
    client, officer, programme, y68, north, south
):
    indicators = list(Indicator.objects.filter(programme=programme))

    def make_rows(count):
        add_projects(programme, indicators, count, year=y68, municipalities=[north, south])
        kpi_cache.forget()  # the cold page each time: its lists of choices are every programme's

    assert_flat_queries(
        client, officer, reverse("indicators:municipality_list"), make_rows, few=10, many=200
    )
    queries = assert_flat_queries(client, officer, detail_url(north), make_rows, few=10, many=200)
    assert queries == 10  # served from the cache, 5
