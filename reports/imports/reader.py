"""Read an uploaded results workbook into a plan: the file (`sheet`), then every cell of
every row against the database (`checks`). Writes nothing."""

from core.workbooks import Invalid, Problem
from reports.imports.checks import check_rows
from reports.imports.plan import Plan
from reports.imports.sheet import read_sheet


def read_plan(file, *, name, size, kind, user):
    """What `file` would change in the results of the `kind` reports `user` may import into,
    and everything wrong with it."""
    try:
        rows = read_sheet(file, name=name, size=size)
    except Invalid as problem:
        return Plan(kind, errors=[Problem.of(problem)])
    return check_rows(rows, kind=kind, user=user)


__all__ = ["Invalid", "check_rows", "read_plan", "read_sheet"]
