"""What the next call needs as a workbook: the page's figures, worked out by hand in
tests/indicators/test_projection.py and test_next_call.py; who may have it; the same queries
for few and many projects."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicators.demo import seed_programme
from indicators.models import FiscalYear, Programme
from reports.excel.next_call import build_next_call
from tests.factories import MunicipalityFactory
from tests.helpers import assert_access, freeze_now
from tests.indicators.dashboard_ledger import add_projects
from tests.indicators.test_projection import summed  # noqa: F401 (a fixture)
from tests.reports.excel_helpers import flat_queries

pytestmark = pytest.mark.django_db

WHO = {
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


@pytest.fixture
def programme():
    return seed_programme()


@pytest.fixture
def y67():
    return FiscalYear.objects.get(year_be=2567)


@pytest.fixture
def y68():
    return FiscalYear.objects.get(year_be=2568)


def test_the_workbook_holds_the_pages_figures(programme, summed, monkeypatch):  # noqa: F811
    """S: target 50, committed 46, projected 39, gap 11, typical 20 of 3 projects, 1 more."""
    freeze_now(monkeypatch, datetime.datetime(2025, 4, 1, 10, 0, tzinfo=datetime.UTC))

    output = build_next_call(programme)

    sheet = load_workbook(io.BytesIO(output.content)).worksheets[0]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert [Decimal(str(value)) for value in rows["S"][3:9]] == [50, 46, 39, 11, 20, 3]
    assert rows["S"][9] == "1"


def test_staff_who_watch_the_dashboards_may_have_it(client, personas, programme):
    url = reverse("reports:document", args=["next-call", "xlsx", programme.code])
    assert_access(client, personas, url, WHO)


def test_it_runs_as_many_queries_for_many_projects_as_for_few(programme, y68):
    programme = Programme.objects.get(pk=programme.pk)
    indicators = list(programme.indicators.all())
    places = [MunicipalityFactory(), MunicipalityFactory()]

    def make(count):
        add_projects(programme, indicators, count, year=y68, municipalities=places)

    flat_queries(lambda: build_next_call(programme), make, few=2, many=20)
