"""Read an uploaded results workbook into a plan: the file (`sheet`), then every cell of
every row against the database (`checks`). Writes nothing."""

from openpyxl.utils import get_column_letter

from core.workbooks import Invalid, Problem, blank, shown
from reports.imports import columns
from reports.imports.checks import check_rows
from reports.imports.columns import RESULTS
from reports.imports.plan import Plan
from reports.imports.sheet import read_sheet


def read_plan(file, *, name, size, kind, user):
    """What `file` would change in the results of the `kind` reports `user` may import into,
    and everything wrong with it."""
    try:
        rows = read_sheet(file, name=name, size=size)
    except Invalid as problem:
        return Plan(kind, errors=[Problem.of(problem)])
    formulas = formula_problems(rows)
    if formulas:  # what a formula would hold is not known: nothing else is read
        return Plan(kind, errors=formulas)
    return check_rows(rows, kind=kind, user=user)


def formula_problems(rows):
    """A problem for each cell holding a formula, by its column's name and letter."""
    header = rows[0].values if rows else ()

    def name(index):
        raw = header[index] if index < len(header) else None
        column = columns.column_for(raw)
        if column is not None:
            return str(column.label)
        return "" if blank(raw) else shown(raw)

    return [
        Problem("formula", message, RESULTS, row.number, name(index), get_column_letter(index + 1))
        for row in rows
        for index, message in row.formulas
    ]


__all__ = ["Invalid", "check_rows", "read_plan", "read_sheet"]
