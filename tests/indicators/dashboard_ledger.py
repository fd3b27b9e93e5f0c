"""Ledger rows for the dashboard tests: funded projects written through `indicators.ledger`."""

import datetime
import itertools
from decimal import Decimal

from indicators import ledger
from indicators.models import FiscalYear, Indicator, IndicatorTarget, Objective, ValueType

MARCH = datetime.date(2025, 3, 31)
SEPTEMBER = datetime.date(2025, 9, 30)

_numbers = itertools.count(1)


def value_for(indicator, base):
    """A value the ledger accepts for `indicator` (0 or 1 for yes/no)."""
    if indicator.value_type == ValueType.YES_NO:
        return Decimal(1)
    return Decimal(base)


def add_project(
    programme,
    indicators,
    *,
    year,
    municipalities,
    committed=10,
    reported=4,
    periods=((MARCH, "month_6"),),
    technology=None,
    evidence_url="",
    note="",
):
    """One project (source) committing `committed` to each indicator in each municipality and
    reporting `reported` for each period; returns its source key."""
    number = next(_numbers)
    source = f"proposals.proposal:{number}"
    label = f"P-{number:04d}"

    def rows(base, extra=None):
        return [
            {
                "indicator": indicator,
                "fiscal_year": year,
                "value": value_for(indicator, base),
                "municipality": municipality,
                "technology": technology,
                **(extra or {}),
            }
            for indicator in indicators
            for municipality in municipalities
        ]

    ledger.record_commitments(
        programme=programme, source=source, source_label=label, rows=rows(committed)
    )
    for position, (period_end, period) in enumerate(periods):
        ledger.record_results(
            programme=programme,
            report=f"projects.progressreport:{number * 10 + position}",
            source=source,
            source_label=label,
            period=period,
            period_end=period_end,
            rows=rows(reported, {"evidence_url": evidence_url, "note": note}),
        )
    return source


def add_projects(programme, indicators, count, *, year, municipalities):
    """`count` projects, each in one of `municipalities` in turn."""
    places = itertools.cycle(municipalities)
    return [
        add_project(programme, indicators, year=year, municipalities=[next(places)])
        for _index in range(count)
    ]


def make_indicator(programme, code, *, targets=None, objective="O1", dimensions=(), **fields):
    """An indicator of `programme` under `objective` (made when missing), with its targets
    ({year B.E.: value})."""
    objective, _created = Objective.objects.get_or_create(
        programme=programme,
        code=objective,
        defaults={"name_th": f"วัตถุประสงค์ {objective}", "name_en": f"Objective {objective}"},
    )
    indicator = Indicator.objects.create(
        programme=programme,
        objective=objective,
        code=code,
        name_th=f"ตัวชี้วัด {code}",
        name_en=f"Indicator {code}",
        position=Indicator.objects.count(),
        **fields,
    )
    indicator.dimensions.set(dimensions)
    for year_be, value in (targets or {}).items():
        IndicatorTarget.objects.create(
            indicator=indicator,
            fiscal_year=FiscalYear.objects.get(year_be=year_be),
            value=Decimal(value),
        )
    return indicator
