"""The Excel round trip of a programme's framework: download, upload with preview, confirm."""

import io
from decimal import Decimal

import pytest
from django.db import DatabaseError
from django.urls import resolve, reverse
from django.utils import translation
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from accounts import audit
from accounts.models import AuditEntry
from accounts.roles import Role
from core import workbooks
from indicators.excel import apply as excel_apply
from indicators.excel import columns
from indicators.excel.plan import Problem
from indicators.excel.reader import Invalid, read_number, read_yes_no
from indicators.models import (
    FiscalYear,
    Funder,
    Indicator,
    IndicatorTarget,
    Objective,
    Programme,
)
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS, OUTSIDER, assert_access, assert_flat_queries, status_for
from tests.indicators.excel_files import (
    XLSX,
    a_zip_that_is_not_a_workbook,
    as_upload,
    download,
    good_rows,
    new_row,
    rows_of,
    sheet_rows,
    snapshot,
    stored_files,
    upload,
    with_cell,
    with_column,
    without_column,
    workbook_of,
)

pytestmark = pytest.mark.django_db

ROLES = [role.value for role in Role]
LOGIN = 302  # anonymous visitors are sent to the sign-in page
HEADER = [*columns.KEYS, "target_2567", "target_2568"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def programme(manager):
    funder = Funder.objects.create(name_th="หน่วยบริหารทุนทดสอบ", name_en="Test funder")
    programme = Programme.objects.create(
        code="SLC", name_th="เมืองน่าอยู่อัจฉริยะ", name_en="Liveable Smart Cities", funder=funder
    )
    programme.fiscal_years.add(
        *(FiscalYear.objects.get_or_create(year_be=year)[0] for year in (2567, 2568))
    )
    programme.managers.add(manager)
    data = Objective.objects.create(
        programme=programme,
        code="O1",
        position=1,
        name_th="เมืองใช้ข้อมูลในการตัดสินใจ",
        name_en="Cities decide with data",
    )
    Objective.objects.create(
        programme=programme,
        code="O2",
        position=2,
        name_th="ประชาชนมีส่วนร่วม",
        name_en="People take part",
    )
    gis = Indicator.objects.create(
        programme=programme,
        objective=data,
        code="KR1.1",
        position=1,
        name_th="จำนวนเมืองที่ใช้ฐานข้อมูลเมือง",
        name_en="Cities using a city database",
        definition_th="นับเทศบาลที่ใช้ฐานข้อมูล GIS ในการวางแผน",
        unit_th="เมือง",
        unit_en="cities",
        baseline_value=Decimal("3"),
        baseline_year=2566,
    )
    gis.dimensions.set(["environment", "governance"])
    fund = Indicator.objects.create(
        programme=programme,
        objective=data,
        code="KR1.2",
        position=2,
        name_th="มีกองทุนเมือง",
        name_en="Has a city fund",
        value_type="yes_no",
        aggregation="count_yes",
        per_municipality=True,
    )
    years = {year.year_be: year for year in programme.fiscal_years.all()}
    for indicator, year, value in [
        (gis, 2567, "5"),
        (gis, 2568, "8"),
        (fund, 2567, "2"),
        (fund, 2568, "4.5"),
    ]:
        IndicatorTarget.objects.create(
            indicator=indicator, fiscal_year=years[year], value=Decimal(value)
        )
    return programme


GOOD_ROW = {
    "code": "KR2.1",
    "objective_code": "O2",
    "name_th": "ร้อยละของครัวเรือนที่ตอบแบบสำรวจเมือง",
    "name_en": "Households answering the city survey",
    "value_type": "percent",
    "aggregation": "average",
    "direction": "higher",
    "per_municipality": "yes",
    "dimensions": "people, living",
    "target_2567": 40,
}


# Download


def test_the_download_is_an_xlsx_named_after_the_programme(client, researcher, programme):
    client.force_login(researcher)
    response = client.get(reverse("indicators:export_framework", args=["SLC"]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="SLC-framework.xlsx"'
    workbook = load_workbook(io.BytesIO(response.getvalue()))
    assert workbook.sheetnames == ["Indicators", "Objectives", "Guide"]


def test_the_indicators_sheet_holds_every_indicator_with_its_targets(client, manager, programme):
    client.force_login(manager)
    sheet = download(client, programme)["Indicators"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert rows[1] == [
        "KR1.1",
        "O1",
        "จำนวนเมืองที่ใช้ฐานข้อมูลเมือง",
        "Cities using a city database",
        "นับเทศบาลที่ใช้ฐานข้อมูล GIS ในการวางแผน",
        None,
        "เมือง",
        "cities",
        "number",
        "sum",
        "higher",
        3,
        2566,
        "no",
        "no",
        "environment, governance",
        5,
        8,
    ]
    assert rows[2][0] == "KR1.2"
    assert rows[2][8:11] == ["yes_no", "count_yes", "higher"]
    assert rows[2][13] == "yes"
    assert rows[2][-2:] == [2, 4.5]
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:R3"
    assert sheet.column_dimensions["C"].width == 45
    assert sheet["L2"].data_type == "n"
    assert sheet["L2"].number_format == "#,##0"
    assert sheet["M2"].number_format == "0"
    assert sheet["R3"].number_format == "#,##0.00"
    assert sheet["A1"].comment is not None  # each key explains itself on hover


def test_the_objectives_and_guide_sheets_explain_the_file(client, manager, programme):
    client.force_login(manager)
    workbook = download(client, programme)
    assert sheet_rows(workbook, "Objectives") == [
        ["code", "name_th", "name_en"],
        ["O1", "เมืองใช้ข้อมูลในการตัดสินใจ", "Cities decide with data"],
        ["O2", "ประชาชนมีส่วนร่วม", "People take part"],
    ]
    guide = sheet_rows(workbook, "Guide")
    explained = {row[0]: row for row in guide if row and row[0] in HEADER}
    assert set(explained) == set(HEADER)
    assert "count_yes" in explained["aggregation"][3]
    assert "governance" in explained["dimensions"][3]
    assert "ค่าเป้าหมายของปีงบประมาณ 2567" in explained["target_2567"][1]  # Thai
    assert "Target for fiscal year 2567" in explained["target_2567"][2]  # and English


def test_the_download_runs_as_many_queries_with_many_indicators(client, manager, programme):
    objective = programme.objectives.first()

    def make_rows(count):
        start = Indicator.objects.count()
        for number in range(start, start + count):
            indicator = Indicator.objects.create(
                programme=programme,
                objective=objective,
                code=f"X{number}",
                name_th=f"ตัวชี้วัด {number}",
                name_en=f"Indicator {number}",
            )
            indicator.dimensions.set(["people"])

    assert_flat_queries(
        client, manager, reverse("indicators:export_framework", args=["SLC"]), make_rows
    )


@pytest.mark.parametrize("text", ["=1+1", "+66 2 000 0000", "-", "@SUM(A1:A2)"])
def test_text_that_looks_like_a_formula_is_written_as_text(client, manager, programme, text):
    Indicator.objects.filter(code="KR1.1").update(name_th=text, unit_en=text)
    client.force_login(manager)
    sheet = download(client, programme)["Indicators"]
    assert sheet["C2"].value == text
    assert sheet["C2"].data_type == "s"
    assert sheet["H2"].data_type == "s"
    before = snapshot(programme)

    response = upload(client, programme, download(client, programme))

    plan = response.context["plan"]
    assert (plan.errors, plan.changed, len(plan.unchanged)) == ([], [], 2)
    assert plan.unchanged[0].values["name_th"] == text
    assert snapshot(programme) == before


# The round trip


def test_a_changed_name_and_target_and_a_new_row_round_trip(client, manager, programme, settings):
    client.force_login(manager)
    workbook = download(client, programme)
    sheet = workbook["Indicators"]
    sheet["D2"] = "Cities that use a city database"
    sheet["R2"] = 10  # target_2568 of KR1.1
    sheet.append(new_row(HEADER, **GOOD_ROW))

    response = upload(client, programme, workbook, follow=True)

    ((confirm_url, status),) = response.redirect_chain
    assert status == 302
    plan = response.context["plan"]
    assert plan.errors == []
    assert [row.code for row in plan.added] == ["KR2.1"]
    assert [
        (row.code, [(change.column, change.old, change.new) for change in row.changes])
        for row in plan.changed
    ] == [
        (
            "KR1.1",
            [
                ("name_en", "Cities using a city database", "Cities that use a city database"),
                ("target_2568", Decimal("8.00"), Decimal("10.00")),
            ],
        )
    ]
    assert [row.code for row in plan.unchanged] == ["KR1.2"]
    assert plan.missing == []
    page = response.content.decode()
    assert "Cities that use a city database" in page
    assert 'name="cancel"' in page
    assert snapshot(programme)[0][0][4] == "Cities using a city database"  # not saved yet
    assert len(stored_files(settings)) == 1

    response = client.post(confirm_url)

    assert response.status_code == 302
    assert response["Location"] == reverse("indicators:programme_detail", args=["SLC"])
    changed = Indicator.objects.get(code="KR1.1")
    assert changed.name_en == "Cities that use a city database"
    assert changed.targets.get(fiscal_year__year_be=2568).value == Decimal("10.00")
    assert changed.targets.get(fiscal_year__year_be=2567).value == Decimal("5.00")
    added = Indicator.objects.get(programme=programme, code="KR2.1")
    assert (added.objective.code, added.name_th, added.value_type, added.aggregation) == (
        "O2",
        "ร้อยละของครัวเรือนที่ตอบแบบสำรวจเมือง",
        "percent",
        "average",
    )
    assert added.per_municipality is True
    assert sorted(added.dimensions.values_list("code", flat=True)) == ["living", "people"]
    assert [(t.fiscal_year.year_be, t.value) for t in added.targets.all()] == [
        (2567, Decimal("40.00"))
    ]
    entry = AuditEntry.objects.get(action="framework.imported")
    assert (entry.actor, entry.object_id) == (manager, str(programme.pk))
    assert {key: entry.data[key] for key in ("added", "changed", "unchanged", "kept")} == {
        "added": 1,
        "changed": 1,
        "unchanged": 1,
        "kept": 0,
    }
    assert (entry.data["targets_created"], entry.data["targets_changed"]) == (1, 1)
    assert entry.data["file"] == "framework.xlsx"
    assert AuditEntry.objects.filter(action="indicator.changed", object_id=changed.pk).exists()
    assert AuditEntry.objects.filter(action="indicator.created", object_id=added.pk).exists()
    assert stored_files(settings) == []
    assert client.post(confirm_url).status_code == 302  # a second press applies nothing
    assert AuditEntry.objects.filter(action="framework.imported").count() == 1


def test_a_blank_target_cell_removes_that_years_target(client, manager, programme):
    client.force_login(manager)
    rows = with_cell(rows_of(client, programme), "KR1.2", "target_2568", None)
    response = upload(client, programme, workbook_of(rows), follow=True)
    (change,) = response.context["plan"].changed[0].changes
    assert (change.column, change.old, change.new) == ("target_2568", Decimal("4.50"), None)

    client.post(response.redirect_chain[0][0])

    fund = Indicator.objects.get(code="KR1.2")
    assert [target.fiscal_year.year_be for target in fund.targets.all()] == [2567]


def test_indicators_left_out_of_the_file_are_kept(client, manager, programme):
    client.force_login(manager)
    rows = rows_of(client, programme)
    rows = with_cell([rows[0], rows[1]], "KR1.1", "name_th", "ชื่อใหม่")
    response = upload(client, programme, workbook_of(rows), follow=True)
    plan = response.context["plan"]
    assert [indicator.code for indicator in plan.missing] == ["KR1.2"]

    client.post(response.redirect_chain[0][0])

    assert sorted(Indicator.objects.values_list("code", flat=True)) == ["KR1.1", "KR1.2"]
    assert Indicator.objects.get(code="KR1.2").targets.count() == 2


def test_a_file_without_a_target_column_leaves_that_years_targets(client, manager, programme):
    client.force_login(manager)
    rows = [row[:-1] for row in rows_of(client, programme)]  # no target_2568
    rows = with_cell(rows, "KR1.1", "target_2567", 6)
    response = upload(client, programme, workbook_of(rows), follow=True)
    client.post(response.redirect_chain[0][0])
    gis = Indicator.objects.get(code="KR1.1")
    assert [t.value for t in gis.targets.all()] == [Decimal("6.00"), Decimal("8.00")]


def test_a_file_that_changes_nothing_offers_nothing_to_apply(client, manager, programme, settings):
    client.force_login(manager)
    response = upload(client, programme, download(client, programme))
    assert response.status_code == 200
    plan = response.context["plan"]
    assert (plan.added, plan.changed, len(plan.unchanged)) == ([], [], 2)
    assert "token" not in response.context
    assert stored_files(settings) == []


def test_the_preview_runs_as_many_queries_with_many_indicators(client, manager, programme):
    client.force_login(manager)
    rows = with_cell(rows_of(client, programme), "KR1.1", "direction", "lower")
    confirm_url = upload(client, programme, workbook_of(rows))["Location"]
    objective = programme.objectives.first()

    def make_rows(count):  # indicators the file lacks, listed as kept
        start = Indicator.objects.count()
        for number in range(start, start + count):
            indicator = Indicator.objects.create(
                programme=programme,
                objective=objective,
                code=f"X{number}",
                name_th=f"ตัวชี้วัด {number}",
                name_en=f"Indicator {number}",
            )
            indicator.dimensions.set(["people"])

    assert_flat_queries(client, manager, confirm_url, make_rows)


def test_the_preview_is_shown_again_and_applies_nothing_on_get(client, manager, programme):
    client.force_login(manager)
    rows = with_cell(rows_of(client, programme), "KR1.1", "direction", "lower")
    confirm_url = upload(client, programme, workbook_of(rows))["Location"]
    before = snapshot(programme)
    response = client.get(confirm_url)
    assert response.status_code == 200
    assert response.context["plan"].changed[0].changes[0].new == "lower"
    assert snapshot(programme) == before


def test_cancelling_deletes_the_upload(client, manager, programme, settings):
    client.force_login(manager)
    rows = with_cell(rows_of(client, programme), "KR1.1", "direction", "lower")
    confirm_url = upload(client, programme, workbook_of(rows))["Location"]
    before = snapshot(programme)
    response = client.post(confirm_url, {"cancel": "1"})
    assert response.status_code == 302
    assert snapshot(programme) == before
    assert stored_files(settings) == []


# Bad files


# (what is wrong, how to make it) → (kind, sheet, row, column) of the problem reported
BAD_FILES = {
    "wrong extension": (lambda rows: (b"code,name\n", "framework.csv"), ("not_xlsx", "", None, "")),
    "not a zip": (lambda rows: (b"not a workbook at all", None), ("not_xlsx", "", None, "")),
    "a zip but no workbook": (
        lambda rows: (a_zip_that_is_not_a_workbook(), None),
        ("not_xlsx", "", None, ""),
    ),
    "empty file": (lambda rows: (b"", None), ("empty", "", None, "")),
    "over 5 MB": (
        lambda rows: (b"PK" + b"\0" * workbooks.MAX_BYTES, None),
        ("too_large", "", None, ""),
    ),
    "no Indicators sheet": (
        lambda rows: workbook_of(rows, title="Sheet1"),
        ("missing_sheet", "Indicators", None, ""),
    ),
    "empty Indicators sheet": (
        lambda rows: workbook_of([]),
        ("empty_sheet", "Indicators", 1, ""),
    ),
    "missing header": (
        lambda rows: without_column(rows, "name_en"),
        ("missing_column", "Indicators", 1, "name_en"),
    ),
    "unexpected header": (
        lambda rows: with_column(rows, "colour", "red"),
        ("unexpected_column", "Indicators", 1, "colour"),
    ),
    "repeated header": (
        lambda rows: with_column(rows, "name_th", "x"),
        ("duplicate_column", "Indicators", 1, "name_th"),
    ),
    "year outside the programme": (
        lambda rows: with_column(rows, "target_2570", 5),
        ("unknown_year", "Indicators", 1, "target_2570"),
    ),
    "text as baseline value": (
        lambda rows: with_cell(rows, "KR1.1", "baseline_value", "abc"),
        ("not_a_number", "Indicators", 2, "baseline_value"),
    ),
    "text as baseline year": (
        lambda rows: with_cell(rows, "KR1.1", "baseline_year", "last year"),
        ("not_a_number", "Indicators", 2, "baseline_year"),
    ),
    "a Gregorian baseline year": (
        lambda rows: with_cell(rows, "KR1.1", "baseline_year", 2023),
        ("not_a_year", "Indicators", 2, "baseline_year"),
    ),
    "text as target": (
        lambda rows: with_cell(rows, "KR1.2", "target_2567", "สอง"),
        ("not_a_number", "Indicators", 3, "target_2567"),
    ),
    "negative target": (
        lambda rows: with_cell(rows, "KR1.2", "target_2567", -1),
        ("negative_target", "Indicators", 3, "target_2567"),
    ),
    "percent over 100": (
        lambda rows: with_cell(
            with_cell(rows, "KR1.1", "value_type", "percent"), "KR1.1", "target_2568", 150
        ),
        ("percent_over_100", "Indicators", 2, "target_2568"),
    ),
    "three decimals": (
        lambda rows: with_cell(rows, "KR1.2", "target_2568", 4.125),
        ("too_many_decimals", "Indicators", 3, "target_2568"),
    ),
    "unknown objective": (
        lambda rows: with_cell(rows, "KR1.1", "objective_code", "O9"),
        ("unknown_objective", "Indicators", 2, "objective_code"),
    ),
    "duplicate code": (
        lambda rows: [*rows, list(rows[1])],
        ("duplicate_code", "Indicators", 4, "code"),
    ),
    "unknown value type": (
        lambda rows: with_cell(rows, "KR1.1", "value_type", "money"),
        ("unknown_choice", "Indicators", 2, "value_type"),
    ),
    "unknown aggregation": (
        lambda rows: with_cell(rows, "KR1.1", "aggregation", "median"),
        ("unknown_choice", "Indicators", 2, "aggregation"),
    ),
    "unknown direction": (
        lambda rows: with_cell(rows, "KR1.1", "direction", "up"),
        ("unknown_choice", "Indicators", 2, "direction"),
    ),
    "unknown dimension": (
        lambda rows: with_cell(rows, "KR1.1", "dimensions", "environment, weather"),
        ("unknown_dimension", "Indicators", 2, "dimensions"),
    ),
    "yes/no summed": (
        lambda rows: with_cell(rows, "KR1.2", "aggregation", "sum"),
        ("yes_no_aggregation", "Indicators", 3, "aggregation"),
    ),
    "count of yes of a number": (
        lambda rows: with_cell(rows, "KR1.1", "aggregation", "count_yes"),
        ("yes_no_aggregation", "Indicators", 2, "aggregation"),
    ),
    "baseline value without year": (
        lambda rows: with_cell(rows, "KR1.1", "baseline_year", None),
        ("baseline_without_year", "Indicators", 2, "baseline_year"),
    ),
    "baseline year without value": (
        lambda rows: with_cell(rows, "KR1.2", "baseline_year", 2566),
        ("year_without_baseline", "Indicators", 3, "baseline_value"),
    ),
    "blank code": (
        lambda rows: [*rows, new_row(rows[0], **{**GOOD_ROW, "code": "  "})],
        ("blank_code", "Indicators", 4, "code"),
    ),
    "blank name": (
        lambda rows: with_cell(rows, "KR1.1", "name_th", None),
        ("required", "Indicators", 2, "name_th"),
    ),
    "code too long": (
        lambda rows: [*rows, new_row(rows[0], **{**GOOD_ROW, "code": "K" * 21})],
        ("too_long", "Indicators", 4, "code"),
    ),
    "not yes or no": (
        lambda rows: with_cell(rows, "KR1.1", "per_municipality", "maybe"),
        ("not_yes_no", "Indicators", 2, "per_municipality"),
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_refused_with_where_and_why(client, manager, programme, settings, case):
    make, expected = BAD_FILES[case]
    made = make(good_rows(programme))
    content, name = made if isinstance(made, tuple) else (made, None)
    if isinstance(content, list):
        content = workbook_of(content)
    before = snapshot(programme), AuditEntry.objects.count()
    client.force_login(manager)

    response = upload(client, programme, content, name=name or "framework.xlsx")

    assert response.status_code == 200
    errors = response.context["plan"].errors
    assert expected in [(e.kind, e.sheet, e.row, e.column) for e in errors], errors
    page = response.content.decode()
    assert "Apply these changes" not in page
    assert 'id="problems"' in page
    assert (snapshot(programme), AuditEntry.objects.count()) == before
    assert stored_files(settings) == []


def test_one_file_reports_all_its_problems(client, manager, programme):
    rows = with_cell(good_rows(programme), "KR1.1", "baseline_value", "abc")
    rows = with_cell(rows, "KR1.2", "direction", "up")
    client.force_login(manager)
    errors = upload(client, programme, workbook_of(rows)).context["plan"].errors
    assert [(e.row, e.column) for e in errors] == [(2, "baseline_value"), (3, "direction")]


def test_rows_are_numbered_as_excel_numbers_them_past_empty_rows(client, manager, programme):
    rows = good_rows(programme)
    bad = with_cell(with_cell(rows, "KR1.1", "direction", "up"), "KR1.1", "code", "KR9.9")[1]
    client.force_login(manager)
    response = upload(client, programme, workbook_of([*rows, [None], [], bad]))
    errors = response.context["plan"].errors
    assert [(e.kind, e.row) for e in errors] == [("unknown_choice", 6)]


def test_a_sheet_with_too_many_rows_is_refused(client, manager, programme, monkeypatch):
    monkeypatch.setattr("indicators.excel.reader.MAX_ROWS", 1)
    client.force_login(manager)
    errors = upload(client, programme, workbook_of(good_rows(programme))).context["plan"].errors
    assert [(e.kind, e.sheet) for e in errors] == [("too_many_rows", "")]


def test_a_workbook_that_unpacks_too_large_is_refused(client, manager, programme, monkeypatch):
    monkeypatch.setattr(workbooks, "MAX_UNPACKED_BYTES", 100)
    client.force_login(manager)
    errors = upload(client, programme, workbook_of(good_rows(programme))).context["plan"].errors
    assert [e.kind for e in errors] == ["too_large"]  # it says so (it said "cannot be read")


def test_a_problem_says_sheet_row_and_column():
    with translation.override("en"):
        problem = Problem(
            "not_a_number", "'abc' is not a number.", "Indicators", 7, "baseline_value"
        )
        assert str(problem) == "Indicators, row 7, column baseline_value: 'abc' is not a number."
        assert str(Problem("empty", "The file is empty.")) == "The file is empty."


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (None, None),
        ("  ", None),
        (12, Decimal("12.00")),
        (12.5, Decimal("12.50")),
        ("1,234.5", Decimal("1234.50")),
        (-3, Decimal("-3.00")),
    ],
)
def test_numbers_are_read_as_decimals(raw, value):
    assert read_number(raw) == value


@pytest.mark.parametrize("raw", ["abc", True, "1e400", "NaN", float("inf")])
def test_what_is_not_a_number_is_refused(raw):
    with pytest.raises(Invalid):
        read_number(raw)


@pytest.mark.parametrize(
    ("raw", "value"), [("yes", True), ("No", False), (None, False), (True, True), (1, True)]
)
def test_yes_and_no_are_read_in_several_spellings(raw, value):
    assert read_yes_no(raw) is value


# Confirmation


def test_a_file_that_went_stale_applies_nothing(client, manager, programme, settings):
    client.force_login(manager)
    rows = rows_of(client, programme)
    confirm_url = upload(client, programme, workbook_of([*rows, new_row(rows[0], **GOOD_ROW)]))[
        "Location"
    ]
    Objective.objects.filter(code="O2").delete()  # someone removes the objective meanwhile
    before = snapshot(programme), AuditEntry.objects.count()

    response = client.post(confirm_url)

    assert response.status_code == 200
    assert response.context["stale"] is True
    errors = response.context["plan"].errors
    assert [(e.kind, e.row, e.column) for e in errors] == [
        ("unknown_objective", 4, "objective_code")
    ]
    assert "Apply these changes" not in response.content.decode()
    assert (snapshot(programme), AuditEntry.objects.count()) == before
    assert stored_files(settings) == []


def test_confirming_a_file_already_applied_changes_nothing_more(client, manager, programme):
    client.force_login(manager)
    rows = with_cell(rows_of(client, programme), "KR1.1", "direction", "lower")
    workbook = workbook_of(rows)
    first = upload(client, programme, workbook)["Location"]
    second = upload(client, programme, workbook)["Location"]
    client.post(first)

    response = client.post(second, follow=True)

    assert response.redirect_chain[-1][0] == reverse("indicators:programme_detail", args=["SLC"])
    assert AuditEntry.objects.filter(action="framework.imported").count() == 1
    assert AuditEntry.objects.filter(action="indicator.changed").count() == 1


def test_an_unknown_token_applies_nothing(client, manager, programme):
    client.force_login(manager)
    before = snapshot(programme)
    url = reverse("indicators:confirm_import", args=["SLC", "no-such-upload-0123456789"])
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("indicators:import_framework", args=["SLC"])
    assert snapshot(programme) == before


def test_a_token_works_only_for_its_own_programme(client, manager, programme):
    other = Programme.objects.create(
        code="other", name_th="อื่น", name_en="Other", funder=programme.funder
    )
    other.managers.add(manager)
    client.force_login(manager)
    rows = with_cell(rows_of(client, programme), "KR1.1", "direction", "lower")
    token = resolve(upload(client, programme, workbook_of(rows))["Location"]).kwargs["token"]
    response = client.post(reverse("indicators:confirm_import", args=["other", token]))
    assert response.status_code == 302
    assert Indicator.objects.get(code="KR1.1").direction == "higher"


def test_a_failure_while_applying_rolls_everything_back(client, manager, programme, monkeypatch):
    client.force_login(manager)
    rows = rows_of(client, programme)
    rows = with_cell(rows, "KR1.1", "name_th", "ชื่อใหม่")
    confirm_url = upload(client, programme, workbook_of([*rows, new_row(rows[0], **GOOD_ROW)]))[
        "Location"
    ]
    before = snapshot(programme), AuditEntry.objects.count()

    def broken(**kwargs):
        raise DatabaseError("the disk is full")

    monkeypatch.setattr("indicators.excel.apply.services.set_targets", broken)
    response = client.post(confirm_url)

    assert response.status_code == 302
    assert response["Location"] == confirm_url  # the upload waits for another try
    assert (snapshot(programme), AuditEntry.objects.count()) == before


# Who may do what


def table(allowed, yes, no=403):
    expected = {name: no for name in [*ROLES, OUTSIDER]}
    expected.update(dict.fromkeys(allowed, yes))
    expected[ANONYMOUS] = LOGIN
    return expected


def test_anyone_with_a_role_downloads_the_framework(client, personas, programme):
    url = reverse("indicators:export_framework", args=["SLC"])
    assert_access(client, personas, url, table(ROLES, yes=200))


def test_only_the_programmes_managers_open_the_import_page(client, personas, programme):
    url = reverse("indicators:import_framework", args=["SLC"])
    assert_access(client, personas, url, table([Role.PROGRAMME_MANAGER], yes=200))


def test_only_the_programmes_managers_upload(client, personas, programme):
    rows = with_cell(good_rows(programme), "KR1.1", "direction", "lower")
    url = reverse("indicators:import_framework", args=["SLC"])
    actual = {
        name: status_for(client, user, url, "post", {"file": as_upload(workbook_of(rows))})
        for name, user in personas.items()
    }
    expected = table([Role.PROGRAMME_MANAGER], yes=302)
    assert actual == {name: expected[name] for name in personas}


def test_only_the_programmes_managers_confirm(client, personas, programme):
    url = reverse("indicators:confirm_import", args=["SLC", "no-such-upload-0123456789"])
    expected = table([Role.PROGRAMME_MANAGER], yes=302)  # the manager is told it is unknown
    assert_access(client, personas, url, expected, method="post")
    assert_access(client, personas, url, expected)


def test_a_manager_of_another_programme_may_only_download(client, programme):
    stranger = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    client.force_login(stranger)
    assert client.get(reverse("indicators:export_framework", args=["SLC"])).status_code == 200
    assert client.get(reverse("indicators:import_framework", args=["SLC"])).status_code == 403
    rows = with_cell(good_rows(programme), "KR1.1", "direction", "lower")
    before = snapshot(programme)
    assert upload(client, programme, workbook_of(rows)).status_code == 403
    url = reverse("indicators:confirm_import", args=["SLC", "no-such-upload-0123456789"])
    assert client.post(url).status_code == 403
    assert snapshot(programme) == before


@pytest.mark.parametrize("name", ["export_framework", "import_framework"])
def test_an_unknown_programme_is_not_found(client, manager, programme, name):
    client.force_login(manager)
    assert client.get(reverse(f"indicators:{name}", args=["nope"])).status_code == 404


def test_confirming_for_an_unknown_programme_is_not_found(client, manager, programme):
    client.force_login(manager)
    url = reverse("indicators:confirm_import", args=["nope", "no-such-upload-0123456789"])
    assert client.post(url).status_code == 404


def test_the_import_page_explains_and_asks_for_a_file(client, manager, programme):
    client.force_login(manager)
    response = client.get(reverse("indicators:import_framework", args=["SLC"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'type="file"' in page
    assert 'enctype="multipart/form-data"' in page
    assert reverse("indicators:export_framework", args=["SLC"]) in page


def test_the_import_has_a_readable_audit_label():
    with translation.override("en"):
        assert str(audit.action_label(excel_apply.IMPORTED)) == "Framework imported from Excel"


def test_a_formula_is_refused_where_it_stands_instead_of_read_as_empty(client, manager,
                                                                        programme):  # fmt: skip
    """A name holding =HYPERLINK(…) used to be refused as empty; a formula in a column of the
    user's own, too, names its letter."""
    manager.preferred_language = "en"
    manager.save(update_fields=["preferred_language"])
    client.force_login(manager)
    rows = with_cell(rows_of(client, programme), "KR1.2", "name_th", '=HYPERLINK("x","ชื่อ")')
    rows = [[*rows[0], None], *([*row, None] for row in rows[1:])]
    rows[1][-1] = "=1+1"
    before = snapshot(programme)
    with translation.override("en"):
        response = upload(client, programme, workbook_of(rows), follow=True)
        errors = [str(problem) for problem in response.context["plan"].errors]
    header = rows[0]
    letter = get_column_letter(len(header))
    row_of_kr12 = next(number for number, row in enumerate(rows, 1) if row[0] == "KR1.2")
    assert sorted(errors) == sorted(
        [
            f"Indicators, row 2, column {letter}: This cell holds a formula (=1+1): type the "
            "value, not a formula.",
            f"Indicators, row {row_of_kr12}, column name_th: This cell holds a formula "
            '(=HYPERLINK("x","ชื่อ")): type the value, not a formula.',
        ]
    )
    assert snapshot(programme) == before
