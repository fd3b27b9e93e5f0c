"""The register export of 1,000 and 10,000 proposals against openpyxl writing the same cells
alone.

Run from the project's root:

    DEBUG=1 .venv/bin/python bench/export_register.py            # a temporary SQLite database
    DEBUG=1 DATABASE_URL=postgres://… .venv/bin/python bench/export_register.py
    DEBUG=1 .venv/bin/python bench/export_register.py --proposals 2000 --repeat 5

Without DATABASE_URL it migrates a new SQLite database in a temporary folder and deletes it at
the end. With DATABASE_URL it uses that (migrated) database and keeps what it adds: for each
size, the programme BENCH<size>, its call and the proposals, made once with bulk_create and
reused by later runs. Never point it at a database whose data matters. Targets (issue #12): at
10,000 rows at most 1.3× openpyxl alone, and a peak memory flat in the rows.

It prints, for (1) our export — `reports.excel.register.build_register`: the queries, the rows,
the writer, the file — and (2) openpyxl's write-only workbook writing the same cells (the rows
worked out once beforehand, then only the writing, with the same number formats, widths,
frozen header, filter and totals): the best time of --repeat runs, the ratio of the two, and
the peak memory of one more run of each under tracemalloc (Python allocations only).

The two do not reach openpyxl's writing the same way: (2) appends plain values and styled
cells as openpyxl's users do, and openpyxl works each one's type out; our writer makes each
value its column's cell once and its sheet (reports/excel/sheets.py) passes the cells to
openpyxl's XML writer without that second look (the file is the same). At 10,000 rows that
look is about a quarter of (2)'s time: with it skipped on both sides the ratio would be
higher than the one printed.
"""

import argparse
import time

import harness

TEMPORARY = harness.start_django("bench-register-")

import datetime  # noqa: E402
import random  # noqa: E402
from decimal import Decimal  # noqa: E402
from io import BytesIO  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from openpyxl.cell import WriteOnlyCell  # noqa: E402
from openpyxl.styles import Font  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402

from accounts.models import Municipality, User  # noqa: E402
from indicators.models import FiscalYear, Funder, Programme, Technology  # noqa: E402
from proposals.calls.services import add_default_parts  # noqa: E402
from proposals.models import (  # noqa: E402
    BudgetCategory,
    BudgetLine,
    Call,
    Proposal,
    ProposalMunicipality,
    ProposalState,
    ProposalTechnology,
)
from reports.excel.register import build_register, columns, register_rows  # noqa: E402
from reports.excel.writer import NUMBER_FORMATS  # noqa: E402
from reviews.models import Assignment, AssignmentState, Review, ReviewState  # noqa: E402

CODE = "BENCH"  # and the number of proposals
BATCH = 2000
STATES = [
    ProposalState.SUBMITTED,
    ProposalState.IN_REVIEW,
    ProposalState.IN_REVIEW,
    ProposalState.APPROVED,
    ProposalState.REJECTED,
    ProposalState.ACTIVE,
]


