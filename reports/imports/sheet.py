"""Take the rows of the results sheet of an uploaded workbook: the file's type, size and
sheet are checked first (core.workbooks.open_sheet), before any cell is."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.workbooks import Invalid, blank, formulas_in, open_sheet
from reports.imports.columns import RESULTS

MAX_ROWS = 5000


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row's number in the sheet (the header is row 1)
    values: tuple
    # Indexes of the cells holding a number shown as a percentage: Excel keeps 45% as 0.45.
    percent_cells: frozenset = frozenset()
    # (index, message) of the cells holding a formula, which the import refuses.
    formulas: tuple = ()


def read_sheet(file, *, name, size):
    """The rows of the results sheet (the header first, blank rows left out), or Invalid."""
    with open_sheet(file, name=name, size=size, sheet=RESULTS) as sheet:
        return _rows_of(sheet)


def _rows_of(sheet):
    rows = []
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        values = tuple(cell.value for cell in cells)
        formulas = tuple(formulas_in(cells))
        if number > 1 and not formulas and all(blank(value) for value in values):
            continue
        if len(rows) > MAX_ROWS:
            raise Invalid(
                "too_many_rows",
                _("The sheet has more than %(count)s rows of results; split the file.")
                % {"count": MAX_ROWS},
                sheet=RESULTS,
            )
        percent_cells = frozenset(
            index
            for index, cell in enumerate(cells)
            if isinstance(cell.value, int | float)
            and not isinstance(cell.value, bool)
            and "%" in (cell.number_format or "")
        )
        rows.append(SheetRow(number, values, percent_cells, formulas))
    return rows
