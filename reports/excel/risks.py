"""The projects at risk of a programme as a workbook: one row per signal (project, call, its
worst level, the signal, its level and the figures in words), worst projects first, as the risk
list shows the same reader.

Options: `call` (a code of the programme's calls), `municipality` and `officer` (ids) and `level`
(high, medium, low); a value that is no such thing filters nothing, as on the page.
"""

from django.utils.translation import gettext as _

from accounts.models import Municipality, User
from projects.risk.selectors import LEVELS, project_risks
from proposals.models import Call
from reports.documents import XLSX, Output, no_progress
from reports.excel.writer import Book, Column

OPTIONS = ("call", "municipality", "officer", "level")


def _by_pk(model, value):
    return model.objects.filter(pk=int(value)).first() if str(value or "").isdigit() else None


def risk_filters(programme, options):
    options = options or {}
    code = options.get("call")
    level = options.get("level")
    return {
        "call": Call.objects.filter(programme=programme, code=code).first() if code else None,
        "municipality": _by_pk(Municipality, options.get("municipality")),
        "officer": _by_pk(User, options.get("officer")),
        "level": level if level in LEVELS else None,
    }


def risk_columns():
    return [
        Column(_("Reference"), width=16),
        Column(_("Title"), width=44),
        Column(_("Call"), width=12),
        Column(_("Project level"), width=12),
        Column(_("Signal"), width=30),
        Column(_("Level"), width=10),
        Column(_("Figures"), width=70),
    ]


def risk_rows(risks):
    for risk in risks:
        project = risk.project
        for signal in risk.signals:
            yield [
                project.reference,
                project.title,
                project.call.code,
                str(risk.level_label),
                str(signal.label),
                str(signal.level_label),
                str(signal.text),
            ]


def build_risks(programme, *, user=None, options=None, progress=no_progress):
    """The signals of `programme`'s running projects `user` follows as an .xlsx `Output`."""
    filters = risk_filters(programme, options)
    risks = project_risks(user, programme=programme, **filters)
    book = Book()
    book.add_sheet(_("Projects at risk"), risk_columns(), risk_rows(risks))
    progress(100)
    return Output(f"{programme.code}-risks.xlsx", book.content(), XLSX)
