from decimal import Decimal

import pytest

from indicators import ledger
from indicators.dashboard import selectors
from indicators.dashboard.selectors import MunicipalityFigures, PeriodFigure, Scope, SourceFigures
from indicators.models import Aggregation, LedgerStatus, Result, ValueType
from indicators.rollup import indicator_rollup
from tests.factories import MunicipalityFactory
from tests.helpers import count_queries
from tests.indicators.dashboard_ledger import MARCH, SEPTEMBER, make_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def north():
    return MunicipalityFactory(name_th="ก เหนือ", name_en="A North", region="north")


@pytest.fixture
def south():
    return MunicipalityFactory(name_th="ข ใต้", name_en="B South", region="south")


def commit(programme, source, rows):
    number = source.split(":")[1]
    ledger.record_commitments(
        programme=programme, source=source, source_label=f"P-{number}", rows=rows
    )


def report(programme, source, report_number, period_end, rows, period="month_6"):
    number = source.split(":")[1]
    ledger.record_results(
        programme=programme,
        report=f"projects.progressreport:{report_number}",
        source=source,
        source_label=f"P-{number}",
        period=period,
        period_end=period_end,
        rows=rows,
    )


def row(indicator, year, value, municipality=None, **extra):
    return {
        "indicator": indicator,
        "fiscal_year": year,
        "value": Decimal(value),
        "municipality": municipality,
        **extra,
    }


P1 = "proposals.proposal:1"
P2 = "proposals.proposal:2"


def test_projects_show_what_each_committed_and_delivered(programme, y68, north, south):
    indicator = make_indicator(programme, "KR1", targets={2568: 100})
    commit(programme, P1, [row(indicator, y68, 10, north), row(indicator, y68, 10, south)])
    commit(programme, P2, [row(indicator, y68, 10, north)])
    report(programme, P1, 11, MARCH, [row(indicator, y68, 4, north), row(indicator, y68, 4, south)])
    report(programme, P2, 21, MARCH, [row(indicator, y68, 4, north)])
    report(programme, P2, 22, SEPTEMBER, [row(indicator, y68, 4, north)])

    assert selectors.source_figures(Scope(programme), indicator) == [
        SourceFigures(P1, "P-1", Decimal("20.00"), Decimal("8.00"), 2),
        SourceFigures(P2, "P-2", Decimal("10.00"), Decimal("8.00"), 2),
    ]
    assert selectors.source_figures(Scope(programme, region="south"), indicator) == [
        SourceFigures(P1, "P-1", Decimal("10.00"), Decimal("4.00"), 1),
    ]


def test_a_latest_indicator_takes_each_projects_newest_value_per_municipality(
    programme, y67, y68, north, south
):
    indicator = make_indicator(programme, "KR1", aggregation=Aggregation.LATEST)
    commit(
        programme,
        P1,
        [
            row(indicator, y67, 10, north),
            row(indicator, y68, 12, north),
            row(indicator, y68, 7, south),
        ],
    )
    report(programme, P1, 11, MARCH, [row(indicator, y68, 4, north), row(indicator, y68, 5, south)])
    report(programme, P1, 12, SEPTEMBER, [row(indicator, y68, 6, north)])

    (figures,) = selectors.source_figures(Scope(programme), indicator)
    (rollup,) = indicator_rollup(programme)

    # committed: the last year of each municipality (12 + 7); result: 6 (north, newest) + 5
    assert (figures.committed, figures.result) == (Decimal("19.00"), Decimal("11.00"))
    assert (rollup.committed, rollup.result) == (figures.committed, figures.result)


def test_latest_percentages_are_averaged_not_added(programme, y68, north, south):
    indicator = make_indicator(
        programme, "KR1", aggregation=Aggregation.LATEST, value_type=ValueType.PERCENT
    )
    commit(programme, P1, [row(indicator, y68, 80, north), row(indicator, y68, 70, south)])
    report(
        programme, P1, 11, MARCH, [row(indicator, y68, 60, north), row(indicator, y68, 50, south)]
    )
    report(programme, P1, 12, SEPTEMBER, [row(indicator, y68, 75, north)])

    (figures,) = selectors.source_figures(Scope(programme), indicator)
    (rollup,) = indicator_rollup(programme)

    assert (figures.committed, figures.result) == (Decimal("75.00"), Decimal("62.50"))
    assert (rollup.committed, rollup.result) == (figures.committed, figures.result)
    assert selectors.period_figures(Scope(programme), indicator) == [
        PeriodFigure(MARCH, Decimal("55.00")),
        PeriodFigure(SEPTEMBER, Decimal("75.00")),
    ]


