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


def seed_programme(*, managers=()):
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
    years = [FiscalYear.objects.get_or_create(year_be=year)[0] for year in info["fiscal_years_be"]]
    programme.fiscal_years.add(*years)
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


def seed_framework(programme):
    """Objectives, indicators and targets of the demo framework, all marked as example data."""
    facts = json.loads(FRAMEWORK.read_text(encoding="utf-8"))
    years = {str(year.year_be): year for year in programme.fiscal_years.all()}
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
                    "baseline_value": None if baseline[0] is None else Decimal(baseline[0]),
                    "baseline_year": baseline[1],
                },
            )
            indicator.dimensions.set(Dimension.objects.filter(code__in=item["dimensions"]))
            indicator.technologies.set([technologies[name] for name in item["technologies"]])
            for year_be, value in item["targets"].items():
                IndicatorTarget.objects.update_or_create(
                    indicator=indicator,
                    fiscal_year=years[year_be],
                    defaults={"value": Decimal(value)},
                )
    return programme
