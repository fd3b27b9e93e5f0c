"""The results template: a workbook already filled with what the system knows of the reports
of one reporting period, for a team (its project) or an officer (many projects).

Sheets: "results" (one row per committed result, the stored value, note and link prefilled,
grey helper columns to read), "codes" (the indicators and municipalities that may be
written) and "instructions" (Thai and English). Text from people is always written as
text, never as a formula (`reports.excel.writer`'s rule).
"""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.thai import format_date, in_both_languages, localized
from indicators.models import ValueType
from proposals.models import ProgressReportKind
from reports.excel.writer import clean_text, is_formula_like
from reports.imports import columns
from reports.imports.columns import CODES, COLUMNS, INSTRUCTIONS, KINDS, RESULTS

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
HELPER_HEADER_FILL = PatternFill("solid", fgColor="BFBFBF")
HELPER_FILL = PatternFill("solid", fgColor="EDEDED")
HELPER_FONT = Font(color="595959")
TOP = Alignment(vertical="top")
WRAP = Alignment(vertical="top", wrap_text=True)
VALUE_FORMATS = {ValueType.YES_NO: "0", ValueType.PERCENT: "0.00"}
NUMBER_FORMAT = "#,##0.00"
# Rows below the data that keep the drop-down list of report codes, for rows people add.
SPARE_ROWS = 100

# What each kind of value takes, after its name in the helper column.
VALUE_HINTS = {
    ValueType.NUMBER: gettext_lazy("a number, 0 or more"),
    ValueType.PERCENT: gettext_lazy("0 to 100"),
    ValueType.BAHT: gettext_lazy("baht, 0 or more"),
    ValueType.YES_NO: gettext_lazy("1 = yes, 0 = no"),
}


def filename(kind, reports):
    """results-SLC-2568-0001-month_6.xlsx for one project, results-month_6-2025-06-30.xlsx
    for several."""
    projects = {report.proposal.reference or str(report.proposal_id) for report in reports}
    if len(projects) == 1:
        return f"results-{projects.pop()}-{kind}.xlsx"
    return f"results-{kind}-{timezone.localdate().isoformat()}.xlsx"


def text_cell(sheet, value, alignment=TOP):
    """`value` as a text cell, kept text even when it looks like a formula or an error."""
    text = clean_text(value)
    cell = WriteOnlyCell(sheet, value=text)
    if is_formula_like(text) or text in ERROR_CODES:
        cell.data_type = "s"  # openpyxl made "=…" a formula and "#N/A" an error
        cell.quotePrefix = True  # and Excel keeps it text when someone edits the cell
    cell.alignment = alignment
    return cell


def number_cell(sheet, value, number_format=NUMBER_FORMAT):
    cell = WriteOnlyCell(sheet, value=None if value is None else _plain(value))
    cell.number_format = number_format
    cell.alignment = TOP
    return cell


def _plain(value):
    """A Decimal as the number a spreadsheet shows best: whole numbers as int."""
    return int(value) if value == value.to_integral_value() else value


def _helper(cell):
    cell.fill, cell.font = HELPER_FILL, HELPER_FONT
    return cell


def _header(sheet, titles, helper_from=None):
    cells = []
    for index, title in enumerate(titles):
        cell = WriteOnlyCell(sheet, value=title)
        cell.font, cell.alignment = HEADER_FONT, WRAP
        helper = helper_from is not None and index >= helper_from
        cell.fill = HELPER_HEADER_FILL if helper else HEADER_FILL
        cells.append(cell)
    return cells


def _widths(sheet, widths):
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def results_workbook(kind, rows, indicators, municipalities):
    """The .xlsx file (bytes) of the template of `kind` with `rows` (from
    `selectors.template_rows`) and the code lists (from `selectors.code_lists`)."""
    workbook = Workbook(write_only=True)
    _write_results(workbook.create_sheet(RESULTS), rows)
    _write_codes(workbook.create_sheet(CODES), indicators, municipalities)
    _write_instructions(workbook.create_sheet(INSTRUCTIONS), kind, rows)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def value_type_text(indicator):
    value_type = ValueType(indicator.value_type)
    return f"{value_type.label}: {VALUE_HINTS[value_type]}"


def _result_cells(sheet, row):
    result = row.result
    indicator = row.indicator
    value_format = VALUE_FORMATS.get(indicator.value_type, NUMBER_FORMAT)
    return [
        text_cell(sheet, row.proposal.reference),
        text_cell(sheet, row.report.kind),
        text_cell(sheet, indicator.code),
        text_cell(sheet, row.municipality.name_th) if row.municipality else None,
        number_cell(sheet, result.value if result else None, value_format),
        text_cell(sheet, result.note, WRAP) if result and result.note else None,
        text_cell(sheet, result.evidence_url) if result and result.evidence_url else None,
        _helper(text_cell(sheet, localized(row.proposal, "title"), WRAP)),
        _helper(text_cell(sheet, indicator.name, WRAP)),
        _helper(text_cell(sheet, indicator.unit or "")),
        _helper(text_cell(sheet, value_type_text(indicator), WRAP)),
        _helper(number_cell(sheet, row.target, value_format)),
    ]


def _write_results(sheet, rows):
    _widths(sheet, [column.width for column in COLUMNS])
    sheet.freeze_panes = "E2"  # the header and the columns that say which result a row is
    first_helper = next(index for index, column in enumerate(COLUMNS) if column.helper)
    sheet.append(_header(sheet, [column.header for column in COLUMNS], first_helper))
    kinds_of_value = {}
    for number, row in enumerate(rows, start=2):
        sheet.append(_result_cells(sheet, row))
        kinds_of_value.setdefault(row.indicator.value_type, []).append(number)
    last_row = max(len(rows) + 1, 2)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last_row}"
    _add_validations(sheet, kinds_of_value, last_row + SPARE_ROWS)


