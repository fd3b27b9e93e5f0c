"""Demo data of the first programme (PMU-A's Liveable Smart Cities), idempotent."""

import json
from pathlib import Path

from indicators.models import Dimension, FiscalYear, Funder, Programme, Strategy, Technology

DATA = Path(__file__).resolve().parent / "data" / "programme.json"


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
