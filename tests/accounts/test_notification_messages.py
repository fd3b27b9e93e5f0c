"""Notifications are stored as messages of the catalogue with parameters and read in the
language of whoever reads them, when they read them; their emails go in the recipient's."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from accounts.models import Notification
from accounts.notifications.messages import Join, Localized, Message
from accounts.notifications.services import notify
from proposals.models import ProposalState
from tests.factories import UserFactory

# A registered kind whose programme has no text of its own: the default words.
ANY_KIND = "proposal.submit"

pytestmark = pytest.mark.django_db

TITLE = gettext_lazy("Proposal %(proposal)s was submitted")
BODY = gettext_lazy("“%(title)s” is now “%(state)s”. By %(actor)s.")
COMMENT = gettext_lazy("Comment: %(comment)s")
DUE = gettext_lazy("Review due soon: %(reference)s")


def in_language(code, text, **params):
    with translation.override(code):
        return gettext(text) % params


def send_to(reader, django_capture_on_commit_callbacks):
    actor = UserFactory(full_name_th="สมชาย ใจดี", full_name_en="Somchai Jaidee")
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = notify(
            kind=ANY_KIND,
            recipients=[reader],
            title=Message(TITLE, proposal="SLC-2568-0001"),
            body=Join(
                Message(
                    BODY,
                    title=Localized(
                        lambda: "ชื่อไทย" if translation.get_language() == "th" else "English title"
                    ),
                    state=ProposalState.SUBMITTED.label,
                    actor=Localized(lambda: actor.display_name),
                ),
                Message(COMMENT, comment="ครบถ้วน"),
                separator="\n\n",
            ),
            url="/proposals/1/",
        )
    return Notification.objects.get(pk=row.pk)


def test_the_stored_message_is_its_msgid_and_parameters(django_capture_on_commit_callbacks):
    row = send_to(UserFactory(preferred_language="th"), django_capture_on_commit_callbacks)
    assert row.message["title"] == {
        "msgid": "Proposal %(proposal)s was submitted",
        "params": {"proposal": "SLC-2568-0001"},
    }
    sentence = row.message["body"]["join"][0]
    assert sentence["params"]["state"] == {"msgid": "Submitted", "params": {}}
    assert sentence["params"]["actor"] == {"text": {"th": "สมชาย ใจดี", "en": "Somchai Jaidee"}}


def test_a_notification_reads_in_the_readers_language_at_reading_time(
    django_capture_on_commit_callbacks,
):
    row = send_to(UserFactory(preferred_language="th"), django_capture_on_commit_callbacks)
    with translation.override("en"):
        assert row.shown_title == "Proposal SLC-2568-0001 was submitted"
        assert row.shown_body == (
            "“English title” is now “Submitted”. By Somchai Jaidee.\n\nComment: ครบถ้วน"
        )
    thai_state = in_language("th", "Submitted")
    assert thai_state != "Submitted"
    with translation.override("th"):
        assert row.shown_title == in_language("th", TITLE, proposal="SLC-2568-0001")
        assert row.shown_title != "Proposal SLC-2568-0001 was submitted"
        assert f"“{thai_state}”" in row.shown_body and "สมชาย ใจดี" in row.shown_body


def test_the_email_goes_in_the_recipients_language(django_capture_on_commit_callbacks):
    send_to(UserFactory(preferred_language="th"), django_capture_on_commit_callbacks)
    (email,) = mail.outbox
    assert in_language("th", TITLE, proposal="SLC-2568-0001") in email.subject
    assert in_language("th", "Submitted") in email.body


def test_dates_read_in_the_readers_calendar(django_capture_on_commit_callbacks):
    reader = UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = notify(
            kind=ANY_KIND,
            recipients=[reader],
            title=Message(DUE, reference="SLC-1"),
            body=Message(
                gettext_lazy("The review is due on %(due)s."), due=datetime.date(2026, 1, 31)
            ),
            url="/",
        )
    row = Notification.objects.get(pk=row.pk)
    with translation.override("th"):
        assert "2569" in row.shown_body
    with translation.override("en"):
        assert "31 January 2026" in row.shown_body


def test_the_page_behind_the_bell_follows_the_readers_language(
    client, django_capture_on_commit_callbacks
):
    reader = UserFactory(preferred_language="th")
    send_to(reader, django_capture_on_commit_callbacks)
    reader.preferred_language = "en"
    reader.save()
    client.force_login(reader)
    page = client.get(reverse("notifications")).content.decode()
    assert "Proposal SLC-2568-0001 was submitted" in page
    assert "“Submitted”" in page


def test_notifications_sent_as_text_stay_as_they_were_sent(django_capture_on_commit_callbacks):
    reader = UserFactory(preferred_language="th")
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = notify(kind=ANY_KIND, recipients=[reader], title="ยื่นแล้ว", body="ข้อความ", url="/")
    row = Notification.objects.get(pk=row.pk)
    assert row.message is None
    with translation.override("en"):
        assert (row.shown_title, row.shown_body) == ("ยื่นแล้ว", "ข้อความ")
