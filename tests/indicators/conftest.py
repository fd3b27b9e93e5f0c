"""Fixtures the indicators tests share: the seeded programme, two fiscal years, two
municipalities, and the dashboards as `indicators` alone draws them."""

import pytest

from indicators import dashboard, sources
from indicators.demo import seed_programme
from indicators.models import FiscalYear
from tests.factories import MunicipalityFactory


@pytest.fixture
def programme():
    return seed_programme()


@pytest.fixture
def y67():
    return FiscalYear.objects.get(year_be=2567)


@pytest.fixture
def y68():
    return FiscalYear.objects.get(year_be=2568)


@pytest.fixture
def north():
    return MunicipalityFactory(name_th="เทศบาลเมืองเหนือ", name_en="North Town", region="north")


@pytest.fixture
def south():
    return MunicipalityFactory(name_th="เทศบาลเมืองใต้", name_en="South Town", region="south")


@pytest.fixture
def only_the_ledger(monkeypatch):
    """The pages as `indicators` draws them: no resolver or headline of the apps above."""
    monkeypatch.setattr(sources, "_resolvers", {})
    monkeypatch.setattr(dashboard, "_headline_providers", [])
