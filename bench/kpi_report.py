"""The programme KPI report of 1,000 funded projects, built the way people get it: queued as a
report job and built by a real Celery worker, while this script watches its progress bar.

Run from the project's root:

    .venv/bin/python bench/kpi_report.py                    # temporary SQLite, filesystem broker
    .venv/bin/python bench/kpi_report.py --projects 300     # a smaller programme
    .venv/bin/python bench/kpi_report.py --in-process       # no worker: time the build alone
    DATABASE_URL=postgres://… CELERY_BROKER_URL=redis://… .venv/bin/python bench/kpi_report.py

Without DATABASE_URL it migrates a new SQLite database in a temporary folder and deletes it at
the end; a database named by DATABASE_URL keeps the programme for the next run. It loads the
demo (`seed_demo`), adds --municipalities partner towns and --projects funded projects of the
demo's closed call (dated from today) with bulk_create (each in --towns-each towns, with
commitments and accepted results on --indicators-each indicators, both fiscal years), then
asks for the KPI report as the programme manager would. A worker (`celery -A config worker`, on
CELERY_BROKER_URL or else kombu's filesystem transport in a temporary folder) builds it.

It prints every progress step the job page would show (seconds since the request, percent),
the time the job waited for the worker to start and the time it was built in (from the job's
own timestamps), its pages and size. The target: at most 30 s for 1,000
projects, no step longer than 10 %.
"""

import argparse
import atexit
import itertools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import harness

if not os.environ.get("CELERY_BROKER_URL") and "--in-process" not in sys.argv:
    # The worker's broker: kombu's filesystem transport in a temporary folder (before Django
    # is set up, so that asking for the report queues it instead of building it here).
    BROKER_FOLDER = tempfile.mkdtemp(prefix="bench-kpi-broker-")
    atexit.register(shutil.rmtree, BROKER_FOLDER, True)
    os.environ["CELERY_BROKER_URL"] = "filesystem://"
    os.environ["CELERY_FILESYSTEM_FOLDER"] = BROKER_FOLDER
TEMPORARY = harness.start_django("bench-kpi-")

import random  # noqa: E402
from decimal import Decimal  # noqa: E402
from io import BytesIO  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from accounts.models import Municipality, Region, User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from indicators.models import (  # noqa: E402
    Commitment,
    LedgerStatus,
    Programme,
    Result,
    Technology,
)
from proposals.demo import today_calendar  # noqa: E402
from proposals.models import Call, Proposal, ProposalState  # noqa: E402
from reports import documents  # noqa: E402
from reports.models import JobState, ReportJob  # noqa: E402

CODE = "SLC"
# The demo is dated from today: its closed call (whose projects are funded) and its open call.
CALL = today_calendar().closed_code
OPEN_CALL = today_calendar().open_code
PREFIX = "proposals.proposal:"
TITLES = (
    "ระบบฐานข้อมูลเมืองด้วย GIS เพื่อการวางแผนพัฒนาเมืองน่าอยู่",
    "การสำรวจเมืองแบบมีส่วนร่วมสำหรับเทศบาล",
    "กองทุนเมืองเพื่อการพัฒนาพื้นที่สาธารณะ",
    "พื้นที่เรียนรู้ของเมืองสำหรับเยาวชนและผู้สูงอายุ",
)


def add_municipalities(total):
    """Synthetic partner towns until there are `total` (the demo has sixteen)."""
    have = Municipality.objects.count()
    regions = [value for value, _label in Region.choices]
    Municipality.objects.bulk_create(
        Municipality(
            name_th=f"เทศบาลเมืองทดสอบ {number}",
            name_en=f"Bench Town {number}",
            type="town",
            province_th=f"จังหวัดทดสอบ {number % 40}",
            province_en=f"Bench Province {number % 40}",
            region=regions[number % len(regions)],
        )
        for number in range(have + 1, total + 1)
    )
    return list(Municipality.objects.order_by("pk"))


@transaction.atomic
def add_projects(count, towns, *, places_each, indicators_each):
    """`count` active projects of the closed call with their ledger rows, in a few bulk inserts."""
    programme = Programme.objects.get(code=CODE)
    call = Call.objects.get(code=CALL)
    lead = User.objects.get(email="researcher@example.org")
    indicators = list(programme.indicators.order_by("code"))
    years = list(programme.fiscal_years.order_by("year_be"))
    technologies = list(Technology.objects.order_by("pk"))
    start = 1000
    if Proposal.objects.filter(call=call, sequence__gte=start).exists():
        return programme, Commitment.objects.count(), Result.objects.count()  # made before
    Proposal.objects.bulk_create(
        Proposal(
            call=call,
            sequence=start + number,
            reference=f"{CALL}-{start + number:04d}",
            lead=lead,
            state=ProposalState.ACTIVE,
            title_th=f"{TITLES[number % len(TITLES)]} ระยะที่ {number}",
            title_en=f"Bench project {number}",
            round=1,
            submitted_at=timezone.now(),
            approved_amount=Decimal("900000.00"),
        )
        for number in range(count)
    )
    projects = Proposal.objects.filter(call=call, sequence__gte=start).order_by("sequence")
    rng = random.Random(12)
    commitments, results = [], []
    for project in projects:
        source = f"{PREFIX}{project.pk}"
        places = rng.sample(towns, places_each)
        for indicator in rng.sample(indicators, min(indicators_each, len(indicators))):
            for place in places:
                for year in years:
                    common = {
                        "programme": programme,
                        "indicator": indicator,
                        "fiscal_year": year,
                        "municipality": place,
                        "technology": technologies[project.pk % len(technologies)],
                        "source": source,
                        "source_label": project.reference,
                        "status": LedgerStatus.COUNTED,
                    }
                    commitments.append(Commitment(value=Decimal(rng.randint(1, 40)), **common))
                    results.append(
                        Result(
                            value=Decimal(rng.randint(0, 30)),
                            period="month_6",
                            period_end=year.starts_on.replace(month=3, day=31)
                            if year.starts_on.month > 3
                            else year.starts_on,
                            report=f"projects.progressreport:{project.pk}",
                            **common,
                        )
                    )
    Commitment.objects.bulk_create(commitments, batch_size=2000)
    Result.objects.bulk_create(results, batch_size=2000)
    return programme, len(commitments), len(results)