@pytest.mark.parametrize(
    ("fields", "committed", "result"),
    [
        ({"aggregation": Aggregation.SUM}, ["15.00", "5.00"], ["7.00", "3.00"]),
        ({"aggregation": Aggregation.AVERAGE}, ["7.50", "5.00"], ["3.50", "3.00"]),
        ({"aggregation": Aggregation.MAXIMUM}, ["10.00", "5.00"], ["4.00", "3.00"]),
        ({"aggregation": Aggregation.LATEST}, ["15.00", "5.00"], ["4.00", "3.00"]),
        (
            {"aggregation": Aggregation.LATEST, "value_type": ValueType.PERCENT},
            ["7.50", "5.00"],
            ["4.00", "3.00"],
        ),
    ],
)
def test_municipalities_side_by_side_agree_with_the_rollup(
    programme, y68, north, south, fields, committed, result
):
    indicator = make_indicator(programme, "KR1", **fields)
    commit(programme, P1, [row(indicator, y68, 10, north), row(indicator, y68, 5, south)])
    commit(programme, P2, [row(indicator, y68, 5, north)])
    report(programme, P1, 11, MARCH, [row(indicator, y68, 3, north), row(indicator, y68, 3, south)])
    report(programme, P2, 21, SEPTEMBER, [row(indicator, y68, 4, north)])

    figures = selectors.municipality_figures(Scope(programme), indicator)
    (rollup,) = indicator_rollup(programme, group_by=("municipality",))

    assert figures == [
        MunicipalityFigures(north, Decimal(committed[0]), Decimal(result[0])),
        MunicipalityFigures(south, Decimal(committed[1]), Decimal(result[1])),
    ]
    assert {
        group.key["municipality"]: (group.committed, group.result) for group in rollup.groups
    } == {figure.municipality.pk: (figure.committed, figure.result) for figure in figures}


def test_count_of_yes_counts_the_yes_of_each_project(programme, y68, north, south):
    indicator = make_indicator(
        programme, "KR1", value_type=ValueType.YES_NO, aggregation=Aggregation.COUNT_YES
    )
    commit(programme, P1, [row(indicator, y68, 1, north), row(indicator, y68, 1, south)])
    report(programme, P1, 11, MARCH, [row(indicator, y68, 1, north), row(indicator, y68, 0, south)])

    assert selectors.source_figures(Scope(programme), indicator) == [
        SourceFigures(P1, "P-1", Decimal("2.00"), Decimal("1.00"), 2)
    ]


def test_rows_without_a_municipality_come_last(programme, y68, north):
    indicator = make_indicator(programme, "KR1")
    commit(programme, P1, [row(indicator, y68, 10, north), row(indicator, y68, 2)])

    assert selectors.municipality_figures(Scope(programme), indicator) == [
        MunicipalityFigures(north, Decimal("10.00"), None),
        MunicipalityFigures(None, Decimal("2.00"), None),
    ]


def test_results_per_period_add_up_the_projects(programme, y68, north, south):
    indicator = make_indicator(programme, "KR1")
    report(programme, P1, 11, MARCH, [row(indicator, y68, 3, north), row(indicator, y68, 2, south)])
    report(programme, P2, 21, MARCH, [row(indicator, y68, 1, north)])
    report(programme, P2, 22, SEPTEMBER, [row(indicator, y68, 4, north)])
    report(programme, P1, 12, SEPTEMBER, [row(indicator, y68, 9, north)])
    ledger.discount_results(report="projects.progressreport:12")

    assert selectors.period_figures(Scope(programme), indicator) == [
        PeriodFigure(MARCH, Decimal("6.00")),
        PeriodFigure(SEPTEMBER, Decimal("4.00")),
    ]


