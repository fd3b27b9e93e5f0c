"""Two people pressing the same button at the same moment: the row lock lets one through.

This needs a database that locks rows (PostgreSQL); SQLite runs one writer at a time and
ignores SELECT … FOR UPDATE, so there the test is skipped, unless REQUIRE_POSTGRES_TESTS is
set (as in CI's PostgreSQL run), where a skip would hide a missing database: it fails then.
"""

import os
import threading
import time

import pytest
from django.db import connection, connections
from django.utils import translation

from accounts.models import AuditEntry
from proposals.lifecycle import services
from proposals.models import Proposal, ProposalState, ProposalVersion
from tests.proposals.lifecycle.conftest import call_for_complete_proposals, make_complete_proposal

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_POSTGRES_TESTS"):
            pytest.fail("REQUIRE_POSTGRES_TESTS is set but the database is not PostgreSQL")
        pytest.skip("row locks need PostgreSQL (set DATABASE_URL); SQLite ignores FOR UPDATE")


@pytest.fixture
def slow_submission():
    """Hold the lock a while, so that the second press surely arrives while it is held."""

    def linger(proposal):
        time.sleep(0.5)
        return []

    services.register_condition("submit", linger)
    yield
    services.unregister_condition("submit", linger)


def press_at_once(presses):
    """Run each (proposal pk, actor) submission in its own thread and database connection,
    all starting together; return what each got: "done" or the refusal's messages."""
    start = threading.Barrier(len(presses))
    results = [None] * len(presses)

    def press(index, pk, actor):
        try:
            with translation.override("en"):
                seen = Proposal.objects.get(pk=pk)  # what the page showed: a draft
                start.wait(timeout=10)
                try:
                    services.transition(proposal=seen, name="submit", actor=actor)
                    results[index] = "done"
                except services.TransitionError as error:
                    results[index] = error.messages
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=press, args=(index, pk, actor))
        for index, (pk, actor) in enumerate(presses)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_identical_submissions_at_once_apply_once(slow_submission):
    proposal = make_complete_proposal()
    results = press_at_once([(proposal.pk, proposal.lead), (proposal.pk, proposal.lead)])
    assert sorted(map(str, results)) == sorted(
        ["done", str(["This proposal is already “Submitted”: nothing was changed."])]
    )
    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.state, stored.round, stored.sequence) == (ProposalState.SUBMITTED, 1, 1)
    assert AuditEntry.objects.filter(action="proposal.submit").count() == 1
    assert ProposalVersion.objects.filter(proposal=proposal).count() == 1


def test_two_first_submissions_in_one_call_at_once_get_different_numbers(slow_submission):
    call = call_for_complete_proposals(code="SLC-2568")
    first, second = make_complete_proposal(call=call), make_complete_proposal(call=call)
    results = press_at_once([(first.pk, first.lead), (second.pk, second.lead)])
    assert results == ["done", "done"]
    references = sorted(Proposal.objects.values_list("reference", flat=True))
    assert references == ["SLC-2568-0001", "SLC-2568-0002"]
