"""The portfolio's open data pages: a page per funded project, the map of the partner
municipalities and the downloads of the filtered list. Readable by everyone once the programme
publishes its portfolio (staff preview it before), as the portfolio page (projects.rules)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from api.giving.package import package
from api.portfolio import exports, selectors
from api.portfolio import map as drawing
from api.portfolio.forms import PortfolioFilterForm
from api.v1.selectors import portfolio_projects, with_figures
from indicators.models import Programme
from projects import rules

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _programme(request, code):
    programme = get_object_or_404(Programme, code=code)
    if not rules.can_read_portfolio(request.user, programme):
        raise Http404
    return programme


@require_GET
def project(request, code, pk):
    """One funded project as the public sees it: titles, summary, partners, technologies, dates,
    the approved amount and what it delivered. No person is named."""
    programme = _programme(request, code)
    proposal = get_object_or_404(portfolio_projects(programme), pk=pk)
    (item,) = with_figures(programme, [proposal])
    return render(request, "api/portfolio/project.html", {"programme": programme, "project": item})


@require_GET
def project_map(request, code):
    """The partner municipalities of the (filtered) projects on a map, and the same as a list."""
    programme = _programme(request, code)
    form = PortfolioFilterForm(request.GET or None)
    projects = selectors.project_rows(programme, form.filters())
    points = selectors.map_points(projects)
    return render(
        request,
        "api/portfolio/map.html",
        {
            "programme": programme,
            "form": form,
            "projects": projects,
            "dots": drawing.dots(points),
            "grid": drawing.grid(),
            "outline": drawing.outline(),
            "width": drawing.WIDTH,
            "height": drawing.HEIGHT,
            "unplaced": sum(1 for p in projects if not any(t.latitude for t in p.municipalities)),
            "download_query": request.GET.urlencode(),
        },
    )


@require_GET
def download(request, code, fmt):
    """The (filtered) list as CSV, Excel or JSON."""
    if fmt not in FORMATS:
        raise Http404
    programme = _programme(request, code)
    form = PortfolioFilterForm(request.GET or None)
    projects = selectors.project_rows(programme, form.filters())
    if fmt == "csv":
        content = exports.as_csv(projects)
    elif fmt == "xlsx":
        content = exports.as_xlsx(projects, programme.code)
    else:
        content = exports.as_json(programme, projects)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="portfolio-{programme.code}.{fmt}"'
    return response


@require_GET
def giving(request, code):
    """The (filtered) portfolio as a 360Giving Data Standard JSON package."""
    programme = _programme(request, code)
    form = PortfolioFilterForm(request.GET or None)
    data = package(programme, form.filters())
    content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    response = HttpResponse(content.encode("utf-8"), content_type=FORMATS["json"])
    response["Content-Disposition"] = f'attachment; filename="360giving-{programme.code}.json"'
    return response
