"""Demo data of the review work: the demo reviewer in the pool, the open call's screening
checklist, and the demo reviewer invited to review the submitted demo proposal; a proposal of
the open call in a revision round whose team answered the reviewer point by point; the
two-stage call's concepts, one waiting, one reviewed by its panel (chair, discussion,
consensus) and invited to the full stage. Idempotent."""

from decimal import Decimal

from proposals.demo_proposals import complete_proposal
from proposals.lifecycle.services import transition
from proposals.models import Proposal, SectionKey
from proposals.stages.selectors import stage_criteria
from proposals.writing.services import GENERAL_FIELDS, save_general, save_section, start_proposal
from reviews.assignment.services import assign_reviewer, default_due_date
from reviews.decisions.services import decide, ensure_letter_template
from reviews.models import (
    Assignment,
    BudgetVerdict,
    DecisionOutcome,
    PanelRole,
    Recommendation,
    ReviewerProfile,
    ScreeningVerdict,
)
from reviews.panels.services import post_comment, save_summary, set_panel_role
from reviews.rebuttal.selectors import answered_reviews
from reviews.rebuttal.services import save_rebuttal
from reviews.reviewing.services import accept_assignment, declare_no_conflict
from reviews.scoring.services import ReviewInput, save_review
from reviews.screening.services import add_default_items, save_screening


def seed_reviews(*, call, proposal, reviewer, officer, pool=()):
    """`reviewer` is invited to review `proposal`; `pool` holds more reviewers, not invited."""
    ReviewerProfile.objects.get_or_create(
        user=reviewer,
        defaults={
            "keywords_th": "เมืองอัจฉริยะ, ฐานข้อมูลเมือง, กองทุนเมือง",
            "keywords_en": "smart city, city data, GIS, city fund",
            "max_per_call": 5,
        },
    )
    for member in pool:
        ReviewerProfile.objects.get_or_create(user=member, defaults={"max_per_call": 5})
    if not call.screening_items.exists():
        add_default_items(actor=officer, call=call)
    ensure_letter_template(call)
    if proposal is None:
        return
    if not Assignment.objects.filter(proposal=proposal, reviewer=reviewer).exists():
        assign_reviewer(
            actor=officer, proposal=proposal, reviewer=reviewer, due_date=default_due_date()
        )


REVISION_TITLES = (
    "แพลตฟอร์มกองทุนเมืองเพื่อสวัสดิการชุมชนเทศบาลนครลำปาง (ตัวอย่าง)",
    "A city fund platform for community welfare in Lampang (example)",
)
REVISION_ANSWER = (
    "ขอบคุณสำหรับข้อเสนอแนะ คณะผู้วิจัยได้ระบุชุมชนนำร่อง 5 ชุมชนและปรับแผนงบประมาณ"
    "ในหมวดค่าจ้างตามคำแนะนำแล้ว (ตัวอย่าง)"
)


def seed_revision(*, call, researcher, reviewers, officer, manager, starts_on):
    """A complete proposal of `call` by `researcher`, through the real services: screened,
    reviewed by `reviewers`, sent back by `manager` for a revision, and answered point by
    point by its team (the rebuttal page's content). Kept when it exists. Returns it."""
    proposal = Proposal.objects.filter(call=call, title_th=REVISION_TITLES[0]).first()
    if proposal is not None:
        return proposal
    proposal = complete_proposal(call, researcher, starts_on, titles=REVISION_TITLES)
    transition(proposal=proposal, name="submit", actor=researcher)
    proposal = Proposal.objects.get(pk=proposal.pk)
    save_screening(
        actor=officer,
        proposal=proposal,
        verdicts=[(item, ScreeningVerdict.MET, "") for item in call.screening_items.all()],
    )
    assignments = []
    for reviewer in reviewers:
        assignment = assign_reviewer(
            actor=officer, proposal=proposal, reviewer=reviewer, due_date=default_due_date()
        )
        accept_assignment(assignment=assignment, actor=reviewer)
        declare_no_conflict(assignment=Assignment.objects.get(pk=assignment.pk), actor=reviewer)
        assignments.append(assignment)
    transition(proposal=Proposal.objects.get(pk=proposal.pk), name="screen_pass", actor=officer)
    proposal = Proposal.objects.get(pk=proposal.pk)
    scores = {criterion.pk: criterion.scale_max - 1 for criterion in stage_criteria(proposal)}
    for assignment in assignments:
        save_review(
            actor=assignment.reviewer,
            assignment=Assignment.objects.get(pk=assignment.pk),
            data=ReviewInput(
                scores=scores,
                comments_to_applicant="ควรระบุชุมชนนำร่องและทบทวนค่าจ้างให้สอดคล้องกับแผน (ตัวอย่าง)",
                recommendation=Recommendation.FUND_AFTER_REVISION,
                budget_verdict=BudgetVerdict.APPROPRIATE,
            ),
            version=0,
            submit=True,
        )
    decide(
        proposal=Proposal.objects.get(pk=proposal.pk),
        outcome=DecisionOutcome.REVISION,
        actor=manager,
        comment="ขอให้ปรับปรุงตามข้อคิดเห็นของผู้ทรงคุณวุฒิ และตอบเป็นรายข้อ (ตัวอย่าง)",
    )
    proposal = Proposal.objects.get(pk=proposal.pk)
    save_rebuttal(
        actor=researcher,
        proposal=proposal,
        answers={review.pk: REVISION_ANSWER for review in answered_reviews(proposal, 1)},
    )
    return proposal


