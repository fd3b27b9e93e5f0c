"""The reviewer-side predicates, state by state."""

import pytest
from django.utils import timezone

from accounts.roles import Role
from proposals.models import Proposal, ProposalState
from reviews.models import Assignment, AssignmentState, ReviewState
from reviews.reviewing import rules
from reviews.reviewing.rules import NextAction
from tests.reviews.reviewing.conftest import assign

pytestmark = pytest.mark.django_db

S = AssignmentState


@pytest.mark.parametrize(
    ("state", "declared", "answer", "declare", "read"),
    [
        (S.INVITED, False, True, False, False),
        (S.ACCEPTED, False, False, True, False),
        (S.ACCEPTED, True, False, False, True),
        (S.SUBMITTED, True, False, False, True),
        (S.DECLINED, False, False, False, False),
        (S.CONFLICT, False, False, False, False),
        (S.CANCELLED, False, False, False, False),
        (S.CANCELLED, True, False, False, False),
    ],
)
def test_what_the_assigned_reviewer_may_do(
    proposal, reviewer, state, declared, answer, declare, read
):
    assignment = assign(
        proposal, reviewer, state, coi_declared_at=timezone.now() if declared else None
    )
    assert rules.can_answer(reviewer, assignment) is answer
    assert rules.can_declare(reviewer, assignment) is declare
    assert rules.can_read_proposal(reviewer, assignment) is read


@pytest.mark.parametrize("role", [r for r in Role if r != Role.REVIEWER])
def test_nobody_else_may_do_anything(proposal, reviewer, trio, role):
    assignment = assign(proposal, reviewer, cleared=True)
    someone = trio(role)[0]
    assert not rules.is_assigned_reviewer(someone, assignment)
    assert not rules.can_read_proposal(someone, assignment)


@pytest.mark.parametrize(
    ("state", "proposal_state", "review_state", "expected"),
    [
        (S.INVITED, ProposalState.IN_REVIEW, None, NextAction.ANSWER),
        (S.ACCEPTED, ProposalState.IN_REVIEW, None, NextAction.REVIEW),
        (S.ACCEPTED, ProposalState.IN_REVIEW, ReviewState.DRAFT, NextAction.REVIEW),
        (S.ACCEPTED, ProposalState.IN_REVIEW, ReviewState.SUBMITTED, NextAction.READ),
        (S.SUBMITTED, ProposalState.APPROVED, ReviewState.SUBMITTED, NextAction.READ),
        (S.ACCEPTED, ProposalState.REVISION, None, NextAction.WAIT),
        (S.DECLINED, ProposalState.IN_REVIEW, None, None),
    ],
)
def test_the_next_step(proposal, reviewer, state, proposal_state, review_state, expected):
    declared = state in (S.ACCEPTED, S.SUBMITTED)
    assignment = assign(
        proposal, reviewer, state, coi_declared_at=timezone.now() if declared else None
    )
    Proposal.objects.filter(pk=proposal.pk).update(state=proposal_state)
    assignment = Assignment.objects.select_related("proposal").get(pk=assignment.pk)
    assert rules.next_action(assignment, review_state) == expected


def test_an_accepted_assignment_without_a_declaration_asks_for_it(proposal, reviewer):
    assignment = assign(proposal, reviewer, S.ACCEPTED)
    assert rules.next_action(assignment) == NextAction.DECLARE
