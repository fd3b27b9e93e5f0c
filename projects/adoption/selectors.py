"""Reads of technology adoption: the matrix of cities × technologies in three queries."""

from accounts.models import Municipality
from indicators.models import Technology
from projects.models import Adoption


def technologies(kind="", dimension=""):
    rows = Technology.objects.filter(is_active=True)
    if kind:
        rows = rows.filter(kind=kind)
    if dimension:
        rows = rows.filter(dimensions=dimension)
    return list(rows.order_by("kind", "name_th").distinct())


def matrix(*, municipalities=None, kind="", dimension="", technology_list=None):
    """(municipalities, technologies, rows): each row a municipality and its cells in the
    technologies' order, a cell the Adoption or None."""
    techs = technology_list if technology_list is not None else technologies(kind, dimension)
    cities = list(
        municipalities if municipalities is not None else Municipality.objects.order_by("name_th")
    )
    found = {
        (row.municipality_id, row.technology_id): row
        for row in Adoption.objects.filter(
            municipality__in=[c.pk for c in cities], technology__in=[t.pk for t in techs]
        ).prefetch_related("projects")
    }
    rows = [(city, [found.get((city.pk, t.pk)) for t in techs]) for city in cities]
    return cities, techs, rows


def adopted_in(municipality):
    """The adoptions of the active technologies in `municipality`, with their technology, in
    the technologies' order (as the cells of its row of the matrix)."""
    return (
        Adoption.objects.filter(municipality=municipality, technology__is_active=True)
        .select_related("technology")
        .order_by("technology__kind", "technology__name_th")
    )


def where_used(technology):
    """The cities that have reached a stage with `technology`, with their projects."""
    return (
        Adoption.objects.filter(technology=technology)
        .select_related("municipality")
        .prefetch_related("projects")
        .order_by("municipality__name_th")
    )
