"""The portfolio's filtered list as files: CSV (UTF-8 with a byte-order mark, which Excel
reads as Thai), Excel and JSON (the API's shape). One row per project, one column per
indicator's counted result; nothing names a person."""

import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from openpyxl import Workbook

from api.v1.serializers import PortfolioProjectSerializer

HEADER = (
    "reference",
    "title_th",
    "title_en",
    "state",
    "municipalities",
    "provinces",
    "technologies",
    "starts_on",
    "ends_on",
    "amount",
)


def _indicator_codes(projects):
    return sorted({indicator.code for p in projects for indicator, _c, _r in p.figures})


def rows(projects):
    """The header and one list of values per project."""
    codes = _indicator_codes(projects)
    header = [*HEADER, *(f"{code} result" for code in codes)]
    table = [header]
    for project in projects:
        proposal, award = project.proposal, project.award
        results = {indicator.code: result for indicator, _c, result in project.figures}
        table.append(
            [
                proposal.reference,
                proposal.title_th,
                proposal.title_en,
                proposal.state,
                "; ".join(town.name_th for town in project.municipalities),
                "; ".join(sorted({town.province_th for town in project.municipalities})),
                "; ".join(tech.name_th for tech in project.technologies),
                award.starts_on if award else None,
                award.ends_on if award else None,
                award.amount if award else None,
                *(results.get(code) for code in codes),
            ]
        )
    return table


def as_csv(projects):
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows(projects):
        writer.writerow(["" if value is None else value for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(projects, title):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for row in rows(projects):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for column in ("B", "C"):
        sheet.column_dimensions[column].width = 50
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_json(programme, projects):
    data = {
        "programme": programme.code,
        "projects": PortfolioProjectSerializer(projects, many=True).data,
    }
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode("utf-8")
