"""A call with its proposals at every step the PDF documents print, and a way to render the
documents ONCE per test module (each render costs about half a second).

`build_scenario()` makes the call SLC-2568 (budget 2,000,000 baht) with:
- SLC-2568-0001: a complete proposal of 950,000 baht (a long budget: 45 lines) with a named
  team, three submitted reviews with scores per criterion, approved at 950,000 baht through
  the decision service (so its letters are the real ones);
- SLC-2568-0002: complete, in review, two submitted reviews, 900,000 baht;
- SLC-2568-0003: complete, in review, no review yet, 900,000 baht.
`render_documents()` builds it in a transaction that is rolled back, renders the documents
and returns plain values: nothing of the database outlives it.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation

from accounts.roles import Role
from indicators.models import FiscalYear
from proposals.models import BudgetCategory, BudgetLine, Proposal, ProposalState, TeamMember
from reports import documents
from reviews.decisions.services import decide
from reviews.models import (
    Assignment,
    AssignmentState,
    BudgetVerdict,
    CriterionScore,
    Recommendation,
    Review,
    ReviewState,
)
from reviews.scoring.statistics import weighted_total
from tests.factories import UserFactory
from tests.proposals.lifecycle.conftest import call_for_complete_proposals, make_complete_proposal

D = Decimal
APPROVED = D("950000.00")
APPROVED_WORDS = "เก้าแสนห้าหมื่นบาทถ้วน"
REQUESTED_OTHERS = D("900000.00")
CALL_BUDGET = D("2000000.00")
EXTRA_LINES = 40  # materials lines of 1,000 baht each, so that the budget runs over a page

# Who the blind copy must not name: the lead, a co-researcher, their emails and organisations.
LEAD = {
    "email": "prasert.lead@example.org",
    "full_name_th": "ประเสริฐ วิจัยดี",
    "full_name_en": "Prasert Wijaidee",
    "organisation": "มหาวิทยาลัยแม่โจ้ทดสอบ",
}
CO_RESEARCHER = {
    "email": "somsri.co@example.org",
    "name": "สมศรี ใจงาม",
    "organisation": "Chiang Mai Test Institute",
}
IDENTITY = [
    LEAD["email"],
    LEAD["full_name_th"],
    LEAD["organisation"],
    CO_RESEARCHER["email"],
    CO_RESEARCHER["name"],
    CO_RESEARCHER["organisation"],
]
REVIEWERS = [
    # name, scores (Fit on 1–5 weight 60, Value on 1–5 weight 40), comment to the applicant
    ("กมล ประเมินดี", (5, 4), "แผนงานชัดเจน ควรเพิ่มตัวชี้วัดรายไตรมาส"),
    ("วิไล ตรวจสอบ", (4, 4), "Budget is reasonable for the scope."),
    ("Anan Reviewer", (4, 3), "เห็นควรสนับสนุน"),
]
CONFIDENTIAL = "ความเห็นลับเฉพาะเจ้าหน้าที่"


def _reviewer(name):
    return UserFactory(full_name_th=name, full_name_en=name, roles=[Role.REVIEWER])


def submitted_review(proposal, reviewer, scores, comment):
    """An assignment of `proposal`'s current round with a submitted review scoring each
    criterion of the call (in order) with `scores`."""
    assignment = Assignment.objects.create(
        proposal=proposal,
        reviewer=reviewer,
        round=proposal.round,
        state=AssignmentState.SUBMITTED,
        due_date=datetime.date(2026, 1, 31),
        coi_declared_at=timezone.now(),
    )
    criteria = list(proposal.call.criteria.all())
    review = Review.objects.create(
        assignment=assignment,
        state=ReviewState.SUBMITTED,
        recommendation=Recommendation.FUND,
        budget_verdict=BudgetVerdict.APPROPRIATE,
        comments_to_applicant=comment,
        confidential_comments=CONFIDENTIAL,
        total_score=weighted_total(zip(criteria, scores, strict=True)),
        submitted_at=timezone.now(),
    )
    for criterion, score in zip(criteria, scores, strict=True):
        CriterionScore.objects.create(
            review=review, criterion=criterion, score=score, comment=f"เกณฑ์ {criterion.name_th}"
        )
    return review


def _in_review(proposal, sequence):
    Proposal.objects.filter(pk=proposal.pk).update(
        state=ProposalState.IN_REVIEW,
        sequence=sequence,
        reference=f"{proposal.call.code}-{sequence:04d}",
        round=1,
        submitted_at=timezone.now(),
    )
    return Proposal.objects.get(pk=proposal.pk)


def _long_budget(proposal):
    """950,000 baht: the materials line down to 565,000 plus 40 lines of 1,000, and the
    institutional fee up to 95,000 (10%)."""
    BudgetLine.objects.filter(proposal=proposal, category__code="materials").update(
        unit_cost=D("565000"), amount=D("565000")
    )
    BudgetLine.objects.filter(proposal=proposal, category__code="institutional_fee").update(
        unit_cost=D("95000"), amount=D("95000")
    )
    materials = BudgetCategory.objects.get(call=proposal.call, code="materials")
    for number in range(1, EXTRA_LINES + 1):
        BudgetLine.objects.create(
            proposal=proposal,
            category=materials,
            fiscal_year=proposal.call.fiscal_year,
            description=f"วัสดุสำรวจภาคสนาม ชุดที่ {number}",
            quantity=D("2"),
            unit_cost=D("500"),
        )


def build_scenario():
    call = call_for_complete_proposals(
        code="SLC-2568",
        fiscal_year=FiscalYear.objects.get_or_create(year_be=2568)[0],
        total_budget=CALL_BUDGET,
        blind_review=True,
    )
    manager = UserFactory(email="manager.slc@example.org", roles=[Role.PROGRAMME_MANAGER])
    call.programme.managers.add(manager)
    lead = UserFactory(roles=[Role.RESEARCHER], **LEAD)
    first = make_complete_proposal(
        call=call, lead=lead, title_th="ระบบฐานข้อมูลเมืองเพื่อการวางแผน", title_en="City data"
    )
    TeamMember.objects.create(
        proposal=first, role="co_researcher", effort_percent=D("30"),
        accepted_at=timezone.now(), **CO_RESEARCHER,
    )  # fmt: skip
    _long_budget(first)
    first = _in_review(first, 1)
    for name, scores, comment in REVIEWERS:
        submitted_review(first, _reviewer(name), scores, comment)
    decision = decide(
        proposal=first,
        outcome="approve",
        actor=manager,
        comment="อนุมัติตามที่เสนอ",
        approved_amount=APPROVED,
    )
    second = _in_review(make_complete_proposal(call=call, title_th="ศูนย์เรียนรู้เมือง"), 2)
    submitted_review(second, _reviewer("ผู้ประเมิน สอง"), (3, 3), "")
    submitted_review(second, _reviewer("ผู้ประเมิน สาม"), (4, 2), "")
    third = _in_review(make_complete_proposal(call=call, title_th="กองทุนเมือง"), 3)
    return SimpleNamespace(
        call=call,
        manager=manager,
        first=Proposal.objects.get(pk=first.pk),
        second=second,
        third=third,
        decision=decision,
    )


def render_documents(django_db_blocker, media_root, requests):
    """{name: Output} for `requests` ({name: (kind, language, options)}): each PDF document
    of the call (committee-sheet) or of its first proposal, rendered from ONE scenario that is
    rolled back afterwards; plus "scenario": plain values the tests compare with."""
    results = {}
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media_root)),
        transaction.atomic(),
    ):
        with translation.override("th"):
            scenario = build_scenario()
        for name, (kind, language, options) in requests.items():
            document = documents.get(kind, documents.PDF)
            subject = scenario.call if document.scope == documents.CALL else scenario.first
            with translation.override(language):
                results[name] = document.build(
                    subject, user=None, options=options, progress=documents.no_progress
                )
        results["scenario"] = SimpleNamespace(
            reference=scenario.first.reference,
            title_th=scenario.first.title_th,
            decided_year_be=scenario.decision.decided_at.year + 543,
        )
        transaction.set_rollback(True)
    return results
