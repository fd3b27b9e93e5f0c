"""What every workbook gets besides its cells: its own font, the print setup of each sheet,
and each formula's value saved beside it (openpyxl writes a formula without one, and a reader
that does not recalculate would show nothing).

`put_cached_values` writes the values the writer kept (the totals row's and those of the
rows' own formulas) into the sheets before the workbook is saved."""

import os
import re
import tempfile

from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet


def use_font(workbook, font):
    """`font` (Sarabun) as the workbook's own font: a cell with no font of its own (most of
    them: they are written as plain values, which keeps a long sheet fast) takes the first
    font of the file, and the Normal style names it too. openpyxl sets both to Calibri when it
    makes a workbook and offers no setting, hence its two attributes."""
    workbook._fonts = IndexedList([font])
    workbook._named_styles["Normal"].font = font


def set_up_printing(sheet):
    """Landscape A4, fitted to one page wide and as many as it takes down, the header row
    printed on every page. The fit is a sheet property, written before the first row."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"


# A formula cell as openpyxl writes it: <c r="E7" s="3"><f>SUM(E2:E6)</f><v /></c> with the
# standard library's XML writer, <v></v> in place of <v /> with lxml's (openpyxl uses lxml
# whenever it is installed: allauth's SAML brings it).
_FORMULA_CELL = re.compile(rb'(<c r="([A-Z]+[0-9]+)"[^>]*><f>[^<]*</f>)(?:<v ?/>|<v></v>)?(</c>)')


CHUNK = 1 << 20  # bytes of a sheet's XML rewritten at a time


def put_cached_values(workbook, cached):
    """Write each formula's value beside it in the sheets of the write-only `workbook`, just
    before it is saved: `cached` gives, for each sheet's number, the value of each cell that
    has one. A write-only sheet's XML sits in a temporary file until the workbook is zipped;
    the sheet is closed and that file rewritten a chunk at a time, so the file is compressed
    once and a long sheet is never held in memory (flat in the rows, as openpyxl alone). The
    rows before the first that has a formula's value are copied as they are, or, when that
    row is near the end (a long sheet's only formulas are often its totals, in its last
    row), left where they are and only the end rewritten."""
    for number, sheet in enumerate(workbook.worksheets, start=1):
        values = cached.get(number)
        if not values:
            continue
        sheet.close()  # its XML complete in its temporary file; save() leaves it closed
        path = sheet._writer.out
        first = min(int(_ROW_NUMBER.search(cell).group()) for cell in values)
        mark = b'<row r="%d"' % first
        if _rewrite_tail(path, mark, values):
            continue
        with (
            open(path, "rb") as reader,
            tempfile.NamedTemporaryFile(dir=os.path.dirname(path), delete=False) as writer,
        ):
            _copy_until(reader, writer, mark)
            _rewrite(reader, writer, _with_value(values))
        os.replace(writer.name, path)


_ROW_NUMBER = re.compile(r"[0-9]+$")
TAIL = 1 << 16  # bytes at the end of a sheet's XML where its totals row is looked for


def _rewrite_tail(path, mark, values):
    """Rewrite the sheet's XML in place from `mark` (the first row with a formula's value) on,
    when that row is in its last TAIL bytes, as a totals row is: the rows before it are
    neither read nor copied (at 10,000 register rows the copy was 3% of the export's time).
    False, with the file untouched, when the row is further up."""
    with open(path, "r+b") as sheet:
        start = max(sheet.seek(0, os.SEEK_END) - TAIL, 0)
        sheet.seek(start)
        tail = sheet.read()
        found = tail.find(mark)
        if found < 0:
            return False
        sheet.seek(start + found)
        sheet.truncate()
        sheet.write(_FORMULA_CELL.sub(_with_value(values), tail[found:]))
    return True


def _copy_until(reader, writer, mark):
    """Copy `reader` to `writer` up to where `mark` starts (all of it without one), leaving
    `reader` there, a chunk at a time."""
    pending = b""
    while chunk := reader.read(CHUNK):
        pending += chunk
        found = pending.find(mark)
        if found >= 0:
            writer.write(pending[:found])
            reader.seek(found - len(pending), os.SEEK_CUR)
            return
        keep = len(mark) - 1  # the mark may straddle two chunks
        writer.write(pending[:-keep])
        pending = pending[-keep:]
    writer.write(pending)


def _rewrite(reader, writer, replace):
    """Copy `reader` to `writer` with each formula cell replaced, a chunk at a time. A chunk
    is cut before its last cell's start, so no cell is split (cells do not nest)."""
    pending = b""
    while chunk := reader.read(CHUNK):
        pending += chunk
        cut = pending.rfind(b"<c ")
        if cut <= 0:
            continue
        writer.write(_FORMULA_CELL.sub(replace, pending[:cut]))
        pending = pending[cut:]
    writer.write(_FORMULA_CELL.sub(replace, pending))


def _with_value(values):
    def replace(match):
        value = values.get(match.group(2).decode())
        if value is None:
            return match.group(0)
        return match.group(1) + b"<v>" + str(value).encode() + b"</v>" + match.group(3)

    return replace
