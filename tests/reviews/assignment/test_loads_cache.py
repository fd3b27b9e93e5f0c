"""Reviewers' loads in a call are kept with the call's review statistics, and every change of
an assignment of the call shows at once on a proposal's reviewers' page."""

import pytest
from django.urls import reverse

from core import versioned_cache
from reviews.assignment.selectors import call_loads
from reviews.assignment.services import cancel_assignment
from tests.helpers import count_queries
from tests.reviews.screening.builders import a_call, a_reviewer, assign, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def shared_cache(monkeypatch):
    """The tests' cache is local memory, one process: taken here for a shared one."""
    monkeypatch.setattr(versioned_cache, "shared", lambda: True)


def test_the_loads_are_counted_once_and_then_kept():
    call = a_call()
    reviewer = a_reviewer()
    assign(submitted(call), reviewer)
    assert count_queries(lambda: call_loads(call)) == 1
    assert count_queries(lambda: call_loads(call)) == 0
    assert call_loads(call) == {reviewer.pk: 1}


def test_a_new_or_ended_assignment_changes_the_load_shown_at_once(client, officer):
    call = a_call()
    proposal, other = submitted(call), submitted(call)
    reviewer = a_reviewer()
    assign(other, reviewer)
    url = reverse("reviews:assign", args=[proposal.pk])
    client.force_login(officer)

    def load():
        page = client.get(url)
        return next(c.load for c in page.context["candidates"] if c.user == reviewer)

    assert load() == 1
    later = assign(submitted(call), reviewer)
    assert load() == 2
    cancel_assignment(actor=officer, assignment=later, reason="ไม่ตอบรับ")
    assert load() == 1
