"""Calls, proposals in review, assignments and reviews for the scoring tests: light enough to
make hundreds of proposals (no complete proposal parts, one budget line each)."""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from accounts.roles import Role
from proposals.models import BudgetCategory, BudgetLine, Proposal, ProposalState
from reviews.models import (
    Assignment,
    AssignmentState,
    BudgetVerdict,
    Recommendation,
    Review,
    ReviewState,
)
from tests.factories import CallFactory, ProposalFactory, UserFactory

_numbers = itertools.count(1)


def make_call(**kwargs):
    """A call with two criteria of weight 60 and 40, both on 1–5 (see CallFactory)."""
    return CallFactory(parts=True, **kwargs)


def reviewer_user(**kwargs):
    return UserFactory(roles=[Role.REVIEWER], **kwargs)


def proposal_in(call, *, amount=Decimal("100000"), state=ProposalState.IN_REVIEW, round=1, **kw):
    """A proposal of `call` in `state` (in review by default) with a reference, `round` and
    one budget line of `amount` baht."""
    proposal = ProposalFactory(call=call, **kw)
    number = next(_numbers)
    Proposal.objects.filter(pk=proposal.pk).update(
        state=state,
        round=round,
        sequence=number,
        reference=f"{call.code}-{number:04d}",
        submitted_at=timezone.now(),
    )
    if amount:
        BudgetLine.objects.create(
            proposal=proposal,
            category=BudgetCategory.objects.get(call=call, code="materials"),
            fiscal_year=call.fiscal_year,
            description="วัสดุ",
            quantity=Decimal("1"),
            unit_cost=amount,
        )
    return Proposal.objects.select_related("call", "lead").get(pk=proposal.pk)


def assign(proposal, reviewer, *, cleared=True, state=None, round=None):
    """An assignment in the proposal's current round: accepted with no conflict declared when
    `cleared`, otherwise invited."""
    state = state or (AssignmentState.ACCEPTED if cleared else AssignmentState.INVITED)
    return Assignment.objects.create(
        proposal=proposal,
        reviewer=reviewer,
        round=round or proposal.round or 1,
        state=state,
        due_date=timezone.localdate() + datetime.timedelta(days=14),
        coi_declared_at=timezone.now() if cleared else None,
    )


def submitted_review(
    proposal,
    reviewer,
    total,
    *,
    recommendation=Recommendation.FUND,
    round=None,
    state=ReviewState.SUBMITTED,
):
    """A submitted review of `proposal` by `reviewer` with the weighted total `total`."""
    submitted = state == ReviewState.SUBMITTED
    assignment = assign(
        proposal,
        reviewer,
        round=round,
        state=AssignmentState.SUBMITTED if submitted else AssignmentState.ACCEPTED,
    )
    return Review.objects.create(
        assignment=assignment,
        state=state,
        total_score=Decimal(str(total)) if submitted else None,
        recommendation=recommendation,
        budget_verdict=BudgetVerdict.APPROPRIATE,
        comments_to_applicant="ข้อเสนอแนะถึงผู้เสนอ",
        confidential_comments="ความเห็นลับถึงเจ้าหน้าที่",
        submitted_at=timezone.now() if submitted else None,
    )
