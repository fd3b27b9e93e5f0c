"""Open an uploaded results workbook and take the rows of its results sheet: the file's
type, size and sheet are checked here, before any cell is."""

import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from core.formulas import formulas_in
from reports.imports.columns import RESULTS

MAX_BYTES = 5 * 1024 * 1024
MAX_MEGABYTES = MAX_BYTES // (1024 * 1024)
# An .xlsx is a zip: refuse one that unpacks to far more than any results sheet needs.
MAX_UNPACKED_BYTES = 20 * MAX_BYTES
MAX_UNPACKED_MEGABYTES = MAX_UNPACKED_BYTES // (1024 * 1024)
MAX_ROWS = 5000


class Invalid(Exception):
    """The file cannot be read at all; nothing of it is checked further."""

    def __init__(self, kind, message, sheet=""):
        super().__init__(message)
        self.kind, self.message, self.sheet = kind, message, sheet


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
    if not name.lower().endswith(".xlsx"):
        raise Invalid(
            "not_xlsx",
            _("Only Excel workbooks (.xlsx) can be imported; %(name)s is not one.")
            % {"name": name},
        )
    if not size:
        raise Invalid("empty", _("The file is empty."))
    if size > MAX_BYTES:
        raise Invalid(
            "too_large", _("The file is larger than %(limit)s MB.") % {"limit": MAX_MEGABYTES}
        )
    unreadable = Invalid("not_xlsx", _("The file cannot be read as an Excel workbook (.xlsx)."))
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise too_large_unpacked()
        file.seek(0)
        workbook = load_workbook(file, read_only=True, data_only=False)  # formulas as such
    except Invalid:
        raise
    except Exception as error:  # openpyxl fails on bad input in many ways (zip, XML, keys)
        raise unreadable from error
    try:
        if RESULTS not in workbook.sheetnames:
            raise Invalid(
                "missing_sheet",
                _("The workbook has no sheet named %(sheet)s (its sheets: %(found)s).")
                % {"sheet": RESULTS, "found": ", ".join(workbook.sheetnames)},
                sheet=RESULTS,
            )
        return _rows_of(workbook[RESULTS])
    except Invalid:
        raise
    except Exception as error:  # a sheet whose XML breaks while it is read
        raise unreadable from error
    finally:
        workbook.close()


def _rows_of(sheet):
    sheet.reset_dimensions()  # some programs write a wrong size; read what is there
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


def too_large_unpacked():
    return Invalid(
        "too_large",
        _("The workbook is larger than %(limit)s MB once unpacked: it is too large to import.")
        % {"limit": MAX_UNPACKED_MEGABYTES},
    )


def blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def shown(text):
    """A cell's text quoted in a message, cut short."""
    text = str(text).strip()
    return text if len(text) <= 40 else f"{text[:39]}…"
