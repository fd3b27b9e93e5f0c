import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry, Invitation, User
from accounts.roles import Role
from accounts.services import InvitationError, accept_invitation, invite_user

pytestmark = pytest.mark.django_db

NEW_PERSON = {
    "full_name_th": "ผู้ทรงคุณวุฒิ ใหม่",
    "full_name_en": "New Expert",
    "organisation": "มหาวิทยาลัยมหิดล",
    "organisation_new": "on",
    "password1": "an-uncommon-passphrase-9931",
    "password2": "an-uncommon-passphrase-9931",
}


def invite_by_page(client, sender, django_capture_on_commit_callbacks, **data):
    client.force_login(sender)
    payload = {"email": "expert@example.org", "roles": ["reviewer"], **data}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("accounts:invite"), payload)


def link_in(message):
    return re.search(r"https?://\S+/people/invitation/(\S+)/", message.body).group(1)


def test_an_administrator_invites_with_roles_and_the_mail_leaves_after_commit(
    client, administrator, django_capture_on_commit_callbacks
):
    response = invite_by_page(
        client,
        administrator,
        django_capture_on_commit_callbacks,
        roles=["reviewer", "programme_manager"],
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="expert@example.org")
    assert sorted(invitation.roles) == ["programme_manager", "reviewer"]
    assert len(mail.outbox) == 1
    assert "ผู้ทรงคุณวุฒิ" in mail.outbox[0].subject  # in the sender's language, Thai
    assert AuditEntry.objects.filter(
        action="invitation.sent", object_id=str(invitation.pk)
    ).exists()


def test_no_mail_leaves_when_the_transaction_rolls_back(
    administrator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite_user(actor=administrator, email="a@example.org", roles=["reviewer"])
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_the_link_creates_a_verified_account_with_the_roles_and_signs_in(
    client, administrator, django_capture_on_commit_callbacks
):
    invite_by_page(client, administrator, django_capture_on_commit_callbacks)
    token = link_in(mail.outbox[0])
    client.logout()
    url = reverse("accounts:accept_invitation", args=[token])
    assert client.get(url).status_code == 200
    response = client.post(url, NEW_PERSON)
    assert response.status_code == 302
    user = User.objects.get(email="expert@example.org")
    assert user.role_names == {Role.REVIEWER}
    assert user.check_password(NEW_PERSON["password1"])
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_link_used_twice_says_so_and_creates_nothing_more(
    client, administrator, django_capture_on_commit_callbacks
):
    invite_by_page(client, administrator, django_capture_on_commit_callbacks)
    token = link_in(mail.outbox[0])
    client.logout()
    url = reverse("accounts:accept_invitation", args=[token])
    client.post(url, NEW_PERSON)
    client.logout()
    second = client.post(
        url, {**NEW_PERSON, "password1": "other-pass-4471", "password2": "other-pass-4471"}
    )
    assert second.status_code == 410
    assert "คำเชิญนี้ถูกใช้ไปแล้ว" in second.content.decode()
    assert User.objects.filter(email="expert@example.org").count() == 1
    assert User.objects.get(email="expert@example.org").check_password(NEW_PERSON["password1"])


def test_an_expired_link_says_when_it_expired(client, administrator):
    invitation, token = invite_user(
        actor=administrator, email="late@example.org", roles=["reviewer"]
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    response = client.get(reverse("accounts:accept_invitation", args=[token]))
    assert response.status_code == 410
    assert "หมดอายุ" in response.content.decode()
    assert (
        client.post(reverse("accounts:accept_invitation", args=[token]), NEW_PERSON).status_code
        == 410
    )
    assert not User.objects.filter(email="late@example.org").exists()


def test_a_made_up_link_is_refused(client):
    response = client.get(reverse("accounts:accept_invitation", args=["not-a-token"]))
    assert response.status_code == 410
    assert "ไม่ถูกต้อง" in response.content.decode()


def test_a_revoked_link_is_refused(client, administrator):
    invitation, token = invite_user(
        actor=administrator, email="gone@example.org", roles=["reviewer"]
    )
    client.force_login(administrator)
    client.post(reverse("accounts:revoke_invitation", args=[invitation.pk]))
    client.logout()
    response = client.get(reverse("accounts:accept_invitation", args=[token]))
    assert response.status_code == 410
    assert "ถูกยกเลิก" in response.content.decode()


def test_a_new_invitation_replaces_the_pending_one(administrator):
    _first, first_token = invite_user(
        actor=administrator, email="twice@example.org", roles=["reviewer"]
    )
    invite_user(actor=administrator, email="twice@example.org", roles=["researcher"])
    with pytest.raises(InvitationError):
        accept_invitation(token=first_token, password="whatever-pass-123", full_name_en="X")


def test_a_weak_password_or_mismatch_keeps_the_form_and_creates_nothing(client, administrator):
    _invitation, token = invite_user(
        actor=administrator, email="weak@example.org", roles=["reviewer"]
    )
    url = reverse("accounts:accept_invitation", args=[token])
    weak = client.post(url, {**NEW_PERSON, "password1": "123", "password2": "123"})
    assert weak.status_code == 200 and weak.context["form"].errors["password1"]
    differ = client.post(url, {**NEW_PERSON, "password2": "something-else-entirely"})
    assert differ.status_code == 200
    assert "ไม่ตรงกัน" in differ.content.decode()
    assert not User.objects.filter(email="weak@example.org").exists()


def test_inviting_someone_who_has_an_account_is_refused(
    client, administrator, researcher, django_capture_on_commit_callbacks
):
    response = invite_by_page(
        client, administrator, django_capture_on_commit_callbacks, email=researcher.email
    )
    assert response.status_code == 200
    assert "มีบัญชีอยู่แล้ว" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_officer_invites_reviewers_but_cannot_hand_out_staff_roles(
    client, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    page = client.get(reverse("accounts:invite"))
    offered = [value for value, _label in page.context["form"].fields["roles"].choices]
    assert offered == ["researcher", "reviewer"]
    response = invite_by_page(
        client, officer, django_capture_on_commit_callbacks, roles=["administrator"]
    )
    assert response.status_code == 200  # the form refuses a choice it does not offer
    assert not Invitation.objects.exists()
    with pytest.raises(PermissionDenied):
        invite_user(actor=officer, email="x@example.org", roles=["administrator"])


def test_an_officer_sees_only_the_invitations_they_sent(client, officer, administrator):
    invite_user(actor=administrator, email="by-admin@example.org", roles=["reviewer"])
    invite_user(actor=officer, email="by-officer@example.org", roles=["reviewer"])
    client.force_login(officer)
    listed = [i.email for i in client.get(reverse("accounts:invite")).context["page"].object_list]
    assert listed == ["by-officer@example.org"]


def test_revoking_twice_says_it_is_no_longer_pending(client, administrator):
    invitation, _token = invite_user(actor=administrator, email="r@example.org", roles=["reviewer"])
    client.force_login(administrator)
    url = reverse("accounts:revoke_invitation", args=[invitation.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "ยกเลิกได้เฉพาะคำเชิญที่ยังรอตอบรับ" in response.content.decode()


def test_a_signed_in_person_cannot_accept_an_invitation(client, administrator, researcher):
    _invitation, token = invite_user(actor=administrator, email="z@example.org", roles=["reviewer"])
    client.force_login(researcher)
    response = client.get(reverse("accounts:accept_invitation", args=[token]))
    assert response.status_code == 302
    assert not User.objects.filter(email="z@example.org").exists()
