"""The demo's mentors (issue #19), made through the real services: the programme manager
assigns two mentors to the team of the open call's draft (one of them to its city too), the
team shares its draft with both, each comments on a part, and the team answers and resolves
the first thread. Idempotent."""

from accounts.models import Municipality
from proposals.mentoring import services
from proposals.models import DraftPart, DraftShare, MentorAssignment, MentorThread

COMMENTS = [
    (
        DraftPart.PROBLEM,
        "ปัญหายังกว้างเกินไป ลองระบุกลุ่มเยาวชนและพื้นที่ชุมชนที่จะเริ่มก่อน พร้อมข้อมูลตั้งต้น (ตัวอย่าง)",
    ),
    (
        DraftPart.INDICATORS,
        "ข้อเสนอยังไม่ได้ระบุตัวชี้วัดของกรอบวิจัย ลองดูผลการตรวจความสอดคล้องกับกรอบ "
        "ตัวชี้วัดพื้นที่เรียนรู้ของเมืองยังไม่มีข้อเสนอใดครอบคลุม (ตัวอย่าง)",
    ),
]
ANSWER = "ขอบคุณครับ ทีมจะเริ่มที่ 3 ชุมชนรอบเขตเทศบาลและเพิ่มข้อมูลตั้งต้นในส่วนนี้ (ตัวอย่าง)"


def seed_mentoring(*, programme, manager, draft, mentors):
    """`mentors` (two users holding the mentor role) mentor the team of `draft`."""
    lead = draft.lead
    phitsanulok = Municipality.objects.filter(name_en="Phitsanulok").first()
    for mentor in mentors:
        if not MentorAssignment.objects.filter(mentor=mentor, proposal=draft).exists():
            services.assign_mentor(
                actor=manager, programme=programme, mentor=mentor, proposal=draft
            )
    if (
        phitsanulok
        and not MentorAssignment.objects.filter(
            mentor=mentors[1], municipality=phitsanulok
        ).exists()
    ):
        services.assign_mentor(
            actor=manager, programme=programme, mentor=mentors[1], municipality=phitsanulok
        )
    for mentor in mentors:
        if not DraftShare.objects.filter(proposal=draft, mentor=mentor).exists():
            services.share_draft(actor=lead, proposal=draft, mentor=mentor)
    if MentorThread.objects.filter(proposal=draft).exists():
        return
    threads = [
        services.comment(actor=mentor, proposal=draft, part=part, text=text)
        for mentor, (part, text) in zip(mentors, COMMENTS, strict=True)
    ]
    services.answer(actor=lead, thread=threads[0], text=ANSWER)
    services.resolve(actor=lead, thread=threads[0])
