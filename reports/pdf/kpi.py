"""The programme KPI report: what the programme dashboard shows, printed for a meeting.

A cover (programme, funder, the filters, the date), the dashboard's headline figures, the
results framework (objectives → indicators, their unit, aggregation, direction, baseline and
targets), then for each objective the dashboard's table and chart, and a page for each
municipality with counted data: its share of the roll-up, its chart, and what each project
committed and delivered there.

The figures are the dashboard's own: the same filters (fiscal year, region, technology, read
by its filter form), the same roll-up, selectors and charts. The number of queries is fixed
whatever the number of projects or municipalities: the per-municipality figures come from one
roll-up grouped by municipality and one cut of the ledger by municipality and project.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Municipality, Region
from indicators import sources
from indicators.charts.target import share_of_target
from indicators.dashboard import headlines as dashboard
from indicators.dashboard.charts import municipality_share_chart, objective_chart
from indicators.dashboard.forms import DashboardFilterForm
from indicators.dashboard.selectors import Scope
from indicators.models import (
    Commitment,
    Direction,
    IndicatorTarget,
    Objective,
    Programme,
    Result,
)
from indicators.rollup import indicator_rollup
from indicators.rules import can_view_dashboards
from indicators.totals import committed_totals, result_totals
from projects.adoption import selectors as adoption
from reports import documents
from reports.pdf.charts import printable_chart
from reports.pdf.common import filename, issuer
from reports.pdf.render import open_printers, render_pdf_parts

LABEL = gettext_lazy("Programme KPI report")
TEMPLATE = "reports/pdf/kpi_report.html"
OPTIONS = ("fiscal_year", "region", "technology")
# A long report is printed in about PARTS parts of at least PART_ROWS table rows each, so
# that its progress moves in steps of at most ten points (reports/pdf/render.py merges them),
# and that the parts, printed side by side (one process per core), keep every core busy to
# the end: twenty parts of about two seconds each on two cores leave at most one alone.
PARTS = 20
PART_ROWS = 150
# The progress when the figures are ready and printing starts: ten points for the roll-up,
# ten for the rest (the headlines, framework and objectives take a moment, the
# municipalities' figures longer). Two steps of ten in quick succession would look like
# one of twenty to the job page, which reads the bar now and then; printing takes longest.
FIGURES_DONE = 20
# The charts' width on a landscape page (260 mm between the margins): their 12-unit text
# comes out at about the size of the tables' text.
CHART_WIDTH_MM = 200


def may_have_kpi_report(user, programme):
    """The dashboard's readers: funding officers, programme managers and administrators."""
    return user is not None and user.is_authenticated and can_view_dashboards(user)


def filter_form(programme, options):
    """The dashboard's filter form bound to `options` (only fiscal year, region and technology;
    a list keeps its first value). Filters it cannot use are left out, as on the page."""
    data = {}
    for name in OPTIONS:
        value = (options or {}).get(name)
        if isinstance(value, list | tuple):
            value = value[0] if value else None
        if value not in (None, ""):
            data[name] = value
    return DashboardFilterForm(data or None, programme=programme, only=list(OPTIONS))


@dataclass(frozen=True)
class PlaceRow:
    """An indicator in one municipality: the whole programme's target, what was committed and
    delivered there, and that result as a share of the whole target (no status)."""

    indicator: object
    target: Decimal | None
    committed: Decimal | None
    result: Decimal | None

    @property
    def share(self):
        return share_of_target(
            self.result, self.target, self.indicator.direction == Direction.LOWER
        )


def framework(programme, rollups):
    """The objectives in order, each with its indicators and their target per fiscal year of
    the programme: (years, [(objective, [(indicator, [target or None per year])])]). Three
    queries."""
    years = list(programme.fiscal_years.order_by("year_be"))
    targets = {
        (row.indicator_id, row.fiscal_year_id): row.value
        for row in IndicatorTarget.objects.filter(indicator__programme=programme)
    }
    by_objective = defaultdict(list)
    for rollup in rollups:
        indicator = rollup.indicator
        by_objective[indicator.objective_id].append(
            (indicator, [targets.get((indicator.pk, year.pk)) for year in years])
        )
    objectives = Objective.objects.filter(programme=programme).order_by("position", "code")
    return years, [(objective, by_objective.get(objective.pk, [])) for objective in objectives]


