"""Workbooks for the Excel round-trip tests, built in memory with openpyxl."""

import io
import zipfile
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from indicators.excel import columns
from indicators.models import Indicator, IndicatorTarget

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(client, programme):
    """The programme's framework as the download gives it, opened for editing."""
    response = client.get(reverse("indicators:export_framework", args=[programme.code]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.getvalue()))


def sheet_rows(workbook, title="Indicators"):
    return [list(row) for row in workbook[title].iter_rows(values_only=True)]


def workbook_of(rows, title="Indicators"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    return workbook


def as_upload(workbook_or_bytes, name="framework.xlsx"):
    if isinstance(workbook_or_bytes, bytes):
        content = workbook_or_bytes
    else:
        buffer = io.BytesIO()
        workbook_or_bytes.save(buffer)
        content = buffer.getvalue()
    return SimpleUploadedFile(name, content, content_type=XLSX)


def upload(client, programme, workbook_or_bytes, name="framework.xlsx", follow=False):
    return client.post(
        reverse("indicators:import_framework", args=[programme.code]),
        {"file": as_upload(workbook_or_bytes, name)},
        follow=follow,
    )


def stored_files(settings):
    folder = settings.MEDIA_ROOT / "imports" / "framework"
    return sorted(path.name for path in folder.glob("*")) if folder.exists() else []


def rows_of(client, programme):
    return sheet_rows(download(client, programme))


def with_cell(rows, code, key, value):
    rows = [list(row) for row in rows]
    column = rows[0].index(key)
    next(row for row in rows[1:] if row[0] == code)[column] = value
    return rows


def new_row(header, **values):
    return [values.get(key) for key in header]


def good_rows(programme):
    """The header and rows of the framework as the download gives them."""
    header = [*columns.KEYS, "target_2567", "target_2568"]
    rows = [header]
    for indicator in Indicator.objects.filter(programme=programme).order_by("code"):
        values = columns.current_values(indicator, [2567, 2568])
        rows.append(
            [
                (", ".join(value) if key == "dimensions" else value)
                if key != "per_municipality"
                else ("yes" if value else "no")
                for key, value in values.items()
            ]
        )
    return rows


def without_column(rows, key):
    index = rows[0].index(key)
    return [row[:index] + row[index + 1 :] for row in rows]


def with_column(rows, key, value=None):
    return [[*rows[0], key], *([*row, value] for row in rows[1:])]


def a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "สวัสดี")
    return buffer.getvalue()


def snapshot(programme):
    """Everything the import may write, to compare before and after."""
    indicators = [
        (
            indicator.code,
            indicator.objective_id,
            indicator.position,
            indicator.name_th,
            indicator.name_en,
            indicator.definition_th,
            indicator.definition_en,
            indicator.unit_th,
            indicator.unit_en,
            indicator.value_type,
            indicator.aggregation,
            indicator.direction,
            indicator.baseline_value,
            indicator.baseline_year,
            indicator.per_municipality,
            tuple(dimension.code for dimension in indicator.dimensions.all()),
        )
        for indicator in Indicator.objects.filter(programme=programme).order_by("code")
    ]
    targets = sorted(
        (target.indicator.code, target.fiscal_year.year_be, Decimal(target.value))
        for target in IndicatorTarget.objects.filter(indicator__programme=programme)
    )
    return indicators, targets
