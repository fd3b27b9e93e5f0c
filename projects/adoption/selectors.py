"""Reads of technology adoption: the matrix of cities × technologies in three queries."""

from accounts.models import Municipality
from indicators.models import Technology
from projects.models import Adoption, AdoptionStage

# The stages at which a city uses a technology (interest is not use; dropped no longer).
IN_USE = (AdoptionStage.PILOTING, AdoptionStage.ADOPTED, AdoptionStage.SCALED)


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


def cities_using(technologies):
    """{technology id: [(municipality, stage label), ...]} of the cities piloting, using or
    scaling up each technology, by the city's Thai name: one query (the catalogue's cards)."""
    uses = {}
    rows = (
        Adoption.objects.filter(technology__in=[t.pk for t in technologies], stage__in=IN_USE)
        .select_related("municipality")
        .order_by("municipality__name_th", "pk")
    )
    for row in rows:
        uses.setdefault(row.technology_id, []).append((row.municipality, row.get_stage_display()))
    return uses
