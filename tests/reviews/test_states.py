"""Assignments and reviews change state only through their django-fsm transitions, called by
the services, each of which writes one audit entry with the states it went from and to."""

import pytest
from django.core.exceptions import ValidationError
from django_fsm import can_proceed

from accounts.models import AuditEntry
from reviews.assignment.services import cancel_assignment
from reviews.models import Assignment, AssignmentState, Review, ReviewState
from reviews.reviewing.services import (
    accept_assignment,
    declare_conflict,
    declare_no_conflict,
    decline_assignment,
)
from reviews.scoring.services import ReviewInput, reopen_review, save_review
from tests.reviews.reviewing.scoring_helpers import (
    assign,
    make_call,
    proposal_in,
    reviewer_user,
    submitted_review,
)

pytestmark = pytest.mark.django_db
S = AssignmentState

# transition → the states it leaves (every other state refuses it)
ASSIGNMENT_SOURCES = {
    "accept": {S.INVITED},
    "decline": {S.INVITED},
    "declare_conflict": {S.ACCEPTED},
    "cancel": {S.INVITED, S.ACCEPTED},
    "complete": {S.ACCEPTED},
    "reopen": {S.SUBMITTED},
}


@pytest.fixture
def proposal(db):
    return proposal_in(make_call())


def test_the_state_of_an_assignment_or_review_cannot_be_set_by_hand(proposal):
    assignment = assign(proposal, reviewer_user(), cleared=False)
    review = Review.objects.create(assignment=assignment)

    with pytest.raises(AttributeError):
        assignment.state = AssignmentState.SUBMITTED
    with pytest.raises(AttributeError):
        review.state = ReviewState.SUBMITTED
    assignment.refresh_from_db()  # reading it again is allowed
    assert assignment.state == AssignmentState.INVITED


@pytest.mark.parametrize("state", list(S))
def test_each_assignment_transition_leaves_only_its_states(proposal, state):
    assignment = assign(proposal, reviewer_user(), state=state, cleared=False)

    allowed = {name for name in ASSIGNMENT_SOURCES if can_proceed(getattr(assignment, name))}

    assert allowed == {name for name, sources in ASSIGNMENT_SOURCES.items() if state in sources}


def test_a_conflict_is_declared_only_before_declaring_none(proposal):
    assignment = assign(proposal, reviewer_user(), cleared=True)

    assert not can_proceed(assignment.declare_conflict)


def _entry(obj):
    entry = AuditEntry.objects.filter(object_id=str(obj.pk)).latest("id")
    return entry.action, entry.from_state, entry.to_state


def test_every_service_moves_the_state_and_audits_from_and_to(proposal, officer):
    reviewer = reviewer_user()
    accepted = accept_assignment(
        assignment=assign(proposal, reviewer, cleared=False), actor=reviewer
    )
    assert _entry(accepted) == ("assignment.accepted", "invited", "accepted")
    declared = declare_no_conflict(assignment=accepted, actor=reviewer)
    assert _entry(declared) == ("assignment.no_conflict", "accepted", "accepted")

    other = reviewer_user()
    declined = decline_assignment(assignment=assign(proposal, other, cleared=False), actor=other)
    assert _entry(declined) == ("assignment.declined", "invited", "declined")

    third = reviewer_user()
    conflicted = accept_assignment(assignment=assign(proposal, third, cleared=False), actor=third)
    conflicted = declare_conflict(assignment=conflicted, actor=third, note="ญาติ")
    assert _entry(conflicted) == ("assignment.conflict", "accepted", "conflict")

    cancelled = cancel_assignment(
        actor=officer, assignment=assign(proposal, reviewer_user()), reason="ไม่ตอบ"
    )
    assert _entry(cancelled) == ("assignment.cancel", "accepted", "cancelled")


def test_submitting_and_reopening_a_review_move_review_and_assignment(proposal, officer):
    reviewer = reviewer_user()
    assignment = assign(proposal, reviewer)
    data = ReviewInput(
        scores={criterion.pk: criterion.scale_max for criterion in proposal.call.criteria.all()},
        recommendation="fund",
        budget_verdict="appropriate",
    )

    review = save_review(actor=reviewer, assignment=assignment, data=data, version=0, submit=True)

    assert (review.state, Assignment.objects.get(pk=assignment.pk).state) == (
        ReviewState.SUBMITTED,
        AssignmentState.SUBMITTED,
    )
    assert _entry(review) == ("review.submitted", "draft", "submitted")
    reopened = reopen_review(actor=officer, review=review, reason="คะแนนไม่ตรงความเห็น")
    assert (reopened.state, Assignment.objects.get(pk=assignment.pk).state) == (
        ReviewState.DRAFT,
        AssignmentState.ACCEPTED,
    )
    assert _entry(reopened) == ("review.reopened", "submitted", "draft")


def test_an_assignment_whose_review_is_in_cannot_be_cancelled(proposal, officer):
    review = submitted_review(proposal, reviewer_user(), 70)

    with pytest.raises(ValidationError):
        cancel_assignment(actor=officer, assignment=review.assignment, reason="ซ้ำ")

    assert Assignment.objects.get(pk=review.assignment.pk).state == AssignmentState.SUBMITTED
