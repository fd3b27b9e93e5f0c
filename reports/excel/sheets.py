"""A sheet of the writer (reports/excel/writer.py): openpyxl's write-only sheet taking the
writer's cells as they are, the sheet's title as Excel accepts it, and where its data landed.

openpyxl's `append` works the type of every value out again, even of a cell it is given
whole: it first sets the cell as the value of a cell of its own, which fails (an exception
whose message formats the cell) and only then takes it; after a styled cell it makes a new
cell for the next value; and it checks each text again. The writer's converters
(reports/excel/writer.py) have already turned every value into a cell of the right type —
text checked against the injection rule and the cell's limits, numbers and dates with their
column's number format — or None, so this sheet takes those cells as they come. openpyxl
writes the same XML from them, in about three quarters of the time at 10,000 register rows
(issue #12). The hook, `_values_to_row`, is openpyxl's own (pinned in pyproject.toml);
tests/reports/test_excel_writer.py checks that the sheet's XML is what openpyxl's `append`
writes.
"""

from dataclasses import dataclass

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet._write_only import WriteOnlyWorksheet


class CellSheet(WriteOnlyWorksheet):
    """A write-only sheet whose rows are cells (or None for an empty cell), each written as
    it is at its place in the row."""

    def _values_to_row(self, values, row_idx):
        for column, cell in enumerate(values, 1):
            if cell is None:
                continue
            if cell.__class__ is not Cell:
                raise TypeError(f"a row of a CellSheet holds cells, not {cell!r}")
            cell.column = column
            cell.row = row_idx
            yield cell


def add_cell_sheet(workbook, title):
    """A new CellSheet named `title` at the end of the write-only `workbook`."""
    sheet = CellSheet(parent=workbook, title=title)
    workbook._add_sheet(sheet)
    return sheet


@dataclass(frozen=True)
class Written:
    """Where a sheet's data landed: rows `first_row`…`last_row` (last_row < first_row when
    there is none), and the row of its totals (None without one)."""

    title: str
    first_row: int
    last_row: int
    totals_row: int | None

    @property
    def count(self):
        return self.last_row - self.first_row + 1

    def column_range(self, index, *, absolute=True):
        """A reference to column `index` (0-based) of the data, from another sheet:
        'Sheet'!$C$2:$C$41."""
        letter = get_column_letter(index + 1)
        dollar = "$" if absolute else ""
        last = max(self.last_row, self.first_row)
        return (
            f"{quote_sheetname(self.title)}!{dollar}{letter}{dollar}{self.first_row}:"
            f"{dollar}{letter}{dollar}{last}"
        )


_FORBIDDEN_IN_TITLES = str.maketrans({char: " " for char in "[]:*?/\\"})


def sheet_title(title):
    return str(title).translate(_FORBIDDEN_IN_TITLES).strip()[:31] or "Sheet"
