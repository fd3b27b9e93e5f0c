"""Demo data of the first programme (PMU-A's Liveable Smart Cities), idempotent."""

import json
from decimal import Decimal
from pathlib import Path

from indicators.models import (
    Dimension,
    FiscalYear,
    Funder,
    Indicator,
    IndicatorTarget,
    Letterhead,
    Objective,
    Programme,
    Strategy,
    Technology,
)

DATA = Path(__file__).resolve().parent / "data" / "programme.json"
FRAMEWORK = Path(__file__).resolve().parent / "data" / "framework.json"
EXAMPLE_TH = "(ข้อมูลตัวอย่าง)"
EXAMPLE_EN = "(Example data.)"


def seed_programme(*, managers=(), years=None):
    """The funder, its strategy, the programme and the technology catalogue. The programme's
    fiscal years are `years` (B.E.; the demo's follow the day it is loaded) or, without them,
    the real programme's (2567–2568)."""
    facts = json.loads(DATA.read_text(encoding="utf-8"))
    funder, _created = Funder.objects.update_or_create(
        name_th=facts["funder"]["name_th"],
        defaults={
            "name_en": facts["funder"]["name_en"],
            "abbr_th": facts["funder"]["abbr_th"],
            "abbr_en": facts["funder"]["abbr_en"],
        },
    )
    strategy, _created = Strategy.objects.update_or_create(
        funder=funder,
        name_th=facts["strategy"]["name_th"],
        defaults={"name_en": facts["strategy"]["name_en"]},
    )
    info = facts["programme"]
    programme, _created = Programme.objects.update_or_create(
        code=info["code"],
        defaults={
            "name_th": info["name_th"],
            "name_en": info["name_en"],
            "description_th": info["description_th"],
            "description_en": info["description_en"],
            "funder": funder,
            "strategy": strategy,
        },
    )
    years = years or info["fiscal_years_be"]
    programme.fiscal_years.add(
        *(FiscalYear.objects.get_or_create(year_be=year)[0] for year in years)
    )
    # An example letterhead, kept as its managers change it when the demo is loaded again.
    Letterhead.objects.get_or_create(programme=programme, defaults=info["letterhead"])
    if managers:
        programme.managers.add(*managers)
    for item in facts["technologies"]:
        technology, _created = Technology.objects.update_or_create(
            name_th=item["name_th"],
            defaults={
                "name_en": item["name_en"],
                "kind": item["kind"],
                "description_th": item["description_th"],
                "description_en": item["description_en"],
                "origin": item["origin"],
            },
        )
        technology.dimensions.set(Dimension.objects.filter(code__in=item["dimensions"]))
    return programme


def example_targets(targets, count, cumulative):
    """The example targets (`targets`: {year: value} of the framework file, for its first
    years) for `count` fiscal years, in order: a year beyond them keeps the last year's
    target, or, for cumulative targets, adds the last year's increase again."""
    values = [Decimal(str(targets[year])) for year in sorted(targets)]
    while len(values) < count:
        step = values[-1] - values[-2] if cumulative and len(values) > 1 else 0
        values.append(values[-1] + step)
    return values[:count]


def seed_framework(programme):
    """Objectives, indicators and targets of the demo framework, all marked as example data,
    with a target in each of the programme's fiscal years: the framework file's targets are
    those of the programme's first years (see `example_targets`)."""
    facts = json.loads(FRAMEWORK.read_text(encoding="utf-8"))
    years = list(programme.fiscal_years.order_by("year_be"))
    technologies = {t.name_en: t for t in Technology.objects.all()}
    for o_position, row in enumerate(facts["objectives"], start=1):
        objective, _created = Objective.objects.update_or_create(
            programme=programme,
            code=row["code"],
            defaults={
                "position": o_position,
                "name_th": row["name_th"],
                "name_en": row["name_en"],
                "description_th": EXAMPLE_TH,
                "description_en": EXAMPLE_EN,
            },
        )
        for i_position, item in enumerate(row["indicators"], start=1):
            baseline = item["baseline"] or [None, None]
            indicator, _created = Indicator.objects.update_or_create(
                programme=programme,
                code=item["code"],
                defaults={
                    "objective": objective,
                    "position": i_position,
                    "name_th": item["name_th"],
                    "name_en": item["name_en"],
                    "definition_th": f"{item['name_th']} {EXAMPLE_TH}",
                    "definition_en": f"{item['name_en']}. {EXAMPLE_EN}",
                    "unit_th": item["unit_th"],
                    "unit_en": item["unit_en"],
                    "value_type": item["value_type"],
                    "aggregation": item["aggregation"],
                    "direction": item["direction"],
                    "per_municipality": item["per_municipality"],
                    "targets_cumulative": item.get("targets_cumulative", False),
                    "baseline_value": None if baseline[0] is None else Decimal(baseline[0]),
                    "baseline_year": baseline[1],
                },
            )
            indicator.dimensions.set(Dimension.objects.filter(code__in=item["dimensions"]))
            indicator.technologies.set([technologies[name] for name in item["technologies"]])
            values = example_targets(item["targets"], len(years), indicator.is_cumulative)
            for year, value in zip(years, values, strict=True):
                IndicatorTarget.objects.update_or_create(
                    indicator=indicator, fiscal_year=year, defaults={"value": value}
                )
    return programme
