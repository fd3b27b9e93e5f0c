"""The KPI matrix: indicator × fiscal year × municipality. Every figure is the roll-up's
(compared with `indicator_rollup` directly and, for one indicator, worked out by hand), the
total rows carry the year's target, the framework sheet is the database's, filters are the
dashboard's, and the build runs a fixed number of queries."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Municipality
from accounts.roles import Role
from indicators.demo import seed_framework, seed_programme
from indicators.models import FiscalYear, Indicator, IndicatorTarget, Programme, Technology
from indicators.rollup import indicator_rollup
from reports import documents
from reports import jobs as report_jobs
from reports.excel import KPI_MATRIX
from reports.excel.kpi import build_kpi_matrix
from reports.excel.rules import may_export_kpi_matrix
from reports.models import JobState, ReportJob
from tests.factories import MunicipalityFactory
from tests.helpers import ANONYMOUS, OUTSIDER, status_for
from tests.indicators.dashboard_ledger import SEPTEMBER, add_project
from tests.reports.excel_helpers import (
    answers_of,
    cell_xml,
    data_of,
    decimal,
    flat_queries,
    header_of,
    open_book,
    rows_of,
    sheet_xml,
)

pytestmark = pytest.mark.django_db

D = Decimal
HEADER = [
    "Code",
    "Indicator",
    "Unit",
    "Fiscal year",
    "Region",
    "Municipality",
    "Target",
    "Committed",
    "Result",
    "Achievement",
    "Status",
]
ALL = "All municipalities"


@pytest.fixture(autouse=True)
def _english(settings, tmp_path):
    """In English (these sheets' words are new to the Thai catalogue); files in a temporary
    folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


@pytest.fixture
def programme():
    return seed_framework(seed_programme())


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


def kr(code):
    return Indicator.objects.get(programme__code="SLC", code=code)


@pytest.fixture
def ledger(programme, y67, y68, north, south):
    """Projects across two years and two municipalities, every kind of aggregation; one
    without a municipality; one reporting twice; one filed under a technology."""
    every = list(Indicator.objects.filter(programme=programme))
    add_project(programme, every, year=y68, municipalities=[north, south], committed=10, reported=4)
    add_project(
        programme,
        every,
        year=y68,
        municipalities=[north],
        committed=6,
        reported=3,
        periods=(
            (SEPTEMBER.replace(year=2024), "month_6"),
            (SEPTEMBER, "month_12"),
        ),
        technology=Technology.objects.order_by("pk").first(),
    )
    add_project(programme, every, year=y67, municipalities=[south], committed=5, reported=5)
    add_project(programme, [kr("KR1.1"), kr("KR2.3")], year=y68, municipalities=[None])
    return programme


def matrix(programme, options=None, user=None):
    return open_book(build_kpi_matrix(programme, user=user, options=options or {}))["Matrix"]


def keyed(sheet):
    """{(code, year, municipality): [target, committed, result, achievement, status]}, the
    numbers as Decimals; a key seen twice fails."""
    rows = {}
    for row in data_of(sheet, totals=False):
        key = (row[0], row[3], row[5])
        assert key not in rows, key
        rows[key] = [*(decimal(value) for value in row[6:10]), row[10]]
    return rows


def percent(achievement):
    return None if achievement is None else achievement / 100


def label(status):
    return None if status is None else str(status.label)


def expected_matrix(programme, **filters):
    """The rows the roll-up gives, grouped by fiscal year (totals, with targets) and by fiscal
    year and municipality; plus a total row with only the target for a year without
    figures."""
    years = {year.pk: year.year_be for year in FiscalYear.objects.all()}
    places = {place.pk: place.name_en for place in Municipality.objects.all()}
    rows = {}
    for rollup in indicator_rollup(programme, **filters, group_by=("fiscal_year", "municipality")):
        for group in rollup.groups:
            place = places.get(group.key["municipality"], "No municipality")
            rows[(rollup.indicator.code, years[group.key["fiscal_year"]], place)] = [
                None,
                group.committed,
                group.result,
                None,
                None,
            ]
    for rollup in indicator_rollup(programme, **filters, group_by=("fiscal_year",)):
        for group in rollup.groups:
            rows[(rollup.indicator.code, years[group.key["fiscal_year"]], ALL)] = [
                group.target,
                group.committed,
                group.result,
                percent(group.achievement),
                label(group.status),
            ]
        targets = IndicatorTarget.objects.filter(indicator=rollup.indicator)
        if filters.get("fiscal_year"):
            targets = targets.filter(fiscal_year=filters["fiscal_year"])
        for target in targets.select_related("fiscal_year"):
            key = (rollup.indicator.code, target.fiscal_year.year_be, ALL)
            rows.setdefault(key, [target.value, None, None, None, None])
    return rows


# The figures -----------------------------------------------------------------------------------


def test_every_row_of_the_matrix_is_the_rollups(ledger):
    sheet = matrix(ledger)
    assert header_of(sheet) == HEADER
    assert keyed(sheet) == expected_matrix(ledger)
    # a total per indicator and year; 13 indicators in two places and 13 in one in 2568, 13 in
    # one place in 2567, and two without a municipality
    assert len(keyed(sheet)) == 13 * 2 + 26 + 13 + 2


def test_a_sum_indicator_worked_out_by_hand(ledger):
    rows = [row for row in data_of(matrix(ledger), totals=False) if row[0] == "KR1.2"]
    assert [row[3:6] for row in rows] == [
        [2567, "South", "South Town"],
        [2567, None, ALL],
        [2568, "North", "North Town"],
        [2568, "South", "South Town"],
        [2568, None, ALL],
    ]
    # 2567: one project in the south, 5 committed, 5 reported; target 20 → 25%.
    assert [decimal(value) for value in rows[0][6:10]] == [None, D(5), D(5), None]
    assert [decimal(value) for value in rows[1][6:10]] == [D(20), D(5), D(5), D("0.25")]
    assert rows[1][10] == "Off track"
    # 2568 north: 10 + 6 committed, 4 + 3 + 3 reported (the second project reported twice).
    assert [decimal(value) for value in rows[2][6:9]] == [None, D(16), D(10)]
    assert [decimal(value) for value in rows[3][6:9]] == [None, D(10), D(4)]
    # The year: 26 committed, 14 reported against 45 → 31.11%.
    assert [decimal(value) for value in rows[4][6:10]] == [D(45), D(26), D(14), D("0.3111")]
    assert rows[2][0:3] == ["KR1.2", "Urban survey datasets produced and published", "datasets"]


def test_averages_and_latest_values_are_not_added_up_in_the_totals(ledger):
    rows = keyed(matrix(ledger))
    # KR1.3 averages every row: committed (10 + 10 + 6) / 3, reported (4 + 4 + 3 + 3) / 4.
    assert rows[("KR1.3", 2568, ALL)][1:3] == [D("8.67"), D("3.50")]
    # KR4.2 takes each municipality's latest value (north 3, south 4), averaged as percents.
    assert rows[("KR4.2", 2568, ALL)][2] == D("3.50")
    # KR4.3 takes the maximum.
    assert rows[("KR4.3", 2568, ALL)][1:3] == [D(10), D(4)]


def test_count_of_yes_counts_each_municipality_once(ledger):
    """KR1.4 (yes/no per municipality) in 2568: the first project says yes in the north and
    the south, the second in the north in each of its two reports: two municipalities (not
    four rows), committed by two (not three); 2 of the target 10 = 20% (issue #13, item 3)."""
    rows = keyed(matrix(ledger))
    assert rows[("KR1.4", 2568, "North Town")][1:3] == [D(1), D(1)]
    assert rows[("KR1.4", 2568, ALL)] == [D(10), D(2), D(2), D("0.2"), "Off track"]


def test_a_year_with_a_target_and_no_figures_still_has_its_total(programme):
    rows = data_of(matrix(programme), totals=False)
    kr11 = ["KR1.1", "Cities running a city data platform", "cities"]
    assert rows[:2] == [
        [*kr11, 2567, None, ALL, 6, None, None, None, None],
        [*kr11, 2568, None, ALL, 12, None, None, None, None],
    ]
    assert len(rows) == 26


def test_rows_without_a_municipality_are_named_so(ledger):
    rows = keyed(matrix(ledger))
    assert rows[("KR1.1", 2568, "No municipality")] == [None, D(10), D(4), None, None]


# Filters ---------------------------------------------------------------------------------------


def test_the_fiscal_year_filter_is_the_dashboards(ledger, y68):
    sheet = matrix(ledger, {"fiscal_year": "2568"})
    assert keyed(sheet) == expected_matrix(ledger, fiscal_year=y68)
    assert {row[3] for row in data_of(sheet, totals=False)} == {2568}


def test_the_region_and_technology_filters_are_the_dashboards(ledger):
    technology = Technology.objects.order_by("pk").first()
    by_region = keyed(matrix(ledger, {"region": "north"}))
    assert by_region == expected_matrix(ledger, region="north")
    assert {key[2] for key in by_region} == {"North Town", ALL}
    by_technology = keyed(matrix(ledger, {"technology": str(technology.pk)}))
    assert by_technology == expected_matrix(ledger, technology=technology)
    # only the project filed under it: 6 committed, 3 reported in each of two periods
    assert by_technology[("KR1.2", 2568, "North Town")][1:3] == [D(6), D(6)]


def test_an_unusable_filter_is_left_out_as_on_the_dashboard(ledger):
    assert keyed(matrix(ledger, {"fiscal_year": "2599", "region": "mars"})) == keyed(matrix(ledger))


def test_the_file_is_named_for_the_programme_and_the_year(ledger):
    assert build_kpi_matrix(ledger, options={}).filename == "SLC-kpi-matrix.xlsx"
    output = build_kpi_matrix(ledger, options={"fiscal_year": "2567"})
    assert (output.filename, output.format) == ("SLC-kpi-matrix-2567.xlsx", documents.XLSX)


# The framework sheet ---------------------------------------------------------------------------


def test_the_indicators_sheet_is_the_framework_with_its_targets(ledger):
    sheet = open_book(build_kpi_matrix(ledger, options={}))["Indicators"]
    assert header_of(sheet) == [
        "Objective",
        "Objective name",
        "Code",
        "Indicator",
        "Unit",
        "Value type",
        "How results add up",
        "Direction",
        "Baseline",
        "Baseline year (B.E.)",
        "Reported per municipality",
        "Smart-city dimensions",
        "Target 2567",
        "Target 2568",
    ]
    rows = data_of(sheet, totals=False)
    indicators = Indicator.objects.filter(programme=ledger).select_related("objective")
    assert [row[2] for row in rows] == [indicator.code for indicator in indicators]
    targets = {
        (target.indicator_id, target.fiscal_year.year_be): target.value
        for target in IndicatorTarget.objects.select_related("fiscal_year")
    }
    for row, indicator in zip(rows, indicators, strict=True):
        assert row[:4] == [
            indicator.objective.code,
            indicator.objective.name_en,
            indicator.code,
            indicator.name_en,
        ]
        assert [decimal(row[12]), decimal(row[13])] == [
            targets.get((indicator.pk, 2567)),
            targets.get((indicator.pk, 2568)),
        ]
    kr13 = rows[2]
    assert kr13[4:12] == [
        "%",
        "Percent",
        "Average",
        "Higher is better",
        35,
        2566,
        "Yes",
        "Smart environment, Smart governance",
    ]
    assert rows[0][10] == "No" and rows[0][8:10] == [2, 2566]


def test_the_indicators_sheet_keeps_every_target_when_a_year_is_chosen(ledger):
    book = open_book(build_kpi_matrix(ledger, options={"fiscal_year": "2568"}))
    first = data_of(book["Indicators"], totals=False)[0]
    assert (first[2], first[12:]) == ("KR1.1", [6, 12])


def test_the_dimension_filter_keeps_its_indicators_in_both_sheets(ledger):
    book = open_book(build_kpi_matrix(ledger, options={"dimension": "environment"}))
    codes = ["KR1.3", "KR4.3"]
    assert [row[2] for row in data_of(book["Indicators"], totals=False)] == codes
    assert sorted({row[0] for row in data_of(book["Matrix"], totals=False)}) == codes


# The file --------------------------------------------------------------------------------------


def test_headers_are_frozen_filtered_and_numbers_formatted(ledger):
    output = build_kpi_matrix(ledger, options={})
    sheet = open_book(output)["Matrix"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:K{len(rows_of(sheet))}"
    assert sheet["D2"].number_format == "0"
    assert sheet["G3"].number_format == "0.00"
    assert sheet["H2"].number_format == "0.00" and sheet["I2"].number_format == "0.00"
    assert sheet["J3"].number_format == "0.00%"
    assert sheet["A1"].font.bold
    assert open_book(output)["Indicators"].freeze_panes == "A2"


def test_there_are_no_formulas_the_totals_are_the_rollups(ledger):
    output = build_kpi_matrix(ledger, options={})
    assert "<f>" not in sheet_xml(output, 1)


def test_a_formula_in_an_indicators_name_stays_text(ledger):
    Indicator.objects.filter(code="KR1.1").update(name_en='=HYPERLINK("http://x.test","1")')
    output = build_kpi_matrix(ledger, options={})
    sheet = open_book(output)["Matrix"]
    assert sheet["B2"].value == '=HYPERLINK("http://x.test","1")'
    assert sheet["B2"].data_type == "s"
    assert "<f>" not in cell_xml(sheet_xml(output, 1), "B2")


def test_the_build_runs_the_same_queries_for_few_and_many_projects(programme, y68, north, south):
    every = list(Indicator.objects.filter(programme=programme))
    places = iter([north, south] * 20)

    def make(count):
        for _n in range(count):
            add_project(programme, every, year=y68, municipalities=[next(places)])

    def build():
        return build_kpi_matrix(Programme.objects.get(pk=programme.pk), options={})

    queries = flat_queries(build, make, few=1, many=10)
    # the programme, the indicators with their objectives, the targets per year, the groups by
    # year and by year and municipality (one query each, cumulative sums by year included, see
    # indicators.totals.ledger_totals), the years, the municipalities, and for the framework:
    # the dimensions, the programme's years
    assert queries == 9


# Who -------------------------------------------------------------------------------------------


def test_staff_who_watch_the_dashboards_may_have_it(programme, personas):
    answers = answers_of(may_export_kpi_matrix, programme, personas)
    assert answers == {
        Role.RESEARCHER.value: False,
        Role.FUNDING_OFFICER.value: True,
        Role.REVIEWER.value: False,
        Role.PROGRAMME_MANAGER.value: True,  # even of another programme, as the dashboard
        Role.ADMINISTRATOR.value: True,
        "mentor": False,
        "finance": False,
        OUTSIDER: False,
        ANONYMOUS: False,
    }


def test_the_address_queues_a_job_for_staff_and_answers_404_to_others(client, programme, personas):
    url = reverse("reports:document", args=["kpi-matrix", "xlsx", "SLC"])
    answers = {name: status_for(client, user, url) for name, user in personas.items()}
    assert answers == {
        Role.RESEARCHER.value: 404,
        Role.FUNDING_OFFICER.value: 302,
        Role.REVIEWER.value: 404,
        Role.PROGRAMME_MANAGER.value: 302,
        Role.ADMINISTRATOR.value: 302,
        "mentor": 404,
        "finance": 404,
        OUTSIDER: 404,
        ANONYMOUS: 302,
    }
    jobs = ReportJob.objects.filter(kind="kpi-matrix").order_by("pk")
    assert [job.requested_by for job in jobs] == [
        personas[Role.FUNDING_OFFICER.value],
        personas[Role.PROGRAMME_MANAGER.value],
        personas[Role.ADMINISTRATOR.value],
    ]


def test_the_job_builds_the_matrix_with_the_filters_asked(client, ledger, manager):
    manager.preferred_language = "en"
    manager.save(update_fields=["preferred_language"])
    client.force_login(manager)
    url = reverse("reports:document", args=["kpi-matrix", "xlsx", "SLC"])
    response = client.get(url + "?fiscal_year=2568&page=2")
    job = ReportJob.objects.get(kind="kpi-matrix")
    assert response.url == job.get_absolute_url()
    assert job.options == {"fiscal_year": "2568"}
    assert report_jobs.run_job(job.pk) == JobState.DONE
    job = ReportJob.objects.get(pk=job.pk)
    assert job.filename == "SLC-kpi-matrix-2568.xlsx"
    with job.file.open("rb") as handle:
        sheet = open_book(handle.read())["Matrix"]
    assert {row[3] for row in data_of(sheet, totals=False)} == {2568}


def test_the_matrix_is_in_the_catalogue():
    assert documents.get("kpi-matrix", documents.XLSX) is KPI_MATRIX
    assert (KPI_MATRIX.scope, KPI_MATRIX.background) == (documents.PROGRAMME, True)
    assert KPI_MATRIX.options == ("fiscal_year", "region", "technology", "dimension")
