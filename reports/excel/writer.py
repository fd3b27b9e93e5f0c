"""A small sheet writer over openpyxl's write-only workbooks, for every Excel export.

A sheet is a list of `Column`s (header, kind, width, whether the totals row sums it) and an
iterable of rows; rows are written as they come, so a long sheet streams, each value made into
its column's cell once and the cells written as they are (reports/excel/sheets.py). Every
sheet gets a bold header row that stays frozen, an auto-filter over the header and the data,
its column widths and number formats, and, when a column asks for it, a totals row of SUM
formulas.

Printing: every sheet is set up landscape on A4, fitted to the page's width (as many pages down
as it takes), with its header row repeated on every page, and every cell (headers and totals
too) is in Sarabun, the font of the PDFs. A formula is saved with its value as well: a reader
that does not recalculate (a phone's viewer, a mail preview, a script) shows the value, while a
spreadsheet that does keeps the formula. openpyxl writes no value for a formula, so the values
are put into the sheets just before the workbook is saved (reports/excel/finishing.py).

The injection rule: text is always written as text. openpyxl would turn a string that starts
with "=" into a formula and "#N/A"-like strings into errors; a spreadsheet would run text that
starts with "=", "+", "-", "@", a tab or a carriage return (also after leading spaces) as a
formula once someone edits the cell. Such text is stored as an inline string with Excel's
quote prefix, so it stays text even when edited. Only a `Formula`, which only our own code
makes (totals), becomes a formula.
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reports.excel import finishing
from reports.excel.sheets import Written, add_cell_sheet, sheet_title

TEXT = "text"
INTEGER = "integer"
MONEY = "money"
NUMBER = "number"  # a decimal with two places, e.g. a score on 0–100
PERCENT = "percent"  # a fraction shown as a percentage: 0.25 → 25.00%
DATE = "date"
DATETIME = "datetime"
YEAR = "year"  # a whole number without thousands separator, e.g. 2568

NUMBER_FORMATS = {
    INTEGER: "#,##0",
    MONEY: "#,##0.00",
    NUMBER: "0.00",
    PERCENT: "0.00%",
    DATE: "d/m/yyyy",
    DATETIME: "d/m/yyyy hh:mm",
    YEAR: "0",
}
KINDS = (TEXT, *NUMBER_FORMATS)
# In Thai documents dates show the Buddhist era: Western digits (01), the Thai Buddhist
# calendar (07), Thai locale (041E). The cell still holds a real date.
BUDDHIST_ERA = "[$-107041E]"


def number_format(kind):
    """The number format of a column of `kind` in the active language."""
    code = NUMBER_FORMATS.get(kind, "General")
    if kind in (DATE, DATETIME) and (translation.get_language() or "").startswith("th"):
        return BUDDHIST_ERA + code
    return code


# What makes a spreadsheet read text as a formula (OWASP's list), with the full-width forms
# some spreadsheets accept too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
MAX_TEXT = 32767  # the longest text a cell holds
# Text that needs a closer look (`_needs_care`): it may look like a formula or an error code
# (its first character one of these or a space), or hold a character a cell cannot (or a
# carriage return). Anything else is written as it is.
_CAREFUL_START = frozenset("=+-@＝＋－＠#")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r]")


def _needs_care(text):
    """Whether non-empty `text` may need more than being written as it is: a cheap test of
    its first character and one scan for control characters (a single regular expression
    with anchored alternatives tried them at every position, three times slower)."""
    first = text[0]
    return first in _CAREFUL_START or first.isspace() or _CONTROL.search(text) is not None


FONT_NAME = "Sarabun"
FONT = Font(name=FONT_NAME, sz=11, family=2)
HEADER_FONT = Font(name=FONT_NAME, sz=11, family=2, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
HEADER_ALIGNMENT = Alignment(vertical="top", wrap_text=True)
TOTAL_FONT = Font(name=FONT_NAME, sz=11, family=2, bold=True)


@dataclass(frozen=True)
class Column:
    """A column: its `header` (translated when the sheet is written), the `kind` of its
    values (one of KINDS), its `width` in characters, and `total`: sum it in the totals row."""

    header: object
    kind: str = TEXT
    width: float = 14
    total: bool = False

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


@dataclass(frozen=True)
class Formula:
    """A formula of our own, e.g. Formula("=SUM(C{row}:E{row})", value=Decimal("12.50"));
    "{row}" becomes the number of the row it is written in. The only way a cell becomes a
    formula. `value` is what it computes, saved beside it for readers that do not recalculate
    (give it: without one such a reader shows nothing, and a totals row over it too)."""

    text: str
    value: object = None

    def __post_init__(self):
        if not self.text.startswith("="):
            raise ValueError("a formula starts with '='")


def is_formula_like(text):
    """Would a spreadsheet read `text` as a formula (at its start or after spaces)?"""
    return text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START)


def clean_text(value):
    """`value` as text a cell can hold: control characters other than tab, line feed and
    carriage return removed (openpyxl refuses them), line ends as line feeds (what the file
    gives back anyway: XML reads a carriage return as one), cut at the cell's limit."""
    text = value if isinstance(value, str) else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:MAX_TEXT]


