"""Small builders the officer-side tests share: proposals waiting for screening, reviewers
with keywords and organisations, assignments in a chosen state."""

import datetime
import itertools

from django.utils import timezone

from accounts.roles import Role
from proposals.models import Proposal, ProposalState
from reviews.models import Assignment, AssignmentState, ReviewerProfile, ScreeningItem
from tests.factories import CallFactory, ProposalFactory, UserFactory

_numbers = itertools.count(1)


def a_call(**kwargs):
    kwargs.setdefault("reviewers_per_proposal", 2)
    return CallFactory(parts=True, **kwargs)


def submitted(call, *, state=ProposalState.SUBMITTED, round=1, organisation=None, **kwargs):
    """A proposal of `call` as if submitted `round` times, its lead from `organisation`."""
    n = next(_numbers)
    lead = UserFactory(roles=[Role.RESEARCHER], organisation=organisation or f"สถาบันผู้ยื่น {n}")
    proposal = ProposalFactory(call=call, lead=lead, **kwargs)
    sequence = (Proposal.objects.filter(call=call).exclude(sequence=None).count()) + 1
    Proposal.objects.filter(pk=proposal.pk).update(
        state=state,
        round=round,
        sequence=sequence,
        reference=f"{call.code}-{sequence:04d}",
        submitted_at=timezone.now(),
    )
    return Proposal.objects.get(pk=proposal.pk)


def a_reviewer(email=None, *, organisation="", keywords="", profile=None):
    """A reviewer; `profile` (a dict) gives them a ReviewerProfile with those fields."""
    n = next(_numbers)
    user = UserFactory(
        email=email or f"reviewer-{n}@example.org",
        roles=[Role.REVIEWER],
        organisation=organisation or f"หน่วยงานผู้ทรงคุณวุฒิ {n}",
        expertise_keywords=keywords,
    )
    if profile is not None:
        ReviewerProfile.objects.create(user=user, **profile)
    return user


def assign(
    proposal, reviewer, state=AssignmentState.INVITED, *, cleared=False, round=None, **fields
):
    """An assignment of `reviewer` to `proposal` in its current round (or `round`), due in two
    weeks; `cleared` records that no conflict was declared. `fields` override the rest."""
    defaults = {
        "round": proposal.round if round is None else round,
        "due_date": timezone.localdate() + datetime.timedelta(days=14),
        "coi_declared_at": timezone.now() if cleared else None,
    }
    return Assignment.objects.create(
        proposal=proposal, reviewer=reviewer, state=state, **{**defaults, **fields}
    )


def cleared(proposal, reviewer, **kwargs):
    """An assignment accepted with no conflict declared."""
    return assign(proposal, reviewer, AssignmentState.ACCEPTED, cleared=True, **kwargs)


def checklist(call, count=3):
    return [
        ScreeningItem.objects.create(call=call, position=n, text_th=f"ข้อ {n}", text_en=f"Item {n}")
        for n in range(1, count + 1)
    ]
