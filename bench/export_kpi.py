"""The KPI matrix of a programme against openpyxl writing the same cells alone.

Run from the project's root, on a database that holds a programme with its KPI ledger — the
one bench/scale.py builds (1,000 funded projects), or bench/kpi_report.py's:

    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1/grants_scale .venv/bin/python \\
        bench/export_kpi.py [--programme SLC] [--repeat 5]

It prints the queries of our export (`reports.excel.kpi.build_kpi_matrix`: the roll-ups, the
names, the writing) with the time each took, then the best of --repeat runs of ours and of
openpyxl's write-only workbook writing the same cells (read back from our file beforehand,
with the same number formats), and their ratio. The target of issue #12: at most 2×.
"""

import argparse
import os
import sys
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DEBUG", "1")

import harness

TEMPORARY = harness.start_django("bench-kpi-matrix-")

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402
from openpyxl.cell import WriteOnlyCell  # noqa: E402

from indicators.models import Programme  # noqa: E402
from reports.excel.kpi import build_kpi_matrix  # noqa: E402


def sheets_of(content):
    """[(title, [[(value, number format)]])] of an .xlsx file, read back."""
    book = load_workbook(BytesIO(content), read_only=True)
    return [
        (sheet.title, [[(cell.value, cell.number_format) for cell in row] for row in sheet.rows])
        for sheet in book.worksheets
    ]


def openpyxl_alone(sheets):
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            cells = []
            for value, number_format in row:
                if value is None or number_format == "General":
                    cells.append(value)
                else:
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = number_format
                    cells.append(cell)
            sheet.append(cells)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def best_time(run, repeat):
    times = []
    for _n in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--programme", default="SLC")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs; the best counts")
    arguments = parser.parse_args()
    translation.activate("th")
    programme = Programme.objects.get(code=arguments.programme)

    def ours():
        return build_kpi_matrix(programme, options={}).content

    content = ours()
    with CaptureQueriesContext(connection) as queries:
        ours()
    sheets = sheets_of(content)
    cells = sum(len(row) for _title, rows in sheets for row in rows)
    print(f"KPI matrix of {programme.code}: {len(content):,} bytes, {cells:,} cells")
    print(f"{len(queries)} queries:")
    for query in queries.captured_queries:
        print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:90]}")
    ours_time = best_time(ours, arguments.repeat)
    alone_time = best_time(lambda: openpyxl_alone(sheets), arguments.repeat)
    print(f"  our export      {ours_time:7.3f} s")
    print(f"  openpyxl alone  {alone_time:7.3f} s")
    print(f"  ratio           {ours_time / alone_time:7.2f} ×  (target: at most 2×)")


if __name__ == "__main__":
    harness.run(main, TEMPORARY)
