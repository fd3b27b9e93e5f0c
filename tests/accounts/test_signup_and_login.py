import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import AuditEntry, User
from accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "new.researcher@example.org",
    "password1": "a-long-unusual-passphrase-2567",
    "password2": "a-long-unusual-passphrase-2567",
    "full_name_th": "นักวิจัย ใหม่",
    "full_name_en": "",
    "organisation": "มหาวิทยาลัยขอนแก่น",
    "organisation_new": "on",
    "phone": "",
}


def sign_up(client, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("account_signup"), {**SIGNUP, **changes})


def test_sign_up_makes_a_researcher_who_must_verify_the_email(
    client, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="new.researcher@example.org")
    assert user.role_names == {Role.RESEARCHER}
    assert user.full_name_th == "นักวิจัย ใหม่"
    assert user.preferred_language == "th"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert "new.researcher@example.org" in mail.outbox[0].to
    assert AuditEntry.objects.filter(action="account.signed_up", object_id=str(user.pk)).exists()


def test_sign_in_before_verification_is_held_at_the_verification_page(
    client, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": SIGNUP["email"], "password": SIGNUP["password1"]},
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_sign_up_with_a_used_email_creates_nothing_and_reveals_nothing(
    client, django_capture_on_commit_callbacks, researcher
):
    response = sign_up(client, django_capture_on_commit_callbacks, email=researcher.email)
    # The same answer as for a new address: no account enumeration.
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email=researcher.email).count() == 1
    # The owner of the address is told, by email, that someone tried.
    assert mail.outbox and mail.outbox[0].to == [researcher.email]


def test_a_weak_password_is_refused_in_thai(client, django_capture_on_commit_callbacks):
    response = sign_up(
        client, django_capture_on_commit_callbacks, password1="12345678", password2="12345678"
    )
    assert response.status_code == 200
    assert not User.objects.filter(email=SIGNUP["email"]).exists()
    assert "รหัสผ่าน" in response.content.decode()
    assert response.context["form"].errors["password1"]


def test_a_name_is_required_at_sign_up(client, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks, full_name_th="")
    assert response.status_code == 200
    assert "กรุณากรอกชื่อ-นามสกุล" in response.content.decode()
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_a_verified_user_signs_in_and_lands_on_the_dashboard(client, researcher):
    response = client.post(
        reverse("account_login"), {"login": researcher.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard_for_role", args=["researcher"])
    assert "หน้าหลักนักวิจัย" in response.content.decode()


def test_many_wrong_passwords_are_rate_limited(client):
    user = UserFactory(email="target@example.org", roles=[Role.RESEARCHER])
    login = reverse("account_login")
    answers = [client.post(login, {"login": user.email, "password": "wrong"}) for _ in range(6)]
    first, last = answers[0].content.decode(), answers[-1].content.decode()
    assert "ไม่ถูกต้อง" in first and "หลายครั้งเกินไป" not in first
    assert "หลายครั้งเกินไป" in last  # "too many failed login attempts", in Thai
    # Even the right password is refused while the limit holds.
    client.post(login, {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_says_so_without_naming_which_part(client, researcher):
    response = client.post(
        reverse("account_login"), {"login": researcher.email, "password": "nope"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_password_reset_sends_a_mail_only_to_known_addresses(
    client, researcher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("account_reset_password"), {"email": researcher.email})
        unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    recipients = [message.to for message in mail.outbox]
    assert [researcher.email] in recipients


def test_password_rules_are_explained_in_thai(client):
    body = client.get(reverse("account_signup")).content.decode()
    assert "รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด" in body
    assert "Your password" not in body
