"""Assigning a whole call: the plan of a small hand-checked case, balanced loads that never
pass a reviewer's maximum, conflicts respected, the reasons a proposal stays short, and
applying the plan once in one transaction."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from accounts.models import AuditEntry, Notification
from proposals.models import ProposalState
from reviews.assignment.bulk import apply_call_plan, plan_call
from reviews.models import Assignment, AssignmentState
from tests.reviews.screening.builders import a_call, a_reviewer, assign, submitted

pytestmark = pytest.mark.django_db

DUE = timezone.localdate() + datetime.timedelta(days=14)


def picks(plan):
    return {row.proposal.reference[-1]: [c.user.email[:2] for c in row.picks] for row in plan.rows}


@pytest.fixture
def small_case():
    """Three proposals on GIS wanting 2 reviewers each; ra and rb (GIS, at most 2), rc (no
    keyword in common, at most 5), rd (GIS, at most 1, same organisation as P1's lead)."""
    call = a_call(reviewers_per_proposal=2)
    proposals = [submitted(call, keywords="GIS", organisation=f"Org P{n}") for n in (1, 2, 3)]
    reviewers = {
        "ra": a_reviewer("ra@example.org", keywords="GIS", profile={"max_per_call": 2}),
        "rb": a_reviewer("rb@example.org", keywords="GIS", profile={"max_per_call": 2}),
        "rc": a_reviewer("rc@example.org", keywords="energy", profile={"max_per_call": 5}),
        "rd": a_reviewer(
            "rd@example.org", keywords="GIS", organisation="org p1", profile={"max_per_call": 1}
        ),
    }
    return {"call": call, "proposals": proposals, "reviewers": reviewers}


def test_the_plan_of_the_hand_checked_case(small_case):
    # P1 has fewest eligible reviewers (rd conflicts) and chooses first. Pass 1: P1 takes
    # ra (all at load 0, by email), P2 rb (load 0 before ra's 1), P3 rd (the last at 0).
    # Pass 2: P1 takes rb, P2 ra (rd is full), P3 only has rc left (no keyword in common).
    plan = plan_call(small_case["call"])
    assert picks(plan) == {"1": ["ra", "rb"], "2": ["rb", "ra"], "3": ["rd", "rc"]}
    assert plan.unfilled == []
    emails = {user.email[:2]: (before, after, most) for user, before, after, most in plan.reviewers}
    assert emails == {"ra": (0, 2, 2), "rb": (0, 2, 2), "rc": (0, 1, 5), "rd": (0, 1, 1)}


def test_applying_creates_the_plan_once(small_case, officer, django_capture_on_commit_callbacks):
    call = small_case["call"]
    plan = plan_call(call)
    with django_capture_on_commit_callbacks(execute=True):
        _plan, created = apply_call_plan(
            actor=officer, call=call, due_date=DUE, fingerprint=plan.fingerprint
        )
        assert mail.outbox == []
    assert len(created) == 6
    assert Assignment.objects.filter(state=AssignmentState.INVITED, due_date=DUE).count() == 6
    assert AuditEntry.objects.filter(action="assignment.create").count() == 6
    assert Notification.objects.count() == 6
    assert len(mail.outbox) == 6
    # Every proposal has its reviewers now: a second run has nothing to do.
    again = plan_call(call)
    assert again.rows == []
    assert not Assignment.objects.filter(
        proposal=small_case["proposals"][0], reviewer=small_case["reviewers"]["rd"]
    ).exists()


def test_a_plan_that_changed_since_the_preview_is_not_applied(small_case, officer):
    call = small_case["call"]
    seen = plan_call(call)
    assign(small_case["proposals"][2], small_case["reviewers"]["rc"])
    with pytest.raises(ValidationError):
        apply_call_plan(actor=officer, call=call, due_date=DUE, fingerprint=seen.fingerprint)
    assert Assignment.objects.count() == 1


def test_loads_are_balanced_among_equal_matches():
    call = a_call(reviewers_per_proposal=1)
    for _n in range(4):
        submitted(call, keywords="GIS")
    first = a_reviewer("a@example.org", keywords="GIS", profile={"max_per_call": 10})
    second = a_reviewer("b@example.org", keywords="GIS", profile={"max_per_call": 10})
    plan = plan_call(call)
    assert plan.loads == {first.pk: 2, second.pk: 2}


def test_existing_loads_in_the_call_count():
    call = a_call(reviewers_per_proposal=1)
    busy = a_reviewer("a@example.org", keywords="GIS", profile={"max_per_call": 3})
    idle = a_reviewer("b@example.org", keywords="GIS", profile={"max_per_call": 3})
    for _n in range(2):
        assign(submitted(call, state=ProposalState.IN_REVIEW), busy)
    for _n in range(2):
        submitted(call, keywords="GIS")
    plan = plan_call(call)
    assert plan.loads == {busy.pk: 2, idle.pk: 2}


def test_good_matches_come_before_the_least_loaded_stranger():
    call = a_call(reviewers_per_proposal=1)
    proposal = submitted(call, keywords="GIS")
    a_reviewer("a@example.org", keywords="energy")
    expert = a_reviewer("b@example.org", keywords="GIS")
    assign(submitted(call, state=ProposalState.IN_REVIEW), expert)
    (row,) = plan_call(call).rows
    assert (row.proposal, [c.user for c in row.picks]) == (proposal, [expert])


def test_proposals_that_cannot_be_filled_say_why():
    call = a_call(reviewers_per_proposal=3)
    proposal = submitted(call, keywords="GIS", organisation="Org P")
    a_reviewer(keywords="GIS")
    a_reviewer(organisation="Org P")  # conflict
    a_reviewer(profile={"is_available": False})
    full = a_reviewer(profile={"max_per_call": 1})
    assign(submitted(call, state=ProposalState.IN_REVIEW), full)
    assign(proposal, a_reviewer(), AssignmentState.DECLINED)
    with translation.override("en"):
        plan = plan_call(call)
    (row,) = plan.unfilled
    assert len(row.picks) == 1
    assert row.reasons == [
        "2 reviewers short.",
        "1 reviewer has a conflict of interest",
        "1 reviewer is unavailable",
        "1 reviewer is at their maximum for this call",
        "1 reviewer was already asked in this round",
    ]


def test_only_proposals_lacking_reviewers_of_their_current_round_are_planned():
    call = a_call(reviewers_per_proposal=1)
    reviewer = a_reviewer(keywords="GIS")
    complete = submitted(call, keywords="GIS")
    assign(complete, reviewer)
    revised = submitted(call, keywords="GIS", state=ProposalState.IN_REVIEW, round=2)
    assign(revised, a_reviewer(), AssignmentState.SUBMITTED, round=1)
    submitted(call, keywords="GIS", state=ProposalState.DRAFT)
    submitted(call, keywords="GIS", state=ProposalState.REVISION)
    plan = plan_call(call)
    assert [row.proposal for row in plan.rows] == [revised]


def test_the_plan_is_the_same_every_time(small_case):
    assert picks(plan_call(small_case["call"])) == picks(plan_call(small_case["call"]))
    assert plan_call(small_case["call"]).fingerprint == plan_call(small_case["call"]).fingerprint


def test_a_pool_too_small_says_so():
    call = a_call(reviewers_per_proposal=2)
    submitted(call, keywords="GIS")
    a_reviewer(keywords="GIS")
    with translation.override("en"):
        (row,) = plan_call(call).unfilled
    assert row.reasons == [
        "1 reviewer short.",
        "no other reviewer in the pool: invite more reviewers",
    ]
