import datetime
from decimal import Decimal

import pytest

from indicators import ledger
from indicators.demo import seed_programme
from indicators.models import (
    Aggregation,
    Commitment,
    FiscalYear,
    Funder,
    Indicator,
    LedgerStatus,
    Objective,
    Programme,
    Result,
    ValueType,
)
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def make_indicator(programme, code, **fields):
    objective, _created = Objective.objects.get_or_create(
        programme=programme, code="O1", defaults={"name_th": "วัตถุประสงค์", "name_en": "Objective"}
    )
    return Indicator.objects.create(
        programme=programme, objective=objective, code=code, name_th=code, name_en=code, **fields
    )


@pytest.fixture
def programme():
    return seed_programme()


@pytest.fixture
def year():
    return FiscalYear.objects.get(year_be=2568)


def commit(programme, indicator, year, value, **extra):
    return ledger.record_commitments(
        programme=programme,
        source="proposals.proposal:1",
        source_label="SLC-2568-0001",
        rows=[{"indicator": indicator, "fiscal_year": year, "value": value, **extra}],
    )


def test_it_replaces_the_commitments_of_a_source(programme, year):
    indicator = make_indicator(programme, "KR1")
    commit(programme, indicator, year, 5)
    commit(programme, indicator, year, 7)

    assert list(Commitment.objects.values_list("value", "status", "source_label")) == [
        (Decimal("7.00"), LedgerStatus.COUNTED, "SLC-2568-0001")
    ]


def test_withdrawing_stops_counting_only_that_source(programme, year):
    indicator = make_indicator(programme, "KR1")
    commit(programme, indicator, year, 5)
    ledger.record_commitments(
        programme=programme,
        source="proposals.proposal:2",
        source_label="SLC-2568-0002",
        rows=[{"indicator": indicator, "fiscal_year": year, "value": 3}],
    )

    assert ledger.withdraw_commitments(source="proposals.proposal:1") == 1
    assert dict(Commitment.objects.values_list("source", "status")) == {
        "proposals.proposal:1": LedgerStatus.NOT_COUNTED,
        "proposals.proposal:2": LedgerStatus.COUNTED,
    }


def test_it_replaces_the_results_of_a_report_and_discounts_them(programme, year):
    indicator = make_indicator(programme, "KR1")
    town = MunicipalityFactory()

    def report(value):
        ledger.record_results(
            programme=programme,
            report="projects.progressreport:7",
            source="proposals.proposal:1",
            source_label="SLC-2568-0001",
            period="month_6",
            period_end=datetime.date(2025, 3, 31),
            rows=[
                {
                    "indicator": indicator,
                    "fiscal_year": year,
                    "municipality": town,
                    "value": value,
                    "evidence_url": "https://example.org/evidence",
                }
            ],
        )

    report(4)
    report(6)
    assert list(Result.objects.values_list("value", "municipality", "period", "evidence_url")) == [
        (Decimal("6.00"), town.pk, "month_6", "https://example.org/evidence")
    ]

    assert ledger.discount_results(report="projects.progressreport:7") == 1
    assert Result.objects.get().status == LedgerStatus.NOT_COUNTED


def test_it_refuses_an_indicator_of_another_programme(programme, year):
    funder = Funder.objects.create(name_th="อื่น", name_en="Other")
    other = Programme.objects.create(code="other", name_th="อื่น", name_en="Other", funder=funder)
    indicator = make_indicator(other, "KR9")

    with pytest.raises(ValueError, match="belongs to another programme"):
        commit(programme, indicator, year, 1)
    assert not Commitment.objects.exists()


def test_it_requires_a_municipality_for_a_per_municipality_indicator(programme, year):
    indicator = make_indicator(programme, "KR1", per_municipality=True)

    with pytest.raises(ValueError, match="per municipality"):
        commit(programme, indicator, year, 1)
    commit(programme, indicator, year, 1, municipality=MunicipalityFactory())
    assert Commitment.objects.count() == 1


@pytest.mark.parametrize("value", [2, Decimal("0.5"), -1])
def test_it_refuses_a_yes_no_value_other_than_0_or_1(programme, year, value):
    indicator = make_indicator(
        programme, "KR1", value_type=ValueType.YES_NO, aggregation=Aggregation.COUNT_YES
    )

    with pytest.raises(ValueError, match="must be 0 or 1"):
        commit(programme, indicator, year, value)


def test_a_refused_row_leaves_the_previous_rows_in_place(programme, year):
    indicator = make_indicator(programme, "KR1", per_municipality=True)
    town = MunicipalityFactory()
    commit(programme, indicator, year, 1, municipality=town)

    with pytest.raises(ValueError):
        commit(programme, indicator, year, 2)
    assert list(Commitment.objects.values_list("value", flat=True)) == [Decimal("1.00")]
