"""The portfolio's open data: its projects filtered, as the downloads, the map and the API
read them. Nothing names a person (see api.v1.selectors.portfolio_projects)."""

from collections import defaultdict

from django.db.models import Q

from api.v1.selectors import portfolio_projects, with_figures
from proposals.models import ProposalMunicipality


def filtered_projects(programme, filters):
    """The programme's portfolio projects matching `filters` (PortfolioFilterForm.filters())."""
    projects = portfolio_projects(programme)
    if text := filters.get("q"):
        projects = projects.filter(
            Q(reference__icontains=text)
            | Q(title_th__icontains=text)
            | Q(title_en__icontains=text)
            | Q(summary_th__icontains=text)
            | Q(summary_en__icontains=text)
        )
    partners = {}
    if municipality := filters.get("municipality"):
        partners["municipality"] = municipality
    if province := filters.get("province"):
        partners["municipality__province_th"] = province
    if region := filters.get("region"):
        partners["municipality__region"] = region
    if partners:
        projects = projects.filter(
            pk__in=ProposalMunicipality.objects.filter(**partners).values("proposal")
        )
    if technology := filters.get("technology"):
        projects = projects.filter(technologies__technology=technology)
    if dimension := filters.get("dimension"):
        projects = projects.filter(technologies__technology__dimensions=dimension)
    if fiscal_year := filters.get("fiscal_year"):
        projects = projects.filter(call__fiscal_year=fiscal_year)
    return projects.distinct()


def project_rows(programme, filters):
    """Every filtered project as a PublicProject with its figures; a fixed number of queries."""
    return with_figures(programme, list(filtered_projects(programme, filters)))


def map_points(projects):
    """The partner municipalities of `projects` that have a point, each with its projects:
    [(municipality, [project…])] by name."""
    by_town, towns = defaultdict(list), {}
    for project in projects:
        for town in project.municipalities:
            if town.latitude is not None and town.longitude is not None:
                towns[town.pk] = town
                by_town[town.pk].append(project)
    return [(towns[pk], by_town[pk]) for pk in sorted(towns, key=lambda pk: towns[pk].name_th)]