def test_counted_results_are_the_evidence_in_order(programme, y68, north, south):
    indicator = make_indicator(programme, "KR1")
    url = "https://example.org/photo.jpg"
    report(programme, P2, 22, SEPTEMBER, [row(indicator, y68, 4, north, evidence_url=url)])
    report(programme, P1, 11, MARCH, [row(indicator, y68, 3, south, note="สำรวจแล้ว")])
    report(programme, P1, 12, SEPTEMBER, [row(indicator, y68, 9, north)])
    ledger.discount_results(report="projects.progressreport:12")

    rows = selectors.counted_results(Scope(programme), indicator)

    assert [(r.report, r.value, r.municipality, r.note, r.evidence_url) for r in rows] == [
        ("projects.progressreport:11", Decimal("3.00"), south, "สำรวจแล้ว", ""),
        ("projects.progressreport:22", Decimal("4.00"), north, "", url),
    ]


def test_the_figures_of_one_indicator_take_a_fixed_number_of_queries(programme, y68, north):
    indicator = make_indicator(programme, "KR1")
    latest = make_indicator(programme, "KR2", aggregation=Aggregation.LATEST)
    for number in range(1, 8):
        source = f"proposals.proposal:{number}"
        commit(programme, source, [row(indicator, y68, 1, north), row(latest, y68, 1, north)])
        report(programme, source, number, MARCH, [row(indicator, y68, 1, north)])
    scope = Scope(programme)

    assert count_queries(lambda: selectors.source_figures(scope, indicator)) == 2
    assert count_queries(lambda: selectors.period_figures(scope, latest)) == 1
    assert count_queries(lambda: selectors.municipality_figures(scope, indicator)) == 1
    assert count_queries(lambda: selectors.project_figures(scope, [indicator, latest])) == 1


def test_municipalities_count_their_projects_and_results(programme, y68, north, south):
    quiet = MunicipalityFactory(name_th="ค เงียบ", region="central")
    indicator = make_indicator(programme, "KR1")
    other = make_indicator(programme, "KR2")
    commit(programme, P1, [row(indicator, y68, 1, north), row(other, y68, 1, north)])
    commit(programme, P2, [row(indicator, y68, 1, north), row(indicator, y68, 1, south)])
    commit(programme, "proposals.proposal:3", [row(indicator, y68, 1, south)])
    ledger.withdraw_commitments(source="proposals.proposal:3")
    report(programme, P1, 11, MARCH, [row(indicator, y68, 1, north), row(other, y68, 1, north)])
    report(programme, P2, 21, MARCH, [row(indicator, y68, 1, south)])
    ledger.discount_results(report="projects.progressreport:21")

    counts = {
        m.name_th: (m.project_count, m.result_count) for m in selectors.municipalities_with_counts()
    }

    assert counts == {"ก เหนือ": (2, 2), "ข ใต้": (1, 0), "ค เงียบ": (0, 0)}
    assert count_queries(lambda: list(selectors.municipalities_with_counts())) == 1
    assert list(selectors.programmes_in(north)) == [programme]
    assert list(selectors.programmes_in(quiet)) == []


def test_projects_in_a_municipality_list_their_indicators(programme, y68, north, south):
    indicator = make_indicator(programme, "KR1")
    other = make_indicator(programme, "KR2")
    commit(programme, P2, [row(indicator, y68, 5, north), row(other, y68, 2, south)])
    commit(programme, P1, [row(other, y68, 3, north)])
    report(programme, P1, 11, MARCH, [row(other, y68, 1, north)])

    projects = selectors.project_figures(Scope(programme, municipality=north), [indicator, other])

    assert [(p.source, p.label, p.rows) for p in projects] == [
        (P1, "P-1", [(other, Decimal("3.00"), Decimal("1.00"))]),
        (P2, "P-2", [(indicator, Decimal("5.00"), None)]),
    ]


def test_not_counted_rows_are_left_out_everywhere(programme, y68, north):
    indicator = make_indicator(programme, "KR1")
    commit(programme, P1, [row(indicator, y68, 5, north)])
    report(programme, P1, 11, MARCH, [row(indicator, y68, 2, north)])
    ledger.withdraw_commitments(source=P1)
    ledger.discount_results(report="projects.progressreport:11")
    scope = Scope(programme)

    assert Result.objects.filter(status=LedgerStatus.NOT_COUNTED).count() == 1
    assert selectors.source_figures(scope, indicator) == []
    assert selectors.period_figures(scope, indicator) == []
    assert selectors.municipality_figures(scope, indicator) == []
    assert list(selectors.counted_results(scope, indicator)) == []
