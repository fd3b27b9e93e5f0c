"""The demo's two-stage call: concepts first (problem and objectives), then the full
proposals of the invited concepts. Its concepts are written and reviewed in reviews/demo.py."""

import datetime
from decimal import Decimal

from django.utils import timezone

from proposals.demo import _bangkok, _seed_call, today_calendar
from proposals.models import ConceptSection, ProposalStage, ReviewCriterion, SectionKey

CONCEPT_CRITERIA = [
    ("ความสำคัญและความชัดเจนของโจทย์", "Importance and clarity of the problem", Decimal("60")),
    ("ความเป็นไปได้ของแนวคิด", "Feasibility of the idea", Decimal("40")),
]


def seed_two_stage_call(programme, calendar=None):
    """A two-stage call open now: concepts (problem and objectives, 300 words each) until two
    weeks from today, full proposals by the open call's closing date."""
    calendar = calendar or today_calendar()
    year = calendar.open_year
    call = _seed_call(
        programme,
        f"{calendar.open_code}-2S",
        year,
        {
            "title_th": f"ทุนเมืองน่าอยู่ที่ชาญฉลาดแบบสองขั้นตอน ปีงบประมาณ {year}",
            "title_en": f"Liveable Smart Cities two-stage grants, fiscal year {year}",
            "description_th": ("ส่งข้อเสนอโครงการเบื้องต้นก่อน เฉพาะข้อเสนอที่ได้รับเชิญจึงจัดทำข้อเสนอฉบับสมบูรณ์"),
            "description_en": (
                "Send a concept proposal first; only invited concepts write a full proposal."
            ),
            "opens_at": _bangkok(calendar.open_from, 9),
            "concept_closes_at": _bangkok(timezone.localdate() + datetime.timedelta(days=14), 16),
            "closes_at": _bangkok(calendar.open_until, 16, 30),
            "total_budget": Decimal("6000000.00"),
            "ceiling_per_proposal": Decimal("1500000.00"),
            "has_concept_stage": True,
            "concept_reviewers": 1,
        },
    )
    for key in (SectionKey.PROBLEM, SectionKey.OBJECTIVES):
        ConceptSection.objects.get_or_create(call=call, key=key, defaults={"word_limit": 300})
    for position, (name_th, name_en, weight) in enumerate(CONCEPT_CRITERIA, start=10):
        ReviewCriterion.objects.update_or_create(
            call=call,
            position=position,
            stage=ProposalStage.CONCEPT,
            defaults={"name_th": name_th, "name_en": name_en, "weight": weight},
        )
    return call
