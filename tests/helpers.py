"""Helpers every issue's tests use: the permission table and the query-count guard."""

import os

from django.db import connection
from django.test.utils import CaptureQueriesContext

ANONYMOUS = "anonymous"
OUTSIDER = "outsider"


def status_for(client, user, url, method="get", data=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    client.logout()
    return response.status_code


def assert_access(client, personas, url, expected, method="get", data=None):
    """Check `url` for every persona against `expected`: {persona name: status code}.

    `personas` maps names (each role's value, "outsider", "anonymous") to users (None for
    anonymous). Every persona must appear in `expected`, so that a new role cannot slip
    through a table written before it existed.
    """
    missing = set(personas) - set(expected)
    assert not missing, f"no expected answer for {sorted(missing)}"
    actual = {
        name: status_for(client, user, url, method=method, data=data)
        for name, user in personas.items()
    }
    assert actual == {name: expected[name] for name in personas}, url


def count_queries(func):
    with CaptureQueriesContext(connection) as context:
        func()
    if os.environ.get("SHOW_QUERIES"):  # SHOW_QUERIES=1 pytest -s …: what a count is made of
        for number, query in enumerate(context.captured_queries, 1):
            print(f"\n[{number}] {query['sql'][:600]}")
    return len(context.captured_queries)


def assert_flat_queries(client, user, url, make_rows, few=1, many=25):
    """The page runs as many SQL queries with `many` rows as with `few`."""
    client.force_login(user)
    make_rows(few)
    first = count_queries(lambda: _ok(client.get(url)))
    make_rows(many - few)
    second = count_queries(lambda: _ok(client.get(url)))
    assert first == second, f"{url}: {first} queries with {few} rows, {second} with {many}"
    return first


def _ok(response):
    assert response.status_code == 200, response.status_code
    return response


def freeze_now(monkeypatch, moment):
    """Make `django.utils.timezone.now()` (and so `localdate()`) answer `moment`, an aware
    datetime, for the rest of the test: the code reads the clock only through it."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


# The days the demo's tests run on besides the real clock: the issue #13's day (4 December 2026,
# B.E. 2569, fiscal year 2570) and the last evening of a fiscal year.
DEMO_DAYS = {
    "real clock": None,
    "4 Dec 2569": (2026, 12, 4, 10, 0),
    "30 Sep 2572, 23:30": (2029, 9, 30, 23, 30),
}


def demo_day(monkeypatch, key):
    """Freeze the clock on `DEMO_DAYS[key]` (Bangkok time), or leave the real one."""
    import datetime
    from zoneinfo import ZoneInfo

    if DEMO_DAYS[key] is not None:
        moment = datetime.datetime(*DEMO_DAYS[key], tzinfo=ZoneInfo("Asia/Bangkok"))
        freeze_now(monkeypatch, moment)
