"""A programme's own texts of a message, and people to send them to."""

from accounts.notifications import templates
from tests.factories import UserFactory

THAI_TEXTS = {
    "title_th": "แจ้งส่งกลับ {proposal} โดย {actor}",
    "body_th": "เรียน {recipient}\n\nหมายเหตุ: {comment}\n\nดูที่ {url}",
    "title_en": "Sent back: {proposal} by {actor}",
    "body_en": "Dear {recipient},\n\nNote: {comment}\n\nSee {url}",
}


def own_text(programme, manager, kind_key="proposal.return", call=None, **texts):
    return templates.save_template(
        kind_key=kind_key,
        programme=programme,
        call=call,
        actor=manager,
        texts={**THAI_TEXTS, **texts},
    )


def people():
    return (
        UserFactory(preferred_language="th", full_name_th="สมศรี ใจดี"),
        UserFactory(preferred_language="en", full_name_en="Somsri Jaidee"),
    )
