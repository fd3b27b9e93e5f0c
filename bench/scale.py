"""Every main page and every role's list at 1,000 and at 10,000 proposals, beside a trivial
signed-in view measured in the same run (issue #12's targets: at most 12 queries, the same at
both sizes, and a median at 10,000 at most 10× the trivial view).

Run from the project's root, on PostgreSQL (the database is created when missing):

    DATABASE_URL=postgres://postgres@127.0.0.1/grants_scale .venv/bin/python bench/scale.py
    … bench/scale.py --reuse            # measure the programme built by an earlier run again
    … bench/scale.py --reuse --plans    # and EXPLAIN ANALYZE the slowest queries at 10,000

It builds the programme of bench/scale_data.py at --small proposals (1,000) and copies that
database to <name>_small (CREATE DATABASE … TEMPLATE), then grows the original to --large
(10,000): a few minutes of bulk_create. --reuse keeps both copies as they are. Never point
it at a database whose data matters.

Each page is asked for once to warm up (what it caches is then in the cache, as for the
second visitor), once with its queries counted, then --repeat times (10) timed; the median
counts. The cache is emptied before each database is measured; set CACHE_URL (Redis) to
measure with the cache production shares between processes. DEBUG is off, with the test
Client in this process (the whole middleware stack, no network). The trivial view is a
signed-in page that returns "ok".
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1/grants_scale")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("MFA_REQUIRED_FOR_STAFF", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")  # no line per request
sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness

harness.start_django("bench-scale-")

import psycopg  # noqa: E402
import scale_data  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402

from accounts.models import Municipality, User  # noqa: E402
from accounts.privacy.models import Consent, ConsentContext, PrivacyNotice  # noqa: E402
from accounts.privacy.services import record_consent  # noqa: E402
from config import urls  # noqa: E402
from indicators.models import FiscalYear, Indicator, Technology  # noqa: E402
from projects.models import ProgressReport  # noqa: E402
from proposals.models import Proposal, ProposalState  # noqa: E402
from reviews.models import Assignment  # noqa: E402

TRIVIAL = "/bench/trivial/"
QUERY_TARGET = 12
TIME_TARGET = 10


@login_required
def trivial(request):
    return HttpResponse("ok")


urls.urlpatterns.append(path(TRIVIAL.strip("/") + "/", trivial))
clear_url_caches()


def pages():
    """[(who, who as shown, the page's pattern, its path)]: the main pages of each role."""
    project = Proposal.objects.filter(call__code="SCALE1", state=ProposalState.ACTIVE).first()
    proposal = Proposal.objects.filter(call__code="SCALE1", state=ProposalState.IN_REVIEW).first()
    report = ProgressReport.objects.filter(proposal=project).order_by("period_end").first()
    indicator = Indicator.objects.filter(programme__code="SLC").order_by("code").first()
    town = Municipality.objects.filter(name_en="Lampang").first() or Municipality.objects.first()
    year = FiscalYear.objects.filter(programmes__code="SLC").order_by("-year_be").first()
    assignment = Assignment.objects.filter(reviewer__email="reviewer@example.org").first()
    lead = project.lead.email
    listed = [
        (None, "/"),
        (None, "/calls/"),
        (None, "/calls/SCALE5/"),
        (None, "/portfolio/SLC/"),
        ("manager@example.org", "/dashboard/programme_manager/"),
        ("manager@example.org", "/programmes/SLC/"),
        ("manager@example.org", "/programmes/SLC/dashboard/"),
        ("manager@example.org", "/programmes/SLC/dashboard/?fiscal_year={year}&region=north"),
        ("manager@example.org", "/programmes/SLC/dashboard/?technology={technology}"),
        ("manager@example.org", "/programmes/SLC/dashboard/indicators/{indicator}/"),
        ("manager@example.org", "/reviews/calls/SCALE1/ranking/"),
        ("manager@example.org", "/municipalities/"),
        ("manager@example.org", "/municipalities/{town}/"),
        ("manager@example.org", "/projects/"),
        ("officer@example.org", "/dashboard/funding_officer/"),
        ("officer@example.org", "/calls/manage/"),
        ("officer@example.org", "/proposals/register/"),
        ("officer@example.org", "/reviews/calls/"),
        ("officer@example.org", "/reviews/calls/SCALE1/"),
        ("officer@example.org", "/reviews/pool/"),
        ("officer@example.org", "/reviews/proposals/{proposal}/reviewers/"),
        ("officer@example.org", "/proposals/{proposal}/"),
        ("officer@example.org", "/projects/"),
        ("officer@example.org", "/projects/{project}/"),
        ("officer@example.org", "/projects/reports/{report}/"),
        ("researcher@example.org", "/dashboard/researcher/"),
        ("researcher@example.org", "/proposals/"),
        ("researcher@example.org", "/projects/"),
        (lead, "/proposals/"),
        (lead, "/projects/"),
        (lead, "/projects/{project}/"),
        ("reviewer@example.org", "/dashboard/reviewer/"),
        ("reviewer@example.org", "/reviews/my/"),
        ("admin@example.org", "/dashboard/administrator/"),
        ("admin@example.org", "/people/users/"),
        ("admin@example.org", "/technologies/"),
    ]
    if assignment is None:
        listed.remove(("reviewer@example.org", "/reviews/my/"))
    ids = {
        "project": project.pk,
        "proposal": proposal.pk,
        "report": report.pk,
        "indicator": indicator.pk,
        "town": town.pk,
        "year": year.pk,
        "technology": Technology.objects.order_by("pk").values_list("pk", flat=True).first(),
    }
    # Keyed by who and the page's pattern, the same in both databases (ids differ).
    return [
        (who, "a project's lead" if who == lead else who, page, page.format(**ids))
        for who, page in listed
    ]


class Recorder:
    """Each query a request runs: (seconds, sql, params)."""

    def __init__(self):
        self.seen = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seen.append((time.perf_counter() - started, sql, params))


def agree_to_the_privacy_notice(person):
    """The people the bench made have not read the demo's privacy notice: without their
    consent every page would send them to read it first (HTTP 302)."""
    notice = PrivacyNotice.objects.order_by("-version").first()
    if notice is not None and not Consent.objects.filter(user=person, notice=notice).exists():
        record_consent(user=person, notice=notice, context=ConsentContext.NEW_VERSION)


def measure(repeat):
    """{(who, page): (status, queries, median ms, [(seconds, sql, params)])} and the trivial
    view's median ms."""
    clients = {}

    def client(email):
        if email not in clients:
            # As behind the TLS proxy of production (SECURE_PROXY_SSL_HEADER).
            clients[email] = Client(
                SERVER_NAME="127.0.0.1", secure=True, HTTP_X_FORWARDED_PROTO="https"
            )
            if email:
                person = User.objects.get(email=email)
                agree_to_the_privacy_notice(person)
                clients[email].force_login(person)
        return clients[email]

    def timed(who, page):
        browser = client(who)
        browser.get(page)
        queries = Recorder()
        with connection.execute_wrapper(queries):
            response = browser.get(page)
        times = []
        for _n in range(repeat):
            started = time.perf_counter()
            browser.get(page)
            times.append((time.perf_counter() - started) * 1000)
        return response.status_code, len(queries.seen), statistics.median(times), queries.seen

    figures = {}
    trivial_ms = []
    for who, role, label, page in pages():
        # The trivial view between the pages, so that both see the same machine's load.
        trivial_ms.append(timed("officer@example.org", TRIVIAL)[2])
        figures[(role, label)] = timed(who, page)
    return figures, statistics.median(trivial_ms)


def use_database(name):
    """Measure on database `name` from now on, with an empty cache: the cached figures and
    sessions of the other database (the same programme's ids) must not be read as this one's."""
    connection.close()
    connection.settings_dict["NAME"] = name
    cache.clear()


def admin_sql(statement):
    settings = connection.settings_dict
    with psycopg.connect(
        dbname="postgres",
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        autocommit=True,
    ) as admin:
        cursor = admin.execute(statement)
        return cursor.fetchall() if statement.startswith("SELECT") else None


def exists(name):
    return bool(admin_sql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))


def build(large_name, small_name, small, large, reuse):
    """The programme at `small` proposals in `small_name`, at `large` in `large_name`."""
    if reuse and exists(small_name) and exists(large_name):
        for name in (small_name, large_name):  # the code's migrations (indexes) on both
            use_database(name)
            call_command("migrate", verbosity=0)
        return
    for name in (large_name, small_name):
        connection.close()
        admin_sql(f'DROP DATABASE IF EXISTS "{name}"')
    admin_sql(f'CREATE DATABASE "{large_name}"')
    use_database(large_name)
    for size, copy in ((small, small_name), (large, None)):
        began = time.monotonic()
        calls = scale_data.prepare()
        scale_data.grow(calls, size)
        print(f"built {scale_data.count():,} proposals in {time.monotonic() - began:.0f} s")
        connection.cursor().execute("ANALYZE")
        if copy:
            connection.close()
            admin_sql(f'CREATE DATABASE "{copy}" TEMPLATE "{large_name}"')


def explain(slow, count):
    """EXPLAIN ANALYZE of the `count` slowest SELECTs of the pages at the large size."""
    worst = sorted(slow, key=lambda item: -item[0])
    seen = set()
    with connection.cursor() as cursor:
        for seconds, sql, params, page in worst:
            if len(seen) == count:
                break
            if not sql.lstrip().upper().startswith("SELECT") or sql in seen:
                continue
            seen.add(sql)
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = "\n".join(f"    {row[0]}" for row in cursor.fetchall())
            shown = cursor.mogrify(sql, params) if hasattr(cursor, "mogrify") else sql
            print(f"\n-- {seconds * 1000:.1f} ms on {page}\n    {shown[:800]}\n{plan}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--reuse", action="store_true", help="keep the data of an earlier run")
    parser.add_argument("--plans", type=int, nargs="?", const=8, default=0, metavar="N")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/scale.py measures on PostgreSQL: set DATABASE_URL=postgres://…")
    large_name = connection.settings_dict["NAME"]
    small_name = f"{large_name}_small"
    build(large_name, small_name, args.small, args.large, args.reuse)
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", "--noinput", verbosity=0)  # DEBUG off: the manifest

    use_database(small_name)
    small, small_trivial = measure(args.repeat)
    use_database(large_name)
    large, trivial_ms = measure(args.repeat)
    report(args, small, small_trivial, large, trivial_ms)
    if args.plans:
        slow = [(*query, page) for (_who, page), f in large.items() for query in f[3]]
        explain(slow, args.plans)


def report(args, small, small_trivial, large, trivial_ms):
    print(
        f"\nqueries and median ms of {args.repeat} requests (DEBUG off, test Client); the "
        f"trivial signed-in view: {small_trivial:.1f} ms at {args.small:,}, {trivial_ms:.1f} ms "
        f"at {args.large:,}"
    )
    print(
        f"{'who':26} {'page':46} {'queries at':>11} {'median ms at':>17} {'×trivial':>8}\n"
        f"{'':73} {args.small:>5,} {args.large:>5,} {args.small:>8,} {args.large:>8,}"
    )
    missed = []
    for (who, page), (status, queries, ms, _slow) in large.items():
        small_status, small_queries, small_ms, _ = small.get((who, page), (0, 0, 0, ()))
        ratio = ms / trivial_ms
        flags = []
        if queries > QUERY_TARGET or queries != small_queries:
            flags.append("queries")
        if ratio > TIME_TARGET:
            flags.append("time")
        if status != 200 or small_status != 200:
            flags.append(f"HTTP {small_status}/{status}")
        if flags:
            missed.append(page)
        print(
            f"{(who or 'anonymous')[:26]:26} {page[:46]:46} {small_queries:>5} {queries:>5} "
            f"{small_ms:>8.1f} {ms:>8.1f} {ratio:>8.1f}  {' '.join(flags)}"
        )
    print(f"\n{len(large) - len(missed)} of {len(large)} pages meet the targets")


if __name__ == "__main__":
    main()