def _letter(key):
    return get_column_letter([column.key for column in COLUMNS].index(key) + 1)


def _runs(letter, numbers):
    """Row numbers as cell ranges of one column, consecutive rows joined: ["E2:E5", "E9"]."""
    ranges, start, previous = [], None, None
    for number in [*numbers, None]:
        if start is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            ranges.append(f"{letter}{start}" + (f":{letter}{previous}" if previous > start else ""))
        start = previous = number
    return ranges


def _validation(sheet, ranges, **options):
    validation = DataValidation(allow_blank=True, showErrorMessage=True, **options)
    for cells in ranges:
        validation.add(cells)
    sheet.data_validations.append(validation)


def _add_validations(sheet, kinds_of_value, last_row):
    """A drop-down of the report codes, and in the value column what each kind of value
    takes; the import checks all of it again."""
    report = _letter(columns.REPORT)
    _validation(
        sheet,
        [f"{report}2:{report}{last_row}"],
        type="list",
        formula1='"{}"'.format(",".join(KINDS)),
        error=f"ใช้ / Use: {', '.join(KINDS)}",
    )
    value = _letter(columns.VALUE)
    rules = {
        ValueType.YES_NO: {
            "type": "list",
            "formula1": '"1,0"',
            "error": "1 = ใช่ / yes, 0 = ไม่ใช่ / no",
        },
        ValueType.PERCENT: {
            "type": "decimal",
            "operator": "between",
            "formula1": "0",
            "formula2": "100",
            "error": "0–100",
        },
    }
    for value_type, numbers in kinds_of_value.items():
        options = rules.get(
            value_type,
            {
                "type": "decimal",
                "operator": "greaterThanOrEqual",
                "formula1": "0",
                "error": "≥ 0",
            },
        )
        _validation(sheet, _runs(value, numbers), **options)


def _write_codes(sheet, indicators, municipalities):
    """The indicators (columns A–G) and, beside them, the municipalities (I–K)."""
    indicator_titles = [
        "แผนงาน\nProgramme",
        "รหัสตัวชี้วัด\nIndicator code",
        "ชื่อตัวชี้วัด\nIndicator (Thai)",
        "ชื่อภาษาอังกฤษ\nIndicator (English)",
        "หน่วย\nUnit",
        "ชนิดของค่า\nValue type",
        "รายงานรายเทศบาล\nPer municipality",
    ]
    municipality_titles = ["เทศบาล\nMunicipality", "ชื่อภาษาอังกฤษ\nEnglish name", "จังหวัด\nProvince"]
    _widths(sheet, [12, 12, 45, 45, 16, 24, 14, 3, 30, 30, 16])
    sheet.freeze_panes = "A2"
    sheet.append([*_header(sheet, indicator_titles), None, *_header(sheet, municipality_titles)])
    for index in range(max(len(indicators), len(municipalities))):
        cells = [None] * 7
        if index < len(indicators):
            cells = _indicator_code_cells(sheet, indicators[index])
        cells.append(None)
        if index < len(municipalities):
            municipality = municipalities[index]
            cells += [
                text_cell(sheet, municipality.name_th),
                text_cell(sheet, municipality.name_en),
                text_cell(sheet, municipality.province_th),
            ]
        sheet.append(cells)


def _indicator_code_cells(sheet, indicator):
    unit = " / ".join(part for part in (indicator.unit_th, indicator.unit_en) if part)
    if indicator.value_type == ValueType.PERCENT:
        unit = "%"
    return [
        text_cell(sheet, indicator.programme.code),
        text_cell(sheet, indicator.code),
        text_cell(sheet, indicator.name_th, WRAP),
        text_cell(sheet, indicator.name_en, WRAP),
        text_cell(sheet, unit),
        text_cell(sheet, " / ".join(in_both_languages(ValueType(indicator.value_type).label))),
        text_cell(sheet, "ใช่ / yes" if indicator.per_municipality else "ไม่ใช่ / no"),
    ]


def _write_instructions(sheet, kind, rows):
    _widths(sheet, [80, 80])
    title = WriteOnlyCell(sheet, value="การนำเข้าผลตัวชี้วัด / Importing indicator results")
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    thai_kind, english_kind = in_both_languages(ProgressReportKind(kind).label)
    today = timezone.localdate()
    projects = len({row.report.proposal_id for row in rows})
    sheet.append(
        [
            text_cell(sheet, f"รอบรายงาน: {thai_kind} ({kind})", WRAP),
            text_cell(sheet, f"Reporting period: {english_kind} ({kind})", WRAP),
        ]
    )
    sheet.append(
        [
            text_cell(sheet, f"จัดทำเมื่อ {format_date(today, language='th')}"),
            text_cell(sheet, f"Made on {format_date(today, language='en')}"),
        ]
    )
    sheet.append(
        [
            text_cell(sheet, f"{projects} โครงการ, {len(rows)} แถว"),
            text_cell(sheet, f"{projects} project(s), {len(rows)} row(s)"),
        ]
    )
    sheet.append([])
    sheet.append(_header(sheet, ["วิธีกรอก", "How to fill it in"]))
    for number, (thai, english) in enumerate(columns.RULES, 1):
        cells = [text_cell(sheet, f"{number}. {text}", WRAP) for text in (thai, english)]
        sheet.append(cells)
    sheet.append([])
    sheet.append(_header(sheet, ["คอลัมน์", "Column"]))
    for column in COLUMNS:
        sheet.append([text_cell(sheet, column.thai), text_cell(sheet, column.english)])
