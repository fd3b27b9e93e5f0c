"""The KPI matrix of a programme as a workbook: indicator × fiscal year × municipality.

Sheet "Matrix": for each indicator (framework order) and fiscal year, one row per municipality
(committed and result; the programme sets no target per municipality, so target, achievement
and status stay empty), then the fiscal year's total row (the programme's target of that year,
committed, result, achievement and status). Sheet "Indicators": the framework, with the
targets of every fiscal year.

Every figure is the roll-up's (`indicators.rollup.rollup_groups`: the groups without the
indicators' overall figures, which the matrix does not show), asked once grouped by fiscal year
(the total rows) and once by fiscal year and municipality, with the dashboard's filters (fiscal
year, region, technology, smart-city dimension; an unusable one is left out, as on the
dashboard). The total rows are the roll-up's figures, not SUM formulas: an indicator combines
its values by its own rule (average, maximum, latest value…), which a sum of the
municipalities' rows would get wrong. A year with a target but nothing committed or reported
yet still gets its total row. A fixed number of queries whatever the number of projects.
"""

from django.db.models import prefetch_related_objects
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.models import Municipality, Region
from indicators.dashboard.forms import DashboardFilterForm
from indicators.models import (
    AchievementStatus,
    FiscalYear,
    Indicator,
    IndicatorTarget,
)
from indicators.rollup import HUNDRED, ledger_scope, programme_indicators, rollup_groups
from reports.documents import XLSX, Output, no_progress
from reports.excel.writer import NUMBER, PERCENT, YEAR, Book, Column

OPTIONS = ("fiscal_year", "region", "technology", "dimension")
BY_YEAR = ("fiscal_year",)
BY_PLACE = ("fiscal_year", "municipality")


def kpi_filters(programme, options):
    """The usable filters of `options` (the dashboard's query string, or a dict), read by the
    dashboard's own form: {name: FiscalYear, region code, Technology or Dimension}."""
    return DashboardFilterForm(options or None, programme=programme).filters()


def matrix_columns():
    return [
        Column(_("Code"), width=10),
        Column(_("Indicator"), width=44),
        Column(_("Unit"), width=12),
        Column(_("Fiscal year"), YEAR, width=10),
        Column(_("Region"), width=14),
        Column(_("Municipality"), width=30),
        Column(_("Target"), NUMBER, width=14),
        Column(_("Committed"), NUMBER, width=14),
        Column(_("Result"), NUMBER, width=14),
        Column(_("Achievement"), PERCENT, width=13),
        Column(_("Status"), width=14),
    ]


def _fraction(achievement):
    """The roll-up's percentage (87.50) as the fraction a PERCENT cell shows (0.875)."""
    return None if achievement is None else achievement / HUNDRED


def _status(status):
    return None if status is None else str(AchievementStatus(status).label)


def _year_targets(indicators):
    """{(indicator id, fiscal year id): target}, the programme's targets per fiscal year."""
    targets = IndicatorTarget.objects.filter(indicator__in=[item.pk for item in indicators])
    return {
        (indicator_id, year_id): value
        for indicator_id, year_id, value in targets.values_list("indicator", "fiscal_year", "value")
    }


class _Names:
    """The fiscal years and municipalities the rows name, read once (two queries)."""

    def __init__(self, year_ids, municipality_ids):
        self.years = FiscalYear.objects.in_bulk(year_ids)
        self.places = Municipality.objects.in_bulk([pk for pk in municipality_ids if pk])
        self.regions = dict(Region.choices)

    def year(self, pk):
        return self.years[pk].year_be

    def place(self, pk):
        """(region, name) of a municipality; rows without one are named as such."""
        if pk is None:
            return None, _("No municipality")
        place = self.places[pk]
        return str(self.regions.get(place.region, place.region)), place.name


def _indicator_cells(indicator):
    return [indicator.code, indicator.name, indicator.unit]


def _place_row(indicator, year, region, name, group):
    """A municipality's row: committed and result, no target (none is set per place)."""
    return [
        *_indicator_cells(indicator),
        year,
        region,
        name,
        group.target,
        group.committed,
        group.result,
        _fraction(group.achievement),
        _status(group.status),
    ]


def _total_row(indicator, year, target, group):
    """The fiscal year's total: the roll-up's group of that year, or only its target."""
    cells = [*_indicator_cells(indicator), year, None, _("All municipalities")]
    if group is None:
        return [*cells, target, None, None, None, None]
    return [
        *cells,
        group.target,
        group.committed,
        group.result,
        _fraction(group.achievement),
        _status(group.status),
    ]