def objective_sections(programme, objectives, rollups):
    """Per objective with indicators: its roll-up rows and the dashboard's chart."""
    by_objective = defaultdict(list)
    for rollup in rollups:
        by_objective[rollup.indicator.objective_id].append(rollup)
    return [
        {
            "objective": objective,
            "rows": by_objective[objective.pk],
            "chart": printable_chart(
                objective_chart(programme, objective, by_objective[objective.pk]),
                width_mm=CHART_WIDTH_MM,
            ),
        }
        for objective, _indicators in objectives
        if by_objective.get(objective.pk)
    ]


def _source_labels(where):
    """{ledger source: the reference the ledger kept}, from commitments, else results."""
    labels = {}
    for model in (Result, Commitment):
        labels.update(
            model.objects.filter(where)
            .values("source")
            .annotate(label=Max("source_label"))
            .order_by()
            .values_list("source", "label")
        )
    return labels


def project_rows(scope, indicators):
    """What each project committed and delivered in each municipality, indicators in framework
    order, and the projects' labels: ({municipality id: [(source, [(indicator, committed,
    result)])]}, {source: label}). Four or five queries."""
    where = scope.ledger()
    fields = ["municipality", "source"]
    committed = committed_totals(indicators, where, fields)
    results = result_totals(indicators, where, fields)
    cells = defaultdict(dict)
    for key in {*committed, *results}:
        indicator_id, place, source = key
        cells[(place, source)][indicator_id] = (committed.get(key), results.get(key))
    places = defaultdict(list)
    for (place, source), by_indicator in cells.items():
        rows = [
            (indicator, *by_indicator[indicator.pk])
            for indicator in indicators
            if indicator.pk in by_indicator
        ]
        places[place].append((source, rows))
    return places, _source_labels(where)


def municipality_pages(programme, scope, rollups):
    """One page per municipality with counted rows in the filters, by region and name: its
    rows of the roll-up, its chart and its projects (each with its resolved label)."""
    indicators = [rollup.indicator for rollup in rollups]
    rows = defaultdict(list)
    for rollup in rollups:
        for group in rollup.groups:
            place = group.key["municipality"]
            if place is not None and (group.committed is not None or group.result is not None):
                rows[place].append(
                    PlaceRow(rollup.indicator, rollup.target, group.committed, group.result)
                )
    projects, labels = project_rows(scope, indicators)
    places = Municipality.objects.in_bulk(list(rows))
    keys = [source for place in rows for source, _rows in projects.get(place, [])]
    resolved = sources.resolve(keys, labels)
    pages = []
    for place in sorted(places.values(), key=lambda town: (town.region, town.name_th)):
        page_projects = sorted(
            ((resolved[source], cells) for source, cells in projects.get(place.pk, [])),
            key=lambda item: item[0].label,
        )
        chart = municipality_share_chart(programme, place, rows[place.pk])
        pages.append(
            {
                "municipality": place,
                "rows": rows[place.pk],
                "projects": page_projects,
                "chart": printable_chart(chart, width_mm=CHART_WIDTH_MM),
            }
        )
    return pages


def filter_lines(form, years):
    """The filters as (label, value) lines for the cover: the fiscal year (or every year of
    the programme), the region and the technology (or "all")."""
    filters = form.filters()
    year = filters.get("fiscal_year")
    if year is not None:
        period = _("Fiscal year %(year)s") % {"year": year.year_be}
    elif years:
        period = _("Fiscal years %(first)s–%(last)s") % {
            "first": years[0].year_be,
            "last": years[-1].year_be,
        }
    else:
        period = _("All years")
    region = filters.get("region")
    technology = filters.get("technology")
    return [
        (_("Period"), period),
        (_("Region"), str(Region(region).label) if region else _("All regions")),
        (_("Technology"), technology.name if technology else _("All technologies")),
    ]


def period_dates(form, years):
    """(first day, last day) of the period the report covers, or None without fiscal years."""
    year = form.filters().get("fiscal_year")
    chosen = [year] if year is not None else years
    if not chosen:
        return None
    return chosen[0].starts_on, chosen[-1].ends_on