CONCEPTS = [
    # title (Thai, English), problem, objectives, invited?
    (
        ("ระบบข้อมูลน้ำท่วมเมืองแบบมีส่วนร่วม (ตัวอย่าง)", "Participatory urban flood data (example)"),
        "เทศบาลยังไม่มีข้อมูลจุดน้ำท่วมที่เป็นปัจจุบัน (ข้อมูลตัวอย่าง)",
        "พัฒนาระบบให้ประชาชนรายงานจุดน้ำท่วมและเชื่อมกับฐานข้อมูล GIS ของเทศบาล",
        True,
    ),
    (
        ("ตลาดเกษตรกรดิจิทัลของเมือง (ตัวอย่าง)", "The city's digital farmers' market (example)"),
        "เกษตรกรรอบเมืองขายผลผลิตให้ผู้บริโภคในเมืองได้น้อย (ข้อมูลตัวอย่าง)",
        "ทดลองตลาดออนไลน์ร่วมกับเทศบาลและวิสาหกิจชุมชน",
        False,
    ),
]


def seed_concepts(*, call, researcher, reviewer, officer, manager):
    """Two concepts of the two-stage `call` by `researcher`, through the real services: one
    submitted and waiting for screening, one screened, reviewed by `reviewer` and invited by
    `manager` (its full proposal is a draft). Idempotent: kept when they exist."""
    seed_reviews(call=call, proposal=None, reviewer=reviewer, officer=officer)
    made = []
    for (title_th, title_en), problem, objectives, invited in CONCEPTS:
        concept = Proposal.objects.filter(call=call, title_th=title_th).first()
        if concept is None:
            concept = _written_concept(call, researcher, title_th, title_en, problem, objectives)
            transition(proposal=concept, name="submit", actor=researcher)
            if invited:
                _review_and_invite(concept, reviewer, officer, manager)
        made.append(Proposal.objects.get(pk=concept.pk))
    return made


def _written_concept(call, researcher, title_th, title_en, problem, objectives):
    concept = start_proposal(actor=researcher, call=call, answers={})
    save_general(
        actor=researcher,
        proposal=concept,
        data={name: getattr(concept, name) for name in GENERAL_FIELDS}
        | {"title_th": title_th, "title_en": title_en},
        version=concept.version,
    )
    for key, text in ((SectionKey.PROBLEM, problem), (SectionKey.OBJECTIVES, objectives)):
        save_section(actor=researcher, proposal=concept, key=key, text=text, version=1)
    return Proposal.objects.get(pk=concept.pk)


def _review_and_invite(concept, reviewer, officer, manager):
    items = concept.call.screening_items.all()
    save_screening(
        actor=officer,
        proposal=concept,
        verdicts=[(item, ScreeningVerdict.MET, "") for item in items],
    )
    assignment = assign_reviewer(
        actor=officer, proposal=concept, reviewer=reviewer, due_date=default_due_date()
    )
    accept_assignment(assignment=assignment, actor=reviewer)
    declare_no_conflict(assignment=Assignment.objects.get(pk=assignment.pk), actor=reviewer)
    set_panel_role(actor=officer, assignment=assignment, role=PanelRole.CHAIR)
    transition(proposal=Proposal.objects.get(pk=concept.pk), name="screen_pass", actor=officer)
    concept = Proposal.objects.get(pk=concept.pk)
    scores = {criterion.pk: criterion.scale_max - 1 for criterion in stage_criteria(concept)}
    save_review(
        actor=reviewer,
        assignment=Assignment.objects.get(pk=assignment.pk),
        data=ReviewInput(
            scores=scores,
            comments_to_applicant="แนวคิดชัดเจน ควรระบุพื้นที่นำร่องให้ชัด (ตัวอย่าง)",
            recommendation=Recommendation.FUND,
            budget_verdict=BudgetVerdict.APPROPRIATE,
        ),
        version=0,
        submit=True,
    )
    concept = Proposal.objects.get(pk=concept.pk)
    post_comment(
        actor=reviewer,
        proposal=concept,
        text="โจทย์ชัดเจนและเทศบาลพร้อมร่วม ควรเชิญจัดทำข้อเสนอฉบับสมบูรณ์ (ตัวอย่าง)",
    )
    post_comment(
        actor=officer,
        proposal=concept,
        text="รับทราบ ขอให้ประธานสรุปมติของคณะ (ตัวอย่าง)",
    )
    save_summary(
        actor=reviewer,
        proposal=concept,
        score=Decimal("80"),
        recommendation=Recommendation.FUND,
        summary="คณะผู้ทรงคุณวุฒิเห็นพ้องให้เชิญจัดทำข้อเสนอฉบับสมบูรณ์ (ตัวอย่าง)",
    )
    decide(
        proposal=Proposal.objects.get(pk=concept.pk),
        outcome=DecisionOutcome.INVITE,
        actor=manager,
        comment="ขอเชิญจัดทำข้อเสนอโครงการฉบับสมบูรณ์ โดยระบุพื้นที่นำร่องให้ชัดเจน (ตัวอย่าง)",
    )