def matrix_rows(indicators, by_year, by_place, targets):
    """The rows of the matrix of `indicators` from their groups by fiscal year and by fiscal
    year and municipality ({indicator id: [RollupGroup]}) and the targets per year."""
    places = {}
    for indicator_id, groups in by_place.items():
        for group in groups:
            places.setdefault((indicator_id, group.key["fiscal_year"]), []).append(group)
    totals = {
        (indicator_id, group.key["fiscal_year"]): group
        for indicator_id, groups in by_year.items()
        for group in groups
    }
    years_of = {}  # {indicator id: the fiscal years it has a row for}
    for indicator_id, year_id in (*places, *totals, *targets):
        years_of.setdefault(indicator_id, set()).add(year_id)
    names = _Names(
        {year for years in years_of.values() for year in years},
        {group.key["municipality"] for groups in places.values() for group in groups},
    )
    rows = []
    for indicator in indicators:
        for year_id in sorted(years_of.get(indicator.pk, ()), key=names.year):
            year = names.year(year_id)
            named = [
                (names.place(group.key["municipality"]), group)
                for group in places.get((indicator.pk, year_id), ())
            ]
            named.sort(key=lambda item: (item[1].key["municipality"] is None, str(item[0][1])))
            for (region, name), group in named:
                rows.append(_place_row(indicator, year, region, name, group))
            key = (indicator.pk, year_id)
            rows.append(_total_row(indicator, year, targets.get(key), totals.get(key)))
    return rows


# The framework ---------------------------------------------------------------------------------


def _field(name):
    """An indicator field's name, as the framework's pages say it."""
    return capfirst(Indicator._meta.get_field(name).verbose_name)


def _yes_no(value):
    return _("Yes") if value else _("No")


def framework_sheet(book, programme, indicators, targets):
    """One row per indicator (`indicators` read with their objective): its objective, the
    definition of how it adds up, its baseline, and its target in each fiscal year (the
    programme's years and any other year with a target)."""
    prefetch_related_objects(indicators, "dimensions")
    years = {year.pk: year.year_be for year in programme.fiscal_years.all()}
    years.update(
        FiscalYear.objects.filter(pk__in={year for _pk, year in targets} - set(years)).values_list(
            "pk", "year_be"
        )
    )
    ordered = sorted(years.items(), key=lambda item: item[1])
    columns = [
        Column(_("Objective"), width=10),
        Column(_("Objective name"), width=36),
        Column(_("Code"), width=10),
        Column(_("Indicator"), width=44),
        Column(_("Unit"), width=12),
        Column(_field("value_type"), width=12),
        Column(_("How results add up"), width=16),
        Column(_field("direction"), width=16),
        Column(_("Baseline"), NUMBER, width=12),
        Column(_field("baseline_year"), YEAR, width=10),
        Column(_field("per_municipality"), width=14),
        Column(_field("dimensions"), width=30),
        *(
            Column(_("Target %(year)s") % {"year": year_be}, NUMBER, width=14)
            for _pk, year_be in ordered
        ),
    ]
    rows = (
        [
            indicator.objective.code,
            indicator.objective.name,
            indicator.code,
            indicator.name,
            indicator.unit,
            indicator.get_value_type_display(),
            indicator.get_aggregation_display(),
            indicator.get_direction_display(),
            indicator.baseline_value,
            indicator.baseline_year,
            _yes_no(indicator.per_municipality),
            ", ".join(str(dimension) for dimension in indicator.dimensions.all()),
            *(targets.get((indicator.pk, pk)) for pk, _year in ordered),
        ]
        for indicator in indicators
    )
    book.add_sheet(_("Indicators"), columns, rows)


# The document ----------------------------------------------------------------------------------


def filename(programme, filters):
    year = filters.get("fiscal_year")
    suffix = f"-{year.year_be}" if year is not None else ""
    return f"{programme.code}-kpi-matrix{suffix}.xlsx"


def build_kpi_matrix(programme, *, user=None, options=None, progress=no_progress):
    """The KPI matrix of `programme` as an .xlsx `Output`, in the dashboard's filters from
    `options`."""
    filters = kpi_filters(programme, options)
    indicators = list(programme_indicators(programme, dimension=filters.pop("dimension", None)))
    where = ledger_scope(programme, [indicator.pk for indicator in indicators], **filters)
    targets = _year_targets(indicators)
    year = filters.get("fiscal_year")
    in_scope = {key: value for key, value in targets.items() if year is None or key[1] == year.pk}
    by_year = rollup_groups(
        programme, indicators, where, BY_YEAR, fiscal_year=year, targets=in_scope
    )
    progress(30)
    by_place = rollup_groups(programme, indicators, where, BY_PLACE, fiscal_year=year)
    progress(60)
    book = Book()
    book.add_sheet(
        _("Matrix"), matrix_columns(), matrix_rows(indicators, by_year, by_place, in_scope)
    )
    framework_sheet(book, programme, indicators, targets)
    progress(100)
    return Output(filename(programme, filters), book.content(), XLSX)
