"""Erasure by pseudonymisation: asked for by the person, answered by an administrator; the
person's details are replaced everywhere while the rows that refer to them stay, and the account
can no longer sign in."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import AuditEntry, User
from accounts.privacy.erasure import is_erased
from accounts.privacy.models import ErasureRequest, ErasureState
from accounts.privacy.services import ErasureError, answer_erasure, request_erasure
from proposals.models import TeamMember, TeamRole
from tests.factories import PASSWORD, ProposalFactory
from tests.helpers import assert_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(researcher):
    return request_erasure(actor=researcher, subject=researcher, reason="ไม่ใช้แล้ว")


def test_only_administrators_open_the_erasure_pages(client, personas, waiting):
    expected = {**dict.fromkeys(personas, 403), "administrator": 200, "anonymous": 302}
    assert_access(client, personas, reverse("privacy:erasures"), expected)
    assert_access(client, personas, reverse("privacy:answer_erasure", args=[waiting.pk]), expected)


def test_a_person_asks_from_their_data_page_once(client, researcher):
    client.force_login(researcher)
    client.post(reverse("privacy:request_erasure"), {"reason": "ย้ายงาน"})
    again = client.post(reverse("privacy:request_erasure"), {"reason": ""}, follow=True)
    assert "รออยู่แล้ว" in again.content.decode()
    request = ErasureRequest.objects.get()
    assert (request.subject, request.state, request.reason) == (
        researcher,
        ErasureState.REQUESTED,
        "ย้ายงาน",
    )
    assert AuditEntry.objects.filter(action="privacy.erasure_requested", actor=researcher).exists()


def test_approval_pseudonymises_everywhere_and_closes_the_account(
    client, researcher, administrator, waiting
):
    proposal = ProposalFactory()
    TeamMember.objects.create(
        proposal=proposal,
        user=researcher,
        email=researcher.email,
        name="ชื่อจริง",
        organisation="มหาวิทยาลัย",
        role=TeamRole.CO_RESEARCHER,
        effort_percent=10,
    )
    old_email = researcher.email
    client.force_login(researcher)
    client.force_login(administrator)
    response = client.post(
        reverse("privacy:answer_erasure", args=[waiting.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    person = User.objects.get(pk=researcher.pk)
    assert is_erased(person)
    assert person.email == f"erased-{person.pk}@erased.invalid"
    assert (person.phone, person.organisation, person.is_active) == ("", "", False)
    assert not person.has_usable_password()
    member = TeamMember.objects.get(proposal=proposal, role=TeamRole.CO_RESEARCHER)
    assert (member.user, member.email, member.organisation) == (person, person.email, "")
    assert "ชื่อจริง" not in member.name
    assert not User.objects.filter(email=old_email).exists()
    # The audit chain keeps its entries, now naming the pseudonym.
    entry = AuditEntry.objects.get(action="privacy.erased")
    assert entry.actor == administrator
    assert AuditEntry.objects.filter(action="privacy.erasure_requested", actor=person).exists()
    waiting.refresh_from_db()
    assert waiting.state == ErasureState.DONE
    # The account cannot sign in again.
    client.logout()
    assert not client.login(email=old_email, password=PASSWORD)
    response = client.post(reverse("account_login"), {"login": old_email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_a_refusal_needs_a_reason_and_keeps_the_data(client, administrator, researcher, waiting):
    client.force_login(administrator)
    url = reverse("privacy:answer_erasure", args=[waiting.pk])
    response = client.post(url, {"decision": "refuse", "answer": ""})
    assert response.status_code == 200
    assert "บอกเหตุผล" in response.content.decode()
    client.post(url, {"decision": "refuse", "answer": "โครงการที่ได้รับทุนต้องเก็บไว้ตามกฎหมาย"})
    waiting.refresh_from_db()
    assert waiting.state == ErasureState.REFUSED
    assert User.objects.get(pk=researcher.pk).email == researcher.email
    with pytest.raises(ErasureError):
        answer_erasure(actor=administrator, request=waiting, approve=True)


def test_only_an_administrator_answers_and_not_for_themselves(officer, administrator, waiting):
    with pytest.raises(PermissionDenied):
        answer_erasure(actor=officer, request=waiting, approve=True)
    own = request_erasure(actor=administrator, subject=administrator)
    with pytest.raises(ErasureError):
        answer_erasure(actor=administrator, request=own, approve=True)
