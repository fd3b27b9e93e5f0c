"""Reading back the workbooks of the Excel exports: values, formats and the raw XML."""

import re
import zipfile
from decimal import Decimal
from io import BytesIO

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from openpyxl import load_workbook

from tests.helpers import count_queries


def open_book(content):
    """The workbook of an .xlsx file's bytes (or an Output), read with its styles."""
    content = getattr(content, "content", content)
    return load_workbook(BytesIO(content))


def rows_of(sheet):
    """Every row of a sheet as a list of values."""
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def header_of(sheet):
    return rows_of(sheet)[0]


def data_of(sheet, totals=True):
    """The rows under the header, without the totals row when there is one."""
    rows = rows_of(sheet)[1:]
    return rows[:-1] if totals else rows


def column(sheet, name, totals=True):
    """The data of the column headed `name`."""
    index = header_of(sheet).index(name)
    return [row[index] for row in data_of(sheet, totals)]


def decimal(value):
    """A number read from the file as the Decimal it was written from (None stays None)."""
    return None if value is None else Decimal(str(value))


def excel_time(value):
    """A datetime of the database as the file holds it: local time, no zone, to the second."""
    return timezone.localtime(value).replace(tzinfo=None, microsecond=0)


def sheet_xml(content, number=1):
    """The XML of the `number`-th sheet of an .xlsx file's bytes."""
    content = getattr(content, "content", content)
    with zipfile.ZipFile(BytesIO(content)) as archive:
        return archive.read(f"xl/worksheets/sheet{number}.xml").decode()


def cell_xml(xml, coordinate):
    """The <c> element of cell `coordinate` in a sheet's XML."""
    found = re.search(rf'<c r="{coordinate}"[^>]*?(?:/>|>.*?</c>)', xml, re.DOTALL)
    assert found, f"no cell {coordinate}"
    return found.group(0)


def answers_of(may, subject, personas):
    """What the predicate `may` answers each persona about `subject` (anonymous included)."""
    return {name: may(user or AnonymousUser(), subject) for name, user in personas.items()}


def flat_queries(build, make_rows, few=1, many=12):
    """`build()` runs as many queries with `many` rows as with `few`; returns the count.
    A first build warms what is cached once per user (their roles)."""
    make_rows(few)
    build()
    first = count_queries(build)
    make_rows(many - few)
    second = count_queries(build)
    assert first == second, f"{first} queries with {few} rows, {second} with {many}"
    return first
