"""The KPI dashboards: a programme's figures, one indicator's chain down to the evidence, and
what each municipality was promised and given.

Staff only (`rules.can_view_dashboards`); anyone else gets 404 and a signed-out visitor the
login page. Each page runs a fixed number of queries whatever the number of projects.
"""

from urllib.parse import parse_qsl

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Municipality
from core.versioned_cache import EVERYTHING
from indicators import rules, sources
from indicators.cache import ANY_PROGRAMME, FIGURES
from indicators.charts import svg as chart_svg
from indicators.dashboard import charts as dashboard_charts
from indicators.dashboard import headlines as dashboard
from indicators.dashboard import outlook, selectors, whatif
from indicators.dashboard.charts import municipality_share_chart, objective_chart
from indicators.dashboard.forms import DashboardFilterForm
from indicators.models import Indicator, Programme
from indicators.rollup import indicator_rollup

RESULTS_PER_PAGE = 50


def _allowed(request):
    if not rules.can_view_dashboards(request.user):
        raise Http404


def _percent(value):
    """A threshold as people write it: 90 → "90%", 87.50 → "87.5%"."""
    return f"{chart_svg.format_number(value)}%"


def _municipality_url(municipality):
    return reverse("indicators:municipality", args=[municipality.pk])


def _with_query(url, query):
    return f"{url}?{query}" if query else url


def _filters(request, form, programme=None, hidden=""):
    """The filters' form as drawn (its lists of choices are long): kept with the figures of
    `programme` (of every programme without one), per page, query string and language."""
    parts = ["filters", request.path, request.GET.urlencode(), hidden]

    def draw():
        context = {"form": form, "request": request, "hidden_filters": hidden}
        return render_to_string("indicators/dashboard/_filters.html", context)

    if programme is None:
        return FIGURES.get_or_compute(EVERYTHING, [*parts, translation.get_language()], draw)
    return _cached(programme, parts, draw)


def _cached(programme, parts, compute):
    """`compute()` kept in the programme's KPI figures (`indicators.cache`) under `parts`, in
    the language of the request (labels and charts are translated as they are made) and on
    the day (the projection counts the fiscal years ended)."""
    day = timezone.localdate().isoformat()
    return FIGURES.get_or_compute(programme.pk, (*parts, translation.get_language(), day), compute)


@login_required
def dashboard_list(request):
    """The way in from the menu: the programme's dashboard, or the list when there are several."""
    _allowed(request)
    programmes = list(Programme.objects.order_by("code"))
    if len(programmes) == 1:
        return redirect("indicators:dashboard", code=programmes[0].code)
    return render(request, "indicators/dashboard/list.html", {"programmes": programmes})


@login_required
def programme_dashboard(request, code):
    _allowed(request)
    programme = get_object_or_404(Programme, code=code)
    form = DashboardFilterForm(
        request.GET or None,
        programme=programme,
        keep=lambda read: _cached(programme, ["choices"], read),
    )
    scope = selectors.Scope(programme, **form.filters())
    query = form.query()
    context = {
        "programme": programme,
        "filtered": dashboard.FilteredProgramme(programme, dict(parse_qsl(query))),
        "form": form,
        "filters": _filters(request, form, programme),
        "query": query,
        "thresholds": {
            "on_track": _percent(programme.on_track_threshold),
            "at_risk": _percent(programme.at_risk_threshold),
        },
        **_cached(programme, ("dashboard", query), lambda: _dashboard_figures(scope, query)),
    }
    return render(request, "indicators/dashboard/programme.html", context)


def _dashboard_figures(scope, query):
    """What the dashboard computes from the ledger in `scope`: the roll-up by objective with
    its charts, the headlines and the projection."""
    programme = scope.programme
    rollups = indicator_rollup(programme, **scope.rollup_filters())

    def drill_down(indicator):
        url = reverse("indicators:dashboard_indicator", args=[programme.code, indicator.pk])
        return _with_query(url, query)

    by_objective = {}
    for rollup in rollups:
        by_objective.setdefault(rollup.indicator.objective_id, []).append(rollup)
    sections = []
    objectives = {rollup.indicator.objective for rollup in rollups}
    for objective in sorted(objectives, key=lambda objective: (objective.position, objective.code)):
        rows = by_objective.get(objective.pk)
        if rows:
            sections.append(
                {
                    "objective": objective,
                    "rows": [(rollup, drill_down(rollup.indicator)) for rollup in rows],
                    "chart": objective_chart(programme, objective, rows, url=drill_down),
                }
            )
    rows = outlook.programme_outlook(scope, rollups, drill_down)
    # The tables and charts of every indicator, kept rendered: the longest part of the page.
    body = render_to_string(
        "indicators/dashboard/_dashboard_body.html",
        {
            "programme": programme,
            "fiscal_year": scope.fiscal_year,
            "outlook": rows,
            "sections": sections,
        },
    )
    return {
        "statuses": dashboard.status_counts(rollups),
        "headlines": dashboard.headline_figures(scope),
        "sections": sections,
        "outlook": rows,
        "body": body,
    }


@login_required
def next_call(request, code):
    """What-if for the next call: per indicator, the gap between target and projection and
    how many more projects of a typical size would close it."""
    _allowed(request)
    programme = get_object_or_404(Programme, code=code)
    context = {
        "programme": programme,
        "needs": _cached(programme, ("next-call",), lambda: whatif.next_call_needs(programme)),
        "dashboard_url": reverse("indicators:dashboard", args=[programme.code]),
    }
    return render(request, "indicators/dashboard/next_call.html", context)


