"""Print, for the main pages of the demo, the SQL queries each runs and its rendering time.

Run after `make run` (or `python manage.py seed_demo`) against the same database:

    DEBUG=1 .venv/bin/python bench/page_queries.py

Each page is rendered once to warm caches, then once measured. The figures depend on the
demo data; the tests (tests/**/test_*queries*) assert that list pages stay flat as rows grow.
"""

import os
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import Municipality, User  # noqa: E402
from indicators.models import Indicator  # noqa: E402
from proposals.demo import today_calendar  # noqa: E402
from proposals.models import Proposal  # noqa: E402
from reviews.models import Assignment  # noqa: E402


def pages():
    # The demo's codes follow the day it was loaded (proposals.demo.DemoCalendar).
    calendar = today_calendar()
    open_code, closed_code = calendar.open_code, calendar.closed_code
    proposal = Proposal.objects.get(reference=f"{open_code}-0001").pk
    assignment = Assignment.objects.filter(reviewer__email="reviewer@example.org").first()
    project = Proposal.objects.get(reference=f"{closed_code}-0002")
    report = project.reports.order_by("period_end").last().pk
    indicator = Indicator.objects.get(programme__code="SLC", code="KR2.2").pk
    municipality = Municipality.objects.get(name_en="Lampang").pk
    yield None, ["/", "/calls/", f"/calls/{open_code}/", "/technologies/", "/portfolio/SLC/"]
    yield (
        "manager@example.org",
        [
            "/programmes/SLC/",
            f"/reviews/calls/{open_code}/ranking/",
            "/programmes/SLC/dashboard/",
            f"/programmes/SLC/dashboard/?fiscal_year={calendar.years[1]}&region=north",
            f"/programmes/SLC/dashboard/indicators/{indicator}/",
            "/municipalities/",
            f"/municipalities/{municipality}/",
        ],
    )
    yield (
        "officer@example.org",
        [
            "/calls/manage/",
            "/proposals/register/",
            f"/reviews/calls/{open_code}/",
            "/reviews/pool/",
            f"/reviews/proposals/{proposal}/reviewers/",
            "/projects/",
            f"/projects/{project.pk}/",
            f"/projects/reports/{report}/",
        ],
    )
    yield (
        "researcher@example.org",
        [
            "/proposals/",
            f"/proposals/{proposal}/",
            f"/proposals/{proposal}/budget/",
            f"/proposals/{proposal}/check/",
            f"/proposals/{proposal}/versions/",
            "/projects/",
            f"/projects/{project.pk}/",
        ],
    )
    if assignment:
        yield "reviewer@example.org", ["/reviews/my/"]


def main():
    print(f"{'who':24} {'page':42} {'status':>6} {'queries':>7} {'ms':>7}")
    for email, paths in pages():
        client = Client(SERVER_NAME="127.0.0.1")
        if email:
            client.force_login(User.objects.get(email=email))
        for path in paths:
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
            who = email or "anonymous"
            print(
                f"{who:24} {path:42} {response.status_code:>6} "
                f"{len(queries.captured_queries):>7} {elapsed:>7.1f}"
            )


if __name__ == "__main__":
    main()