def kpi_context(programme, form, progress=documents.no_progress, printers=None):
    """Everything the KPI report prints in the filters of `form` (see `filter_form`), its
    sections built in order with `progress` told. When the roll-up shows the report will be
    printed in parts, `printers` (render.open_printers) are started, to be ready once the
    figures are."""
    scope = Scope(programme, **form.filters())
    rollups = indicator_rollup(programme, **scope.rollup_filters(), group_by=("municipality",))
    if printers is not None and _printed_in_parts(rollups):
        printers.start()
    progress(10)
    headlines = dashboard.headline_figures(scope)
    years, objectives = framework(programme, rollups)
    sections = objective_sections(programme, objectives, rollups)
    pages = municipality_pages(programme, scope, rollups)
    progress(FIGURES_DONE)
    _cities, technologies, adoption_rows = adoption.matrix()
    return {
        "programme": programme,
        "issuer": issuer(programme),
        "filters": filter_lines(form, years),
        "period": period_dates(form, years),
        "filters_left_out": bool(form.errors),
        "thresholds": (programme.on_track_threshold, programme.at_risk_threshold),
        "statuses": dashboard.status_counts(rollups),
        "headlines": headlines,
        "years": years,
        "objectives": objectives,
        "sections": sections,
        "municipalities": pages,
        # The chapter on technology adoption: the cities that have taken up any technology.
        "adoption": {
            "technologies": technologies,
            "rows": [(city, cells) for city, cells in adoption_rows if any(cells)],
        },
        "today": timezone.localdate(),
    }


def report_key(programme, form):
    """`SLC` or `SLC-2568`: the programme's code and the fiscal year filtered on."""
    year = form.filters().get("fiscal_year")
    return f"{programme.code}-{year.year_be}" if year is not None else programme.code


def _printed_in_parts(rollups):
    """Whether the municipalities' pages alone print more than a part's rows (each page's
    heading and chart, and a row per indicator with data there)."""
    rows = [
        group.key["municipality"]
        for rollup in rollups
        for group in rollup.groups
        if group.key["municipality"] is not None
    ]
    return 8 * len(set(rows)) + len(rows) > PART_ROWS


def _page_rows(page):
    """How much a municipality's page prints, in table rows (its heading and chart count)."""
    return 8 + len(page["rows"]) + sum(len(cells) for _source, cells in page["projects"])


def report_parts(context):
    """The report as the parts it is printed in: the first has everything up to the
    objectives and starts the municipalities, each later one a batch of municipalities; each
    about a tenth of the report's rows (at least PART_ROWS), with its `rows`."""
    front = 40 + sum(10 + len(section["rows"]) for section in context["sections"])
    front += sum(2 + len(indicators) for _objective, indicators in context["objectives"])
    front += 6 + len(context["adoption"]["rows"])
    pages = context["municipalities"]
    size = max(PART_ROWS, (front + sum(map(_page_rows, pages))) / PARTS)
    batches, weights = [[]], [front]
    for page in pages:
        rows = _page_rows(page)
        if batches[-1] and weights[-1] + rows > size:
            batches.append([])
            weights.append(0)
        batches[-1].append(page)
        weights[-1] += rows
    return [
        {**context, "municipalities": batch, "continued": index > 0, "rows": rows}
        for index, (batch, rows) in enumerate(zip(batches, weights, strict=True))
    ]


def build_kpi_report(programme, options=None, progress=documents.no_progress):
    """(file name, PDF bytes) of the programme's KPI report in the dashboard's filters. The
    figures come first (to FIGURES_DONE %), then the report is printed in parts, the
    progress moving after each by its share of the rows, up to 95 % before the parts are
    merged."""
    programme = Programme.objects.select_related("funder").get(pk=programme.pk)
    form = filter_form(programme, options)
    key = report_key(programme, form)
    printed = 0
    with open_printers() as printers:
        context = kpi_context(programme, form, progress, printers=printers)
        parts = report_parts(context)
        total = sum(part["rows"] for part in parts)

        def done(part):
            nonlocal printed
            printed += part["rows"]
            progress(FIGURES_DONE + (95 - FIGURES_DONE) * printed / total)

        content = render_pdf_parts(
            TEMPLATE,
            parts,
            title=_("Programme KPI report"),
            reference=key,
            landscape=True,
            done=done,
            printers=printers,
        )
    return filename(key, "kpi-report"), content
