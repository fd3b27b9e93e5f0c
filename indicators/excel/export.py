"""The framework as a workbook: Indicators (one row each), Objectives and a bilingual Guide."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.thai import in_both_languages
from indicators import selectors
from indicators.excel import columns
from indicators.excel.columns import GUIDE, INDICATORS, OBJECTIVES
from indicators.models import Dimension

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A spreadsheet runs text that starts like this as a formula (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
TOP = Alignment(vertical="top")
WRAP = Alignment(vertical="top", wrap_text=True)
INTEGER_FORMAT, DECIMAL_FORMAT, YEAR_FORMAT = "#,##0", "#,##0.00", "0"
# Rows below the data that still offer the drop-down lists, for rows people add.
SPARE_ROWS = 200


def framework_indicators(programme):
    """The programme's indicators in framework order, with everything a row shows."""
    return [
        indicator
        for objective in selectors.framework(programme)
        for indicator in objective.indicators.all()
    ]


def programme_years(programme):
    return [year.year_be for year in selectors.fiscal_years(programme)]


def filename(programme):
    return f"{programme.code}-framework.xlsx"


def framework_workbook(programme):
    """The .xlsx file of a programme's framework, as bytes."""
    years = programme_years(programme)
    workbook = Workbook(write_only=True)
    _write_indicators(workbook.create_sheet(INDICATORS), programme, years)
    _write_objectives(workbook.create_sheet(OBJECTIVES), programme)
    _write_guide(workbook.create_sheet(GUIDE), programme, years)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def text_cell(sheet, value, alignment=TOP):
    """A cell that holds `value` as text, even when it looks like a formula."""
    value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell = WriteOnlyCell(sheet, value=value)
    if value.startswith(FORMULA_START):
        cell.data_type = "s"  # openpyxl made it a formula: keep it a string
        cell.quotePrefix = True  # and Excel keeps it a string when someone edits the cell
    cell.alignment = alignment
    return cell


def number_cell(sheet, value, year=False):
    if value is None:
        return None
    integral = value == int(value)
    cell = WriteOnlyCell(sheet, value=int(value) if integral else value)
    if year:
        cell.number_format = YEAR_FORMAT
    else:
        cell.number_format = INTEGER_FORMAT if integral else DECIMAL_FORMAT
    cell.alignment = TOP
    return cell


def _header(sheet, keys, notes=None):
    cells = []
    for key in keys:
        cell = WriteOnlyCell(sheet, value=key)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        if notes and notes.get(key):
            cell.comment = Comment(notes[key], "SLC Grants", width=320, height=140)
        cells.append(cell)
    return cells


def _set_widths(sheet, widths):
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _cell(sheet, key, value):
    kind = columns.kind_of(key)
    if kind in (columns.NUMBER, columns.TARGET, columns.YEAR):
        return number_cell(sheet, value, year=kind == columns.YEAR)
    if kind == columns.YES_NO:
        return text_cell(sheet, columns.YES if value else columns.NO)
    if kind == columns.DIMENSIONS:
        return text_cell(sheet, ", ".join(value))
    return text_cell(sheet, value, WRAP if kind == columns.TEXT else TOP)


def _write_indicators(sheet, programme, years):
    keys = [*columns.KEYS, *(columns.target_key(year) for year in years)]
    indicators = list(framework_indicators(programme))
    _set_widths(sheet, [columns.width(key) for key in keys])
    sheet.freeze_panes = "B2"
    last_row = max(len(indicators) + 1, 2)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{last_row}"
    _add_lists(sheet, keys, last_row + SPARE_ROWS)
    notes = {key: "\n\n".join(columns.help_texts(key)) for key in keys}
    sheet.append(_header(sheet, keys, notes))
    for indicator in indicators:
        values = columns.current_values(indicator, years)
        sheet.append([_cell(sheet, key, values[key]) for key in keys])


def _add_lists(sheet, keys, last_row):
    """Drop-down lists of the allowed codes in the columns that take one code."""
    allowed = {
        column.key: list(column.choices.values) for column in columns.COLUMNS if column.choices
    }
    allowed["per_municipality"] = [columns.YES, columns.NO]
    for key, values in allowed.items():
        letter = get_column_letter(keys.index(key) + 1)
        validation = DataValidation(
            type="list",
            formula1='"{}"'.format(",".join(values)),
            allow_blank=True,
            showErrorMessage=True,
            error=f"ใช้ค่าใดค่าหนึ่ง / Use one of: {', '.join(values)}",
        )
        validation.add(f"{letter}2:{letter}{last_row}")
        sheet.data_validations.append(validation)


def _write_objectives(sheet, programme):
    keys = ["code", "name_th", "name_en"]
    _set_widths(sheet, [14, 60, 60])
    sheet.freeze_panes = "A2"
    sheet.append(_header(sheet, keys))
    for objective in programme.objectives.all():
        sheet.append([text_cell(sheet, getattr(objective, key), WRAP) for key in keys])


def _allowed_values(key):
    """The codes a column takes, each with its Thai and English label, one a line."""
    column = columns.BY_KEY.get(key)
    if column is None:
        return ""
    if column.kind == columns.YES_NO:
        return f"{columns.YES}, {columns.NO}"
    if column.kind == columns.DIMENSIONS:
        choices = Dimension.Code.choices
    else:
        choices = column.choices.choices if column.choices else []
    return "\n".join(
        f"{value} — {' / '.join(in_both_languages(label))}" for value, label in choices
    )


def _write_guide(sheet, programme, years):
    _set_widths(sheet, [20, 60, 60, 48])
    title = WriteOnlyCell(sheet, value="คำอธิบายการนำเข้า / Import guide")
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    names = (programme.code, programme.name_th, programme.name_en)
    sheet.append([text_cell(sheet, name) for name in names])
    sheet.append(["ปีงบประมาณ (พ.ศ.) / Fiscal years (B.E.)", ", ".join(map(str, years))])
    sheet.append([])
    headings = ["คอลัมน์ / Column", "คำอธิบาย", "Description", "ค่าที่ใช้ได้ / Allowed values"]
    sheet.append(_header(sheet, headings))
    for key in [*columns.KEYS, *(columns.target_key(year) for year in years)]:
        thai, english = columns.help_texts(key)
        sheet.append(
            [
                text_cell(sheet, key),
                text_cell(sheet, thai, WRAP),
                text_cell(sheet, english, WRAP),
                text_cell(sheet, _allowed_values(key), WRAP),
            ]
        )
    sheet.append([])
    for thai, english in columns.RULES:
        sheet.append(["•", text_cell(sheet, thai, WRAP), text_cell(sheet, english, WRAP)])