@login_required
def indicator_dashboard(request, code, pk):
    """Indicator → projects → reports → evidence, in the dashboard's filters."""
    _allowed(request)
    indicator = get_object_or_404(
        Indicator.objects.select_related("objective", "programme"), programme__code=code, pk=pk
    )
    programme = indicator.programme
    form = DashboardFilterForm(
        request.GET or None,
        programme=programme,
        keep=lambda read: _cached(programme, ["choices"], read),
    )
    filters = form.filters()
    # The dimension chooses indicators; this page is about one, so it only travels back.
    filters.pop("dimension", None)
    scope = selectors.Scope(programme, **filters)
    query = form.query()
    figures = _cached(
        programme, ("indicator", indicator.pk, query), lambda: _indicator_figures(scope, indicator)
    )
    number = request.GET.get("page")
    results = _cached(
        programme,
        ("indicator-results", indicator.pk, query, number),
        lambda: _results_page(scope, indicator, query, figures["results"], number),
    )
    context = {
        "programme": programme,
        "indicator": indicator,
        "form": form,
        "filters": _filters(request, form, programme, hidden="dimension"),
        "query": query,
        "rollup": figures["rollup"],
        "projects_table": figures["projects_table"],
        "results_table": results,
        "outlook": figures["outlook"],
        "period_chart": figures["period_chart"],
        "municipality_chart": figures["municipality_chart"],
    }
    return render(request, "indicators/dashboard/indicator.html", context)


def _results_page(scope, indicator, query, count, number):
    """Page `number` of the counted results of `indicator` (the evidence), drawn."""
    paginator = Paginator(selectors.counted_results(scope, indicator), RESULTS_PER_PAGE)
    # The same rows as the projects' counts of results: no query to count them again.
    paginator.count = count
    page = paginator.get_page(number)
    keys, labels = [], {}
    for row in page:
        keys += [row.source, row.report]
        labels.setdefault(row.source, row.source_label)
        labels.setdefault(row.report, row.period)
    resolved = sources.resolve(keys, labels)
    context = {
        "page": page,
        "query": query,
        "results": [(row, resolved[row.source], resolved[row.report]) for row in page],
    }
    return render_to_string("indicators/dashboard/_indicator_results.html", context)


def _indicator_figures(scope, indicator):
    """What the indicator page computes from the ledger in `scope`: its roll-up, its projects'
    figures, its projection per fiscal year and its two charts."""
    (rollup,) = indicator_rollup(scope.programme, **scope.rollup_filters(), indicators=[indicator])
    projects = selectors.source_figures(scope, indicator)
    # Every project of the indicator, a long table at scale: kept rendered, its links with it.
    resolved = sources.resolve(
        [project.source for project in projects],
        {project.source: project.label for project in projects},
    )
    table = render_to_string(
        "indicators/dashboard/_indicator_projects.html",
        {"projects": [(project, resolved[project.source]) for project in projects]},
    )
    return {
        "rollup": rollup,
        "results": sum(project.results for project in projects),
        "projects_table": table,
        "outlook": outlook.year_outlook(scope, indicator, rollup),
        "period_chart": dashboard_charts.period_chart(scope, indicator),
        "municipality_chart": dashboard_charts.municipality_chart(
            scope, indicator, url=_municipality_url
        ),
    }


@login_required
def municipality_list(request):
    _allowed(request)
    # Every municipality with its counts, a long table: kept drawn until any ledger changes.
    table = FIGURES.get_or_compute(
        ANY_PROGRAMME,
        ["municipalities", translation.get_language()],
        lambda: render_to_string(
            "indicators/dashboard/_municipality_rows.html",
            {"municipalities": selectors.municipalities_with_counts()},
        ),
    )
    return render(request, "indicators/dashboard/municipality_list.html", {"table": table})


def _municipality_figures(programme, municipality, fiscal_year):
    """The section of `programme` on the municipality's page: its roll-up there, the projects
    that committed there and what they committed and delivered, the chart."""
    scope = selectors.Scope(programme, fiscal_year=fiscal_year, municipality=municipality)
    rollups = [
        rollup
        for rollup in indicator_rollup(programme, **scope.rollup_filters())
        if rollup.committed is not None or rollup.result is not None
    ]
    return {
        "programme": programme,
        "rollups": rollups,
        "projects": selectors.project_figures(scope, [rollup.indicator for rollup in rollups]),
        "chart": municipality_share_chart(programme, municipality, rollups),
    }


@login_required
def municipality_detail(request, pk):
    """For each programme with counted rows there: its roll-up in the municipality, the
    projects that committed there and what they committed and delivered."""
    _allowed(request)
    municipality = get_object_or_404(Municipality, pk=pk)
    form = DashboardFilterForm(
        request.GET or None,
        only=["fiscal_year"],
        keep=lambda read: FIGURES.get_or_compute(EVERYTHING, ["years"], read),
    )
    fiscal_year = form.filters().get("fiscal_year")
    sections = [
        _cached(
            programme,
            ("municipality", municipality.pk, form.query()),
            lambda programme=programme: _municipality_figures(programme, municipality, fiscal_year),
        )
        for programme in selectors.programmes_in(municipality)
    ]
    keys = [project.source for section in sections for project in section["projects"]]
    labels = {
        project.source: project.label for section in sections for project in section["projects"]
    }
    resolved = sources.resolve(keys, labels)
    sections = [
        {**section, "projects": [(project, resolved[project.source]) for project in projects]}
        for section in sections
        for projects in [section["projects"]]
    ]
    context = {
        "municipality": municipality,
        "form": form,
        "filters": _filters(request, form),
        "query": form.query(),
        "sections": sections,
        "panels": [panel(request, municipality) for panel in dashboard.MUNICIPALITY_PANELS],
    }
    return render(request, "indicators/dashboard/municipality.html", context)
