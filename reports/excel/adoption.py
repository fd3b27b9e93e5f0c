"""Technology adoption across the cities as a workbook.

Sheet "Matrix": one row per municipality, one column per technology of the catalogue (hard and
soft, filtered by `kind` and `dimension` as on the matrix page), each cell the stage reached.
Sheet "Adoptions": one row per municipality and technology with a stage: province, kind, stage,
since, provider, the projects involved (of this programme) and the evidence. Three queries
whatever the number of cities and technologies.
"""

from django.utils.translation import gettext as _

from core.thai import in_language
from indicators.models import TechnologyKind
from projects.adoption.selectors import matrix, technologies
from projects.models import AdoptionStage
from reports.documents import XLSX, Output, no_progress
from reports.excel.writer import DATE, Book, Column

OPTIONS = ("kind", "dimension")


def _filters(options):
    options = options or {}
    kind = options.get("kind") if options.get("kind") in TechnologyKind.values else ""
    dimension = options.get("dimension") or ""
    return kind, dimension if isinstance(dimension, str) else ""


def build_adoption(programme, *, user=None, options=None, progress=no_progress):
    kind, dimension = _filters(options)
    techs = technologies(kind, dimension)
    _cities, techs, rows = matrix(technology_list=techs)
    stages = dict(AdoptionStage.choices)
    calls = set(programme.calls.values_list("pk", flat=True))
    book = Book()
    columns = [Column(_("Municipality"), width=30)] + [
        Column(in_language(t.name_th, t.name_en), width=18) for t in techs
    ]
    book.add_sheet(
        _("Matrix"),
        columns,
        (
            [city.name, *(str(stages[cell.stage]) if cell else None for cell in cells)]
            for city, cells in rows
        ),
    )
    progress(50)
    detail = [
        Column(_("Municipality"), width=30),
        Column(_("Province"), width=18),
        Column(_("Technology"), width=34),
        Column(_("Kind"), width=10),
        Column(_("Stage"), width=14),
        Column(_("Since"), DATE, width=12),
        Column(_("Provider"), width=30),
        Column(_("Projects involved"), width=24),
        Column(_("Evidence"), width=44),
    ]
    kinds = dict(TechnologyKind.choices)
    by_pk = {t.pk: t for t in techs}
    book.add_sheet(
        _("Adoptions"),
        detail,
        (
            [
                city.name,
                city.province,
                by_pk[cell.technology_id].name,
                str(kinds.get(by_pk[cell.technology_id].kind, "")),
                str(stages[cell.stage]),
                cell.since,
                cell.provider,
                ", ".join(
                    p.reference for p in cell.projects.all() if p.reference and p.call_id in calls
                ),
                " ".join(filter(None, [cell.evidence, cell.evidence_url])),
            ]
            for city, cells in rows
            for cell in cells
            if cell is not None
        ),
    )
    progress(100)
    return Output(f"{programme.code}-technology-adoption.xlsx", book.content(), XLSX)
