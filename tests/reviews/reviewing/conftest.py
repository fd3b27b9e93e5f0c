"""Proposals in review and assignments in every state, for the reviewer's side."""

import pytest
from django.utils import timezone

from accounts.roles import Role
from proposals.models import Proposal, ProposalState
from proposals.versions.snapshot import take_snapshot
from reviews.models import AssignmentState
from tests.proposals.lifecycle.conftest import call_for_complete_proposals, make_complete_proposal
from tests.reviews.screening import builders


def in_review(proposal, reference=None):
    """Submit `proposal` as the lifecycle would (reference, round 1, version 1) and put it in
    review, without the lifecycle's conditions (other work adds some to screen_pass)."""
    reference = reference or f"{proposal.call.code}-{proposal.pk:04d}"
    Proposal.objects.filter(pk=proposal.pk).update(
        reference=reference, round=1, submitted_at=timezone.now()
    )
    proposal = Proposal.objects.get(pk=proposal.pk)
    take_snapshot(proposal=proposal, actor=proposal.lead)
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.IN_REVIEW)
    return Proposal.objects.get(pk=proposal.pk)


def proposal_in_review(*, blind=False, call=None, **kwargs):
    call = call or call_for_complete_proposals(blind_review=blind)
    return in_review(make_complete_proposal(call, **kwargs))


def assign(proposal, reviewer, state=AssignmentState.INVITED, *, cleared=False, **kwargs):
    """An assignment of `reviewer` to `proposal` in its current round; `cleared=True` makes it
    accepted with no conflict declared."""
    if cleared:
        state = AssignmentState.ACCEPTED
    kwargs.setdefault("round", proposal.round or 1)
    return builders.assign(proposal, reviewer, state, cleared=cleared, **kwargs)


@pytest.fixture
def proposal(db):
    return proposal_in_review()


@pytest.fixture
def everyone(personas, trio):
    """The personas and a reviewer who is not the assigned one, for permission matrices."""
    return {**personas, "other reviewer": trio(Role.REVIEWER)[0]}
