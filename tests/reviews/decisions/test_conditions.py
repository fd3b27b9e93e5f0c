"""A decision needs the current round's reviews in, or the officer's recorded override."""

import pytest
from django.utils import translation

from proposals.lifecycle import services as lifecycle
from proposals.models import Proposal, ProposalState
from reviews.decisions import checks as conditions
from reviews.models import AssignmentState, ReviewState
from tests.helpers import count_queries

from .conftest import assign, in_review

pytestmark = pytest.mark.django_db

A = AssignmentState


def messages(proposal):
    with translation.override("en"):
        return conditions.reviews_in(proposal)


MISSING_ONE = (
    "1 review of round 1 is still missing. A funding officer may cancel an assignment, with "
    "a reason, to decide without it."
)


def test_a_round_without_reviews_cannot_be_decided(call):
    assert messages(in_review(call)) == ["No review of round 1 has been submitted yet."]


def test_a_round_with_every_review_submitted_can_be_decided(proposal):
    assert messages(proposal) == []


@pytest.mark.parametrize(
    ("state", "review_state"),
    [
        (A.INVITED, None),
        (A.ACCEPTED, None),
        (A.ACCEPTED, ReviewState.DRAFT),
        # Reopened by an officer: the assignment still says submitted, the review does not.
        (A.SUBMITTED, ReviewState.DRAFT),
    ],
)
def test_a_review_still_expected_blocks_the_decision(proposal, state, review_state):
    assign(proposal, state=state, review_state=review_state)
    assert messages(proposal) == [MISSING_ONE]


def test_the_message_counts_the_missing_reviews(call):
    proposal = in_review(call)
    assign(proposal, state=A.INVITED, review_state=None)
    assign(proposal, state=A.ACCEPTED, review_state=ReviewState.DRAFT)
    assert messages(proposal) == [
        "2 reviews of round 1 are still missing. A funding officer may cancel an assignment, "
        "with a reason, to decide without it."
    ]


@pytest.mark.parametrize("state", [A.DECLINED, A.CONFLICT, A.CANCELLED])
def test_declined_conflicting_and_cancelled_assignments_do_not_count(proposal, state):
    assign(proposal, state=state, review_state=None)
    assert messages(proposal) == []


def test_an_officers_cancellation_is_not_a_review(call):
    proposal = in_review(call)
    assign(proposal, state=A.CANCELLED, review_state=None)
    assert messages(proposal) == ["No review of round 1 has been submitted yet."]


def test_only_the_current_round_counts(call):
    proposal = in_review(call, round_number=2)
    assign(proposal, round_number=1)
    assert messages(proposal) == ["No review of round 2 has been submitted yet."]
    assign(proposal, state=A.ACCEPTED, review_state=None, round_number=1)
    assign(proposal, round_number=2)
    assert messages(proposal) == []


def test_readiness_of_many_proposals_takes_one_query(call, proposal):
    waiting = in_review(call)
    assign(waiting, state=A.INVITED, review_state=None)
    bare = in_review(call)
    proposals = [proposal, waiting, bare]
    assert count_queries(lambda: conditions.readiness(proposals)) == 1
    with translation.override("en"):
        found = conditions.readiness(proposals)
        assert found == {p.pk: conditions.reviews_in(p) for p in proposals}
    assert found[proposal.pk] == []


@pytest.mark.parametrize("name", ["approve", "reject", "request_revision"])
def test_the_lifecycle_applies_the_condition(call, programme_manager, name):
    proposal = in_review(call)
    assign(proposal, state=A.ACCEPTED, review_state=None)
    with translation.override("en"), pytest.raises(lifecycle.TransitionError) as refused:
        lifecycle.transition(
            proposal=proposal, name=name, actor=programme_manager, comment="ความเห็น"
        )
    assert refused.value.messages == [MISSING_ONE]
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.IN_REVIEW