def excel_datetime(value, zone=None):
    """A datetime as Excel keeps it: in the local time zone (`zone`, or the current one),
    without one, to the second (Excel keeps milliseconds at best)."""
    if value.utcoffset() is not None:
        value = value.astimezone(zone or timezone.get_current_timezone())
    return value.replace(tzinfo=None, microsecond=0)


# The values openpyxl stores as numbers ("n"), by their exact class: bool is not one of them.
_NUMBERS = (int, float, Decimal)


class _Converter:
    """Turns one column's values into cells for `CellSheet.append`, as cheaply as possible:
    each column has its own few cells — one with the column's number format, one for plain
    text, one for text kept as text with Excel's quote prefix — set to the value and reused
    on every row (a write-only sheet writes each row as soon as it is appended, so the
    cells are free again for the next row). The value's type is worked out here once and
    the cell's set directly, as openpyxl's setter would (the sheet does not work it out
    again). `convert` is the converter of the column's kind: a text or number column tries
    its common case first. A `Formula` becomes the cell's formula for the row `place.row`,
    its value kept in `place.cached`."""

    def __init__(self, sheet, column, index, place):
        self.kind = column.kind
        self.letter = get_column_letter(index + 1)
        self.place = place
        self.zone = timezone.get_current_timezone()
        self.cell = WriteOnlyCell(sheet)
        if column.kind in NUMBER_FORMATS:
            self.cell.number_format = number_format(column.kind)
        self.text_cell = WriteOnlyCell(sheet)
        self.text_cell.data_type = "s"
        self.quoted_cell = WriteOnlyCell(sheet)
        self.quoted_cell.data_type = "s"  # openpyxl's setter made "=…" a formula, "#N/A" an error
        self.quoted_cell.quotePrefix = True
        self.convert = {TEXT: self.plain_text, DATE: self, DATETIME: self}.get(
            column.kind, self.number
        )

    def __call__(self, value):
        if value is None:
            return None
        kind = value.__class__
        if kind is str or self.kind == TEXT or isinstance(value, str | Promise):
            if kind is Formula:
                return self.formula(value)
            return self.text(value)
        if kind in _NUMBERS:
            return self.number(value)
        if kind is Formula:
            return self.formula(value)
        if isinstance(value, datetime.datetime):
            value = excel_datetime(value, self.zone)
        cell = self.cell
        cell.value = value
        return cell

    def number(self, value):
        if value.__class__ not in _NUMBERS:
            return self(value)
        # What openpyxl's setter would do for a number, without its type lookups (the
        # cell's number format is the column's, set once).
        cell = self.cell
        cell._value = value
        cell.data_type = "n"
        return cell

    def plain_text(self, value):
        if value.__class__ is str and value and len(value) <= MAX_TEXT and not _needs_care(value):
            cell = self.text_cell  # most text: one scan, written as it is
            cell._value = value
            return cell
        return self(value)

    def formula(self, formula):
        row_number = self.place.row
        if formula.value is not None:
            self.place.cached[f"{self.letter}{row_number}"] = formula.value
        self.cell.value = formula.text.replace("{row}", str(row_number))
        return self.cell

    def text(self, value):
        if value.__class__ is not str:
            value = str(value)
        if not value:
            return None
        if len(value) > MAX_TEXT or _needs_care(value):
            value = clean_text(value)
        quoted = is_formula_like(value) or value in ERROR_CODES
        cell = self.quoted_cell if quoted else self.text_cell
        cell._value = value
        return cell


