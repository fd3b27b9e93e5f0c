"""The call lists run a fixed number of SQL queries whatever the number of calls."""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CallFactory
from tests.helpers import assert_flat_queries

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def calls_in_every_state():
    """Open, upcoming, closed and draft calls in turn, each with its parts."""
    now = timezone.now()
    windows = itertools.cycle(
        [
            {"opens_at": now - 5 * DAY, "closes_at": now + 5 * DAY},
            {"opens_at": now + 5 * DAY, "closes_at": now + 50 * DAY},
            {"opens_at": now - 50 * DAY, "closes_at": now - 5 * DAY},
            {"opens_at": now - 5 * DAY, "closes_at": now + 5 * DAY, "is_published": False},
        ]
    )

    def make(n):
        for _ in range(n):
            CallFactory(parts=True, **next(windows))

    return make


@pytest.mark.parametrize("name", ["home", "proposals:call_list", "proposals:manage_calls"])
def test_the_page_runs_as_many_queries_with_many_calls_as_with_one(client, officer, name):
    assert_flat_queries(client, officer, reverse(name), calls_in_every_state(), few=1, many=12)


def test_the_detail_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    call = CallFactory(parts=True)
    with django_assert_num_queries(9):
        assert client.get(call.get_absolute_url()).status_code == 200
