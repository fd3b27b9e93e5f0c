"""Proposals in review with their reviewers, and the people around them."""

import datetime
import itertools
from decimal import Decimal

import pytest

from accounts.roles import Role
from indicators.models import FiscalYear
from proposals.models import Proposal, ProposalState, TeamMember
from reviews.models import Assignment, AssignmentState, Review, ReviewState
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS, OUTSIDER
from tests.proposals.lifecycle.conftest import (
    BUDGET_TOTAL,
    call_for_complete_proposals,
    make_complete_proposal,
)

REQUESTED = BUDGET_TOTAL  # 900,000 baht
_sequence = itertools.count(1)


@pytest.fixture
def call(db):
    return call_for_complete_proposals(
        code="SLC-2568", fiscal_year=FiscalYear.objects.get_or_create(year_be=2568)[0]
    )


@pytest.fixture
def programme_manager(call):
    """A programme manager of the call's programme."""
    manager = UserFactory(
        email="decider@example.org",
        full_name_th="ผู้จัดการ แผนงาน",
        full_name_en="Manager Decider",
        roles=[Role.PROGRAMME_MANAGER],
    )
    call.programme.managers.add(manager)
    return manager


def in_review(call, *, round_number=1, **kwargs):
    """A complete proposal of `call`, submitted and in review (the state is set directly so
    that the screening conditions of other work do not get in the way)."""
    proposal = make_complete_proposal(call=call, **kwargs)
    sequence = next(_sequence)
    Proposal.objects.filter(pk=proposal.pk).update(
        state=ProposalState.IN_REVIEW,
        sequence=sequence,
        reference=f"{call.code}-{sequence:04d}",
        round=round_number,
        submitted_at=datetime.datetime.now(datetime.UTC),
    )
    return Proposal.objects.get(pk=proposal.pk)


def assign(
    proposal,
    reviewer=None,
    *,
    state=AssignmentState.SUBMITTED,
    review_state=ReviewState.SUBMITTED,
    round_number=None,
    comments="",
    confidential="",
    score=Decimal("80.00"),
):
    """An assignment of `proposal`'s current round (or `round_number`) with its review
    (none when `review_state` is None)."""
    reviewer = reviewer or UserFactory(roles=[Role.REVIEWER])
    assignment = Assignment.objects.create(
        proposal=proposal,
        reviewer=reviewer,
        round=round_number or proposal.round,
        state=state,
        due_date=datetime.date(2026, 1, 31),
        coi_declared_at=datetime.datetime.now(datetime.UTC),
    )
    if review_state is not None:
        Review.objects.create(
            assignment=assignment,
            state=review_state,
            recommendation="fund",
            comments_to_applicant=comments,
            confidential_comments=confidential,
            total_score=score,
        )
    return assignment


@pytest.fixture
def proposal(call):
    """In review, round 1, with two submitted reviews."""
    proposal = in_review(call)
    assign(proposal, comments="ควรเพิ่มแผนการถ่ายทอดเทคโนโลยี")
    assign(proposal, comments="Budget is reasonable.")
    return proposal


@pytest.fixture
def people(call, programme_manager, proposal):
    """Everyone around `proposal`, by the part they play."""
    co_researcher = UserFactory(roles=[Role.RESEARCHER], preferred_language="en")
    TeamMember.objects.create(
        proposal=proposal,
        user=co_researcher,
        email=co_researcher.email,
        accepted_at=proposal.created_at,
    )
    reviewer = Assignment.objects.filter(proposal=proposal).first().reviewer
    return {
        "lead": proposal.lead,
        "co_researcher": co_researcher,
        "programme_manager": programme_manager,
        "other_manager": UserFactory(roles=[Role.PROGRAMME_MANAGER]),
        "funding_officer": UserFactory(roles=[Role.FUNDING_OFFICER]),
        "reviewer": reviewer,
        "researcher": UserFactory(roles=[Role.RESEARCHER]),
        "administrator": UserFactory(roles=[Role.ADMINISTRATOR]),
        OUTSIDER: UserFactory(roles=[]),
        ANONYMOUS: None,
    }