class _Place:
    """The row being written (its number) and the values of the sheet's formulas so far
    ({cell: value}), shared by a sheet's converters."""

    def __init__(self, cached):
        self.row = 1
        self.cached = cached


def text_cell(sheet, value):
    """A cell of its own holding `value` as text, even when it looks like a formula (headers
    may carry user text too, e.g. a criterion's name)."""
    text = clean_text(value)
    cell = WriteOnlyCell(sheet, value=text)
    if is_formula_like(text) or text in ERROR_CODES:
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _header_cells(sheet, columns):
    cells = []
    for column in columns:
        cell = text_cell(sheet, column.header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
        cells.append(cell)
    return cells


def _totals_cells(sheet, columns, first_row, last_row, label):
    """The totals row: `label` under the first column, SUM formulas under the columns that
    ask for one (0 when there is no data row), nothing elsewhere."""
    cells = []
    for index, column in enumerate(columns):
        if column.total:
            letter = get_column_letter(index + 1)
            value = f"=SUM({letter}{first_row}:{letter}{last_row})" if last_row >= first_row else 0
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = number_format(column.kind)
        elif index == 0:
            cell = text_cell(sheet, label)
        else:
            cells.append(None)
            continue
        cell.font = TOTAL_FONT
        cells.append(cell)
    return cells


class Book:
    """A workbook written sheet after sheet; `content()` gives the .xlsx file's bytes.

    book = Book()
    book.add_sheet(_("Register"), COLUMNS, rows, totals=True)
    return book.content()
    """

    def __init__(self):
        self.workbook = Workbook(write_only=True)
        finishing.use_font(self.workbook, FONT)
        self.cached = {}  # {sheet's number: {cell: the value of its formula}}

    def add_sheet(
        self,
        title,
        columns: Sequence[Column],
        rows: Iterable[Sequence],
        *,
        totals=False,
        totals_label=None,
    ):
        """Write a sheet named `title` (cut to Excel's 31 characters) with `columns` and
        `rows` (each a sequence of values aligned with the columns: None, text, numbers,
        Decimals, dates, datetimes or a `Formula`); `totals` adds a row of SUM formulas under
        the columns that ask for it. Returns a `Written`."""
        title = sheet_title(title)
        sheet = add_cell_sheet(self.workbook, title)
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = "A2"
        finishing.set_up_printing(sheet)
        sheet.append(_header_cells(sheet, columns))
        cached = self.cached.setdefault(len(self.workbook.worksheets), {})
        place = _Place(cached)
        converters = [
            _Converter(sheet, column, index, place).convert for index, column in enumerate(columns)
        ]
        sums = _Sums(columns)
        append = sheet.append
        last_row = 1
        for last_row, values in enumerate(rows, start=2):
            place.row = last_row
            append([convert(value) for convert, value in zip(converters, values, strict=True)])
            sums.add(values)
        last_letter = get_column_letter(len(columns))
        sheet.auto_filter.ref = f"A1:{last_letter}{last_row}"
        totals_row = None
        if totals:
            totals_row = last_row + 1
            label = _("Total") if totals_label is None else totals_label
            sheet.append(_totals_cells(sheet, columns, 2, last_row, label))
            if last_row >= 2:
                cached.update(sums.cells(totals_row))
        return Written(title=title, first_row=2, last_row=last_row, totals_row=totals_row)

    def content(self):
        """The workbook as the bytes of an .xlsx file."""
        finishing.put_cached_values(self.workbook, self.cached)
        buffer = BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


class _Sums:
    """The running sum of each column the totals row sums, from the values written (a
    formula's own value); unknown once a formula without a value comes."""

    def __init__(self, columns):
        self.sums = {index: Decimal(0) for index, column in enumerate(columns) if column.total}

    def add(self, values):
        for index in self.sums:
            value = values[index]
            if value.__class__ is Formula:
                value = value.value
                if value is None:
                    self.sums[index] = None
                    continue
            if self.sums[index] is not None and isinstance(value, int | float | Decimal):
                self.sums[index] += Decimal(value)

    def cells(self, row_number):
        return {
            f"{get_column_letter(index + 1)}{row_number}": total
            for index, total in self.sums.items()
            if total is not None
        }


def money(value):
    """An amount for a MONEY column: a Decimal with two places (None stays None)."""
    if value is None:
        return None
    return Decimal(value).quantize(Decimal("0.01"))
