"""Reads of programmes and their frameworks, shaped for their pages."""

from django.db.models import Count, Prefetch

from indicators.models import (
    Dimension,
    FiscalYear,
    Indicator,
    IndicatorTarget,
    Objective,
    Programme,
    Technology,
)


def programmes():
    return (
        Programme.objects.select_related("funder", "strategy")
        .prefetch_related("fiscal_years")
        .annotate(
            objective_count=Count("objectives", distinct=True),
            indicator_count=Count("indicators", distinct=True),
        )
        .order_by("code")
    )


def framework(programme, *, technologies=True):
    """Objectives with their indicators, each with targets, dimensions and (unless the reader
    shows none) technologies."""
    parts = [
        Prefetch("targets", queryset=IndicatorTarget.objects.select_related("fiscal_year")),
        Prefetch("dimensions", queryset=Dimension.objects.all()),
    ]
    if technologies:
        parts.append(Prefetch("technologies", queryset=Technology.objects.all()))
    indicators = Indicator.objects.prefetch_related(*parts).order_by("position", "code")
    return (
        Objective.objects.filter(programme=programme)
        .prefetch_related(Prefetch("indicators", queryset=indicators))
        .order_by("position", "code")
    )


def fiscal_years(programme):
    return list(programme.fiscal_years.order_by("year_be"))


def years_to_fill(years, indicators):
    """The fiscal years among `years` (in order) in which some of `indicators` has no target
    (each with its `target_row`, aligned with `years`)."""
    return [
        year
        for position, year in enumerate(years)
        if any(indicator.target_row[position] is None for indicator in indicators)
    ]


def targets_by_key(programme):
    """{(indicator_id, fiscal_year_id): value} for a programme's targets."""
    return {
        (target.indicator_id, target.fiscal_year_id): target.value
        for target in IndicatorTarget.objects.filter(indicator__programme=programme)
    }


def technologies():
    return Technology.objects.prefetch_related("dimensions").order_by("kind", "name_th")


def all_fiscal_years():
    return FiscalYear.objects.order_by("year_be")
