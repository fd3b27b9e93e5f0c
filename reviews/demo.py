"""Demo data of the review work: the demo reviewer in the pool, the open call's screening
checklist, and the demo reviewer invited to review the submitted demo proposal. Idempotent."""

from reviews.assignment.services import assign_reviewer, default_due_date
from reviews.decisions.services import ensure_letter_template
from reviews.models import Assignment, ReviewerProfile
from reviews.screening.services import add_default_items


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
    if not Assignment.objects.filter(proposal=proposal, reviewer=reviewer).exists():
        assign_reviewer(
            actor=officer, proposal=proposal, reviewer=reviewer, due_date=default_due_date()
        )
