"""The team invitation shows the privacy notice before the co-researcher's data is used."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.privacy.models import ConsentContext
from accounts.privacy.services import publish_notice, record_consent

pytestmark = pytest.mark.django_db


def test_the_team_invitation_shows_the_notice_before_the_data_is_used(
    client, lead, proposal, administrator, django_capture_on_commit_callbacks
):
    notice = publish_notice(actor=administrator, text_th="ประกาศ", text_en="Notice")
    record_consent(user=lead, notice=notice, context=ConsentContext.SIGN_UP)
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("proposals:proposal_team", args=[proposal.pk]),
            {"email": "co@example.org", "role": "co_researcher", "effort_percent": "20"},
        )
    (message,) = mail.outbox
    assert reverse("privacy:notice") in message.body
    token = re.search(r"/proposals/invitations/([^/\s]+)/", message.body).group(1)
    invited = User.objects.create_user(email="co@example.org", password="x-pass-12345678")
    record_consent(user=invited, notice=notice, context=ConsentContext.SIGN_UP)
    client.force_login(invited)
    page = client.get(reverse("proposals:team_invitation", args=[token])).content.decode()
    assert reverse("privacy:notice") in page
