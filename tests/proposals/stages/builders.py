"""A two-stage call (concepts until next week, full proposals until next month) and its
concepts, for the tests of the stages."""

import datetime
from decimal import Decimal

from django.utils import timezone

from proposals.models import ConceptSection, ProposalStage, ReviewCriterion, Section, SectionKey
from tests.factories import CallFactory, ProposalFactory


def two_stage_call(**kwargs):
    now = timezone.now()
    call = CallFactory(
        parts=True,
        has_concept_stage=True,
        concept_closes_at=now + datetime.timedelta(days=7),
        closes_at=now + datetime.timedelta(days=40),
        **kwargs,
    )
    ConceptSection.objects.create(call=call, key=SectionKey.PROBLEM, word_limit=30)
    ConceptSection.objects.create(call=call, key=SectionKey.OBJECTIVES, word_limit=30)
    ReviewCriterion.objects.create(
        call=call,
        position=5,
        stage=ProposalStage.CONCEPT,
        name_th="ความสำคัญของโจทย์",
        name_en="Importance",
        weight=Decimal("100"),
    )
    return call


def concept(call=None, **kwargs):
    """A concept whose chosen sections are written, ready to submit."""
    kwargs.setdefault("stage", ProposalStage.CONCEPT)
    proposal = ProposalFactory(call=call or two_stage_call(), **kwargs)
    for key in SectionKey.values:
        text = "เมืองต้องการข้อมูล" if key in ("problem", "objectives") else ""
        Section.objects.create(proposal=proposal, key=key, text=text)
    return proposal
