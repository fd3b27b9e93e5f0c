"""Two decisions taken at the same moment in one programme: their letters get two numbers, one
after the other, and none is skipped.

This needs a database that locks rows (PostgreSQL); see tests/proposals/lifecycle/
test_concurrency.py for why it is skipped on SQLite unless REQUIRE_POSTGRES_TESTS is set."""

import os
import threading
import time

import pytest
from django.db import connection, connections

from indicators import letters
from indicators.letters import letter_sent
from indicators.models import OutgoingLetter
from reviews.decisions import services
from reviews.decisions.letters import letter_source

from .conftest import assign, in_review

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_POSTGRES_TESTS"):
            pytest.fail("REQUIRE_POSTGRES_TESTS is set but the database is not PostgreSQL")
        pytest.skip("row locks need PostgreSQL (set DATABASE_URL); SQLite ignores FOR UPDATE")


@pytest.fixture
def slow_numbering(monkeypatch):
    """Hold the programme's lock a while, so that the second decision surely waits for it."""
    issue = letters.issue_letter

    def slow(**kwargs):
        letter = issue(**kwargs)
        time.sleep(0.5)
        return letter

    monkeypatch.setattr(services, "issue_letter", slow)


def test_two_decisions_at_once_get_consecutive_numbers(call, programme_manager, slow_numbering):
    proposals = [in_review(call), in_review(call)]
    for proposal in proposals:
        assign(proposal)
    services.ensure_letter_template(call)  # only the register may make one wait for the other
    start = threading.Barrier(2)
    results = [None, None]

    def decide(index, proposal):
        try:
            start.wait(timeout=10)
            decision = services.decide(
                proposal=proposal, outcome="reject", actor=programme_manager, comment="ไม่ผ่าน"
            )
            results[index] = letter_sent(letter_source(decision)).number
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=pair) for pair in enumerate(proposals)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == [1, 2]
    assert sorted(OutgoingLetter.objects.values_list("number", flat=True)) == [1, 2]