def request_job(programme):
    """The KPI report asked for by the programme manager, as the document link does."""
    from reports import services

    manager = User.objects.filter(groups__name=Role.PROGRAMME_MANAGER.value).first()
    document = documents.get("kpi-report", "pdf")
    with translation.override("th"):
        requested = services.request_document(
            user=manager, document=document, subject=programme, options={}
        )
    return requested


def start_worker():
    env = dict(os.environ)
    env.setdefault("SECRET_KEY", "bench-only")
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        stdout=subprocess.DEVNULL,
        cwd=settings.BASE_DIR,
        env=env,
    )  # fmt: skip


def watch(job_id, limit):
    """(seconds, percent) each time the job's progress changes, until it ends; its last row."""
    began = time.monotonic()
    steps = []
    job = ReportJob.objects.get(pk=job_id)
    while time.monotonic() - began < limit:
        job = ReportJob.objects.get(pk=job_id)
        if not steps or steps[-1][1] != job.progress:
            steps.append((time.monotonic() - began, job.progress))
            print(f"  {steps[-1][0]:6.1f} s  {job.progress:3d} %  {job.state}", flush=True)
        if not job.is_pending:
            break
        time.sleep(0.2)
    return steps, job


def report_file(content):
    reader = PdfReader(BytesIO(content))
    return len(reader.pages), len(content)


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def in_process(programme):
    """(seconds, progress steps, PDF, CPU seconds of this process, of its printing
    processes): on a shared machine the CPU seconds say what the wall clock cannot."""
    steps = []
    began = time.monotonic()
    cpu, printers = time.process_time(), children_cpu()

    def progress(percent):
        percent = int(percent)  # as the job's progress bar stores it (a part's share is a float)
        steps.append((time.monotonic() - began, percent))
        print(f"  {steps[-1][0]:6.1f} s  {percent:3d} %", flush=True)

    document = documents.get("kpi-report", "pdf")
    with translation.override("th"):
        output = document.build(programme, options={}, progress=progress)
    elapsed = time.monotonic() - began
    return (
        elapsed,
        steps,
        output.content,
        time.process_time() - cpu,
        children_cpu() - printers,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--municipalities", type=int, default=60)
    parser.add_argument("--towns-each", type=int, default=1, help="municipalities per project")
    parser.add_argument("--indicators-each", type=int, default=3, help="indicators per project")
    parser.add_argument("--in-process", action="store_true", help="build without a worker")
    parser.add_argument("--limit", type=float, default=600, help="give up after (seconds)")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    with translation.override("th"):
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    began = time.monotonic()
    towns = add_municipalities(args.municipalities)
    programme, commitments, results = add_projects(
        args.projects, towns, places_each=args.towns_each, indicators_each=args.indicators_each
    )
    print(
        f"{connection.vendor}: {args.projects} projects in {len(towns)} municipalities, "
        f"{commitments} commitments, {results} results (built in "
        f"{time.monotonic() - began:.1f} s)"
    )
    if args.in_process:
        elapsed, steps, content, cpu, printers = in_process(programme)
        pages, size = report_file(content)
        jumps = [later[1] - earlier[1] for earlier, later in itertools.pairwise([(0, 0), *steps])]
        print(
            f"built in process in {elapsed:.1f} s: {pages} pages, {size / 1e6:.1f} MB; "
            f"{len(steps)} progress steps, the largest {max(jumps, default=0)} points; "
            f"CPU {cpu:.1f} s here and {printers:.1f} s in the printing processes"
        )
        return
    worker = start_worker()
    try:
        requested = request_job(programme)
        if requested.job is None:
            print("the document was built in the request (tasks run eagerly?)")
            return
        print(f"job {requested.job.pk} queued; progress as the job page shows it:")
        steps, job = watch(requested.job.pk, args.limit)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    if job.state != JobState.DONE:
        print(f"job ended {job.state}: {job.message}")
        sys.exit(1)
    pages, size = report_file(job.file.read())
    job.file.close()
    jumps = [later[1] - earlier[1] for earlier, later in itertools.pairwise(steps)]
    waited = (job.started_at - job.created_at).total_seconds()
    built = (job.finished_at - job.started_at).total_seconds()
    print(
        f"done {steps[-1][0]:.1f} s after the request: waited {waited:.1f} s for the worker "
        f"(its start-up), built in {built:.1f} s; {pages} pages, {size / 1e6:.1f} MB; "
        f"{len(steps)} progress steps, the largest {max(jumps, default=0)} points"
    )


if __name__ == "__main__":
    harness.run(main, TEMPORARY)
