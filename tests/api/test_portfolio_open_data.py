"""The portfolio's open data: a public page per project (no personal data), the map of the
partner municipalities from shipped points, and the filtered list as CSV, Excel and JSON."""

import io
import json
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Municipality
from accounts.roles import Role
from api.portfolio import map as drawing
from indicators.models import Programme
from proposals.models import ProposalMunicipality
from tests.helpers import assert_access, count_queries
from tests.projects.builders import funded_project

pytestmark = pytest.mark.django_db
STAFF = (Role.FUNDING_OFFICER.value, Role.PROGRAMME_MANAGER.value, Role.ADMINISTRATOR.value)


def place(project, latitude="18.57440", longitude="99.00870"):
    town = ProposalMunicipality.objects.filter(proposal=project).first().municipality
    Municipality.objects.filter(pk=town.pk).update(latitude=latitude, longitude=longitude)
    return Municipality.objects.get(pk=town.pk)


@pytest.fixture
def project(officer):
    project = funded_project(officer)
    Programme.objects.filter(pk=project.call.programme.pk).update(public_portfolio=True)
    place(project)
    return project


def urls(project):
    code = project.call.programme.code
    return [
        reverse("api:portfolio_project", args=[code, project.pk]),
        reverse("api:portfolio_map", args=[code]),
        *(reverse("api:portfolio_download", args=[code, fmt]) for fmt in ("csv", "xlsx", "json")),
    ]


def test_everyone_reads_a_published_portfolios_open_data(client, personas, project):
    for url in urls(project):
        assert_access(client, personas, url, dict.fromkeys(personas, 200))


def test_an_unpublished_portfolios_open_data_is_for_staff(client, personas, project):
    Programme.objects.filter(pk=project.call.programme.pk).update(public_portfolio=False)
    expected = {**dict.fromkeys(personas, 404), **dict.fromkeys(STAFF, 200)}
    for url in urls(project):
        assert_access(client, personas, url, expected)


def test_a_project_outside_the_portfolio_has_no_page(client, project, officer):
    from tests.projects.builders import approved_proposal

    draft = approved_proposal()  # approved, not funded
    url = reverse("api:portfolio_project", args=[project.call.programme.code, draft.pk])
    assert client.get(url).status_code == 404


def test_the_project_page_names_no_person(client, project):
    page = client.get(urls(project)[0]).content.decode()
    assert project.reference in page and project.title_th in page
    assert project.lead.email not in page and project.lead.display_name not in page


def test_the_map_places_the_partners_and_lists_them(client, project):
    page = client.get(urls(project)[1]).content.decode()
    assert page.count("<circle") == 1
    assert reverse("api:portfolio_project", args=[project.call.programme.code, project.pk]) in page
    assert "ลำพูน" in page  # the list beside the map, in Thai


def test_the_map_draws_thailands_outline_behind_the_points_from_the_shipped_file(client, project):
    page = client.get(urls(project)[1]).content.decode()
    assert page.index('class="portfolio-map-land"') < page.index("<circle")
    outline = drawing.outline()
    assert outline.count("M") == outline.count("Z") == 10
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", outline)]
    xs, ys = numbers[0::2], numbers[1::2]
    assert min(xs) >= 0 and max(xs) <= drawing.WIDTH
    assert min(ys) >= 0 and max(ys) <= drawing.HEIGHT
    # Bangkok (13.75° N, 100.5° E) lies on the mainland ring's longitudes and latitudes.
    x, y = drawing.position(13.75, 100.5)
    assert min(xs) < x < max(xs) and min(ys) < y < max(ys)
    assert (settings.BASE_DIR / "static" / "maps" / "README.md").exists()


def test_a_municipality_without_a_point_is_counted_not_drawn(client, project):
    Municipality.objects.update(latitude=None, longitude=None)
    page = client.get(urls(project)[1]).content.decode()
    assert "<circle" not in page and "1 " in page


def test_downloads_hold_the_filtered_list(client, project, officer):
    other = funded_project(officer)
    code = project.call.programme.code
    other.title_th = "ระบบแผนที่น้ำท่วม"
    other.save(update_fields=["title_th"])
    csv_url = reverse("api:portfolio_download", args=[code, "csv"])
    text = client.get(csv_url).content.decode("utf-8-sig")
    assert project.reference in text and other.reference in text
    text = client.get(csv_url, {"q": "น้ำท่วม"}).content.decode("utf-8-sig")
    assert other.reference in text and project.reference not in text
    assert text.splitlines()[0].startswith("reference,title_th")
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("api:portfolio_download", args=[code, "xlsx"])).content)
    )
    references = [row[0] for row in workbook.active.iter_rows(min_row=2, values_only=True)]
    assert sorted(references) == sorted([project.reference, other.reference])
    data = json.loads(client.get(reverse("api:portfolio_download", args=[code, "json"])).content)
    assert {item["reference"] for item in data["projects"]} == {project.reference, other.reference}
    assert data["projects"][0]["amount"] == "900000.00"


def test_filters_by_place_region_and_year(client, project, officer):
    code = project.call.programme.code
    url = reverse("api:portfolio_download", args=[code, "json"])

    def references(**filters):
        data = json.loads(client.get(url, filters).content)
        return [item["reference"] for item in data["projects"]]

    town = ProposalMunicipality.objects.filter(proposal=project).first().municipality
    assert references(municipality=town.pk) == [project.reference]
    assert references(province="ลำพูน") == [project.reference]
    assert references(region="north") == [project.reference]
    assert references(region="south") == []
    year = project.call.fiscal_year.year_be
    assert references(fiscal_year=year) == [project.reference]
    assert references(fiscal_year=2400) == [project.reference]  # an unknown year filters nothing
    api = reverse("api:v1:portfolio", args=[code])
    response = client.get(api, {"fiscal_year": 2400})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "fiscal_year"


def test_open_data_runs_a_fixed_number_of_queries(client, project, officer):
    code = project.call.programme.code
    pages = [reverse("api:portfolio_map", args=[code])] + [
        reverse("api:portfolio_download", args=[code, fmt]) for fmt in ("csv", "xlsx", "json")
    ]
    few = [count_queries(lambda url=url: client.get(url)) for url in pages]
    for _ in range(3):
        place(funded_project(officer, amount=Decimal("500000.00")), "16.43220", "103.50610")
    many = [count_queries(lambda url=url: client.get(url)) for url in pages]
    assert few == many


def test_the_portfolio_pages_search_carries_to_its_downloads(client, project):
    code = project.call.programme.code
    page = client.get(reverse("projects:portfolio", args=[code]), {"q": "น้ำ ท่วม"})
    download = reverse("api:portfolio_download", args=[code, "csv"])
    assert f"{download}?q=%E0%B8%99%E0%B9%89%E0%B8%B3%20%E0%B8%97%E0%B9%88%E0%B8%A7%E0%B8%A1" in (
        page.content.decode()
    )
    page = client.get(reverse("api:portfolio_map", args=[code]), {"region": "north"})
    assert f"{download}?region=north" in page.content.decode()