def create_data(code, count):
    """A programme with one call and `count` submitted proposals, each with one to three budget
    lines, one or two municipalities and a technology; those in review have two reviews."""
    randomiser = random.Random(2568)
    funder, _created = Funder.objects.get_or_create(name_th="ผู้ให้ทุนทดสอบ", name_en="Bench")
    year, _created = FiscalYear.objects.get_or_create(year_be=2568)
    programme = Programme.objects.create(
        code=code, name_th="แผนงานทดสอบ", name_en=code, funder=funder
    )
    programme.fiscal_years.add(year)
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        code=f"{code}-2568",
        title_th="ประกาศทดสอบ",
        title_en="Bench call",
        fiscal_year=year,
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now + datetime.timedelta(days=30),
        total_budget=Decimal("1000000000"),
        ceiling_per_proposal=Decimal("1000000"),
        is_published=True,
    )
    add_default_parts(call)
    categories = list(BudgetCategory.objects.filter(call=call))
    leads = User.objects.bulk_create(
        User(
            email=f"bench-lead-{n}@{code.lower()}.example.org",
            full_name_th=f"นักวิจัย ทดสอบ{n}",
            full_name_en=f"Researcher {n}",
            organisation=f"มหาวิทยาลัยทดสอบ {n % 40}",
            password="!",
        )
        for n in range(max(count // 20, 1))
    )
    reviewers = User.objects.bulk_create(
        User(
            email=f"bench-reviewer-{n}@{code.lower()}.example.org",
            full_name_th=f"ผู้ทรง {n}",
            password="!",
        )
        for n in range(20)
    )
    towns = Municipality.objects.bulk_create(
        Municipality(
            name_th=f"เทศบาลทดสอบ {code} {n}",
            name_en=f"Bench town {code} {n}",
            type="town",
            province_th="ลำปาง",
            province_en="Lampang",
            region="north",
        )
        for n in range(16)
    )
    technologies = Technology.objects.bulk_create(
        Technology(
            name_th=f"เทคโนโลยีทดสอบ {code} {n}", name_en=f"Bench technology {code} {n}", kind="hard"
        )
        for n in range(6)
    )
    for start in range(0, count, BATCH):
        numbers = range(start + 1, min(start + BATCH, count) + 1)
        proposals = Proposal.objects.bulk_create(
            Proposal(
                call=call,
                sequence=n,
                reference=f"{call.code}-{n:05d}",
                lead=leads[n % len(leads)],
                state=STATES[n % len(STATES)],
                round=1,
                title_th=f"โครงการพัฒนาระบบฐานข้อมูลเมืองเพื่อการตัดสินใจ ลำดับที่ {n}",
                title_en=f"A city database for decisions, number {n}",
                submitted_at=now - datetime.timedelta(minutes=n),
                approved_amount=Decimal("450000.00") if n % 6 in (3, 5) else None,
            )
            for n in numbers
        )
        _parts(randomiser, proposals, categories, year, towns, technologies, reviewers)
    return programme


def _parts(randomiser, proposals, categories, year, towns, technologies, reviewers):
    lines, partners, used, assignments = [], [], [], []
    for proposal in proposals:
        for category in randomiser.sample(categories, randomiser.randint(1, 3)):
            amount = Decimal(randomiser.randrange(10000, 300000))
            lines.append(
                BudgetLine(
                    proposal=proposal,
                    category=category,
                    fiscal_year=year,
                    description="ค่าใช้จ่าย",
                    quantity=Decimal("1"),
                    unit_cost=amount,
                    amount=amount,
                )
            )
        for position, town in enumerate(randomiser.sample(towns, randomiser.randint(1, 2))):
            partners.append(
                ProposalMunicipality(proposal=proposal, municipality=town, is_lead=position == 0)
            )
        used.append(
            ProposalTechnology(proposal=proposal, technology=randomiser.choice(technologies))
        )
        if proposal.state == ProposalState.IN_REVIEW:
            for reviewer in randomiser.sample(reviewers, 2):
                assignments.append(
                    Assignment(
                        proposal=proposal,
                        reviewer=reviewer,
                        round=1,
                        state=AssignmentState.SUBMITTED,
                        due_date=timezone.localdate(),
                    )
                )
    BudgetLine.objects.bulk_create(lines)
    ProposalMunicipality.objects.bulk_create(partners)
    ProposalTechnology.objects.bulk_create(used)
    Review.objects.bulk_create(
        Review(
            assignment=assignment,
            state=ReviewState.SUBMITTED,
            total_score=Decimal(randomiser.randrange(4000, 10000)) / 100,
            recommendation="fund",
            submitted_at=timezone.now(),
        )
        for assignment in Assignment.objects.bulk_create(assignments)
    )


def openpyxl_alone(rows, header):
    """The same cells written by openpyxl's write-only workbook and nothing else: a styled cell
    where a column has a number format, the plain value elsewhere."""
    specs = columns()
    formats = [NUMBER_FORMATS.get(spec.kind) for spec in specs]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Register")
    for index, spec in enumerate(specs, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = spec.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in rows:
        values = []
        for value, number_format in zip(row, formats, strict=True):
            if number_format is None or value is None:
                values.append(value)
            else:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = number_format
                values.append(cell)
        sheet.append(values)
    last = len(rows) + 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(specs))}{last}"
    sheet.append(["Total", *[None] * 7, f"=SUM(I2:I{last})", f"=SUM(J2:J{last})"])
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


def precomputed_rows(programme):
    """The rows as our export writes them (a datetime without zone, as the writer makes it)."""
    rows = []
    for row in register_rows(None, programme):
        submitted = row[7]
        row[7] = timezone.localtime(submitted).replace(tzinfo=None, microsecond=0)
        rows.append(row)
    return rows


def measure(size, repeat):
    """(rows, bytes, queries, our time, openpyxl's time, our peak, openpyxl's peak)."""
    code = f"{CODE}{size}"
    programme = Programme.objects.filter(code=code).first()
    if programme is None:
        start = time.perf_counter()
        with transaction.atomic():
            programme = create_data(code, size)
        print(f"created {size:,} proposals in {time.perf_counter() - start:.1f} s")
        if connection.vendor == "postgresql":
            # The planner's statistics of the new rows, as autovacuum would gather them (a
            # server may run without it): unanalysed, PostgreSQL guesses 31 proposals where
            # there are 10,000 (the register's queries took about three times as long).
            connection.cursor().execute("ANALYZE")
    count = Proposal.objects.filter(call__programme=programme).count()

    def ours():
        return build_register(programme, user=None, options={})

    with CaptureQueriesContext(connection) as queries:
        content = ours().content
    rows = precomputed_rows(programme)
    header = [str(column.header) for column in columns()]

    def alone():
        return openpyxl_alone(rows, header)

    ours_time = best_time(ours, repeat)
    alone_time = best_time(alone, repeat)
    ours_peak = harness.peak_memory(ours)
    alone_peak = harness.peak_memory(alone)
    return count, len(content), len(queries), ours_time, alone_time, ours_peak, alone_peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--proposals", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best counts")
    arguments = parser.parse_args()
    translation.activate("th")
    if TEMPORARY:
        call_command("migrate", verbosity=0)
    print(f"{'rows':>7} {'bytes':>10} {'queries':>7} {'ours s':>7} {'alone s':>7} {'ratio':>6} "
          f"{'ours MiB':>8} {'alone MiB':>9}")  # fmt: skip
    for size in arguments.proposals:
        count, size_bytes, queries, ours, alone, ours_peak, alone_peak = measure(
            size, arguments.repeat
        )
        print(
            f"{count:>7,} {size_bytes:>10,} {queries:>7} {ours:>7.3f} {alone:>7.3f} "
            f"{ours / alone:>5.2f}× {ours_peak / 2**20:>8.1f} {alone_peak / 2**20:>9.1f}"
        )
    print(
        "(ours: the register as the site builds it, from the database; alone: openpyxl's "
        "write-only workbook writing the same cells, worked out beforehand. The best of "
        f"{arguments.repeat} runs; peaks of Python's allocations, tracemalloc)"
    )


if __name__ == "__main__":
    harness.run(main, TEMPORARY)
