"""A load test of `make serve`: a hundred signed-in people of mixed roles, 1–3 s between
clicks, over the main pages (bench/locustfile.py, run by locust headless). Prints p50, p95,
the requests per second and the errors, overall and for the slowest pages.

    # 1. a PostgreSQL database with the demo and a bigger programme, once:
    DATABASE_URL=postgres://postgres@127.0.0.1/grants_load .venv/bin/python bench/load.py --seed
    # 2. the server, production-like, on it (MFA off: the demo's staff have no TOTP):
    DATABASE_URL=… CELERY_BROKER_URL=redis://127.0.0.1:6379/0 CACHE_URL=redis://127.0.0.1:6379/1 \\
        MFA_REQUIRED_FOR_STAFF=0 WEB_CONCURRENCY=3 make serve PORT=8000
    # 3. the load, from another terminal:
    .venv/bin/python bench/load.py --host http://127.0.0.1:8000 --users 100 --minutes 6

--seed adds to the demo (seed_demo) 1,000 funded projects with their KPI ledger rows (as
bench/kpi_report.py makes them) and --proposals submitted proposals of 200 researchers in the
open call (of today's fiscal year), with bulk_create. The target of issue #12: p95 at most
300 ms, no error.
Everyone signs in from 127.0.0.1, and allauth lets 30 sign-ins a minute through from one
address, so people arrive at --spawn-rate 0.45 a second (100 in under four minutes).
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seed(proposals):
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(Path(__file__).parent))
    import kpi_report  # sets Django up on DATABASE_URL
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from accounts.roles import Role
    from proposals.models import Call, Proposal, ProposalState

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    towns = kpi_report.add_municipalities(60)
    kpi_report.add_projects(1000, towns, places_each=1, indicators_each=3)
    call = Call.objects.get(code=kpi_report.OPEN_CALL)
    if Proposal.objects.filter(call=call, sequence__gte=1000).exists():
        return
    with transaction.atomic():
        User.objects.bulk_create(
            User(email=f"load.researcher{n}@example.org", full_name_th=f"ผู้วิจัยทดสอบ {n}")
            for n in range(200)
        )
        leads = list(User.objects.filter(email__startswith="load.researcher"))
        researchers = Group.objects.get(name=Role.RESEARCHER.value)
        researchers.user_set.add(*leads)
        # The funded projects of kpi_report are all the demo researcher's: spread them.
        funded = Proposal.objects.filter(call__code=kpi_report.CALL, sequence__gte=1000)
        for index, lead in enumerate(leads):
            funded.filter(sequence__gte=1000 + 5 * index, sequence__lt=1005 + 5 * index).update(
                lead=lead
            )
        Proposal.objects.bulk_create(
            Proposal(
                call=call,
                sequence=1000 + n,
                reference=f"{kpi_report.OPEN_CALL}-{1000 + n:04d}",
                lead=leads[n % len(leads)],
                state=ProposalState.SUBMITTED,
                title_th=f"ข้อเสนอโครงการทดสอบภาระ {n}",
                title_en=f"Load proposal {n}",
                round=1,
                submitted_at=timezone.now(),
            )
            for n in range(proposals)
        )
    print(f"seeded: 1,000 funded projects and {proposals} submitted proposals")


def load(host, users, minutes, spawn_rate):
    with tempfile.TemporaryDirectory(prefix="bench-load-") as folder:
        prefix = f"{folder}/load"
        subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
             "--headless", "--users", str(users), "--spawn-rate", str(spawn_rate),
             "--run-time", f"{int(minutes * 60)}s", "--host", host, "--csv", prefix,
             "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10"],
            check=False,
        )  # fmt: skip
        with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    pages = sorted(
        (row for row in rows if row["Name"] != "Aggregated"),
        key=lambda row: -float(row["95%"] or 0),
    )
    print(
        f"\n{users} users, {minutes} min: {total['Request Count']} requests, "
        f"{float(total['Requests/s']):.1f}/s; p50 {total['50%']} ms, p95 {total['95%']} ms, "
        f"errors {total['Failure Count']}"
    )
    print(f"{'page':<40} {'requests':>8} {'p50':>6} {'p95':>6} {'errors':>6}")
    for row in pages[:12]:
        print(
            f"{row['Name'][:40]:<40} {row['Request Count']:>8} {row['50%']:>6} {row['95%']:>6} "
            f"{row['Failure Count']:>6}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", action="store_true", help="add the bigger programme")
    parser.add_argument("--proposals", type=int, default=3000)
    parser.add_argument("--host", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--minutes", type=float, default=3)
    # allauth lets 30 sign-ins a minute through from one address: people arrive slower.
    parser.add_argument("--spawn-rate", type=float, default=0.45)
    args = parser.parse_args()
    if args.seed:
        seed(args.proposals)
    else:
        load(args.host, args.users, args.minutes, args.spawn_rate)


if __name__ == "__main__":
    main()
