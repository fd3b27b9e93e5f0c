"""The site's own text of a message that belongs to no programme is what its emails say, in
each recipient's language: an administrator's invitation, allauth's address check and
password reset (through the project's adapter), the weekly risk digest."""

import datetime

import pytest
from allauth.account.adapter import get_adapter
from django.core import mail
from django.urls import reverse

from accounts.models import Notification
from accounts.notifications import templates
from accounts.notifications.messages import Localized, Message
from accounts.notifications.services import notify
from accounts.roles import Role
from accounts.services import invite_user
from projects.risk.notices import send_risk_digests
from reports.jobs import JOB_DONE
from tests.factories import UserFactory
from tests.projects.builders import funded_project, report_of
from tests.projects.risk.test_digest import quiet

pytestmark = pytest.mark.django_db


def site_text(actor, kind_key, texts):
    return templates.save_template(kind_key=kind_key, programme=None, actor=actor, texts=texts)


def emails_by_person():
    return {email.to[0]: email for email in mail.outbox}


INVITATION = {
    "title_th": "คำเชิญจาก {inviter}",
    "body_th": "เรียน {email}\n\nบทบาท {roles} หมดอายุ {date}\n\nเปิด {url}",
    "title_en": "Invitation from {inviter}",
    "body_en": "Dear {email},\n\nAs {roles}, until {date}\n\nOpen {url}",
}


THAI_WORDS = ["เรียน new@example.org", "บทบาท ผู้ทรงคุณวุฒิ", "เปิด https://"]
ENGLISH_WORDS = ["Dear new@example.org", "As Reviewer, until", "Open https://"]


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("th", "คำเชิญจาก สมชาย รักดี", THAI_WORDS),
        ("en", "Invitation from Somchai Rakdee", ENGLISH_WORDS),
    ],
)
def test_the_invitation_says_the_administrators_text_in_its_language(
    administrator, settings, django_capture_on_commit_callbacks, language, subject, words
):
    settings.SITE_URL = "https://grants.example.org"
    administrator.full_name_th = "สมชาย รักดี"
    administrator.full_name_en = "Somchai Rakdee"
    administrator.save()
    site_text(administrator, "account.invitation", INVITATION)
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = invite_user(
            actor=administrator, email="new@example.org", roles=[Role.REVIEWER], language=language
        )
    email = mail.outbox[-1]
    assert email.subject.endswith(subject)
    for word in words:
        assert word in email.body
    assert token in email.body


def test_without_a_site_text_the_invitation_is_as_before(
    administrator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_user(
            actor=administrator, email="new@example.org", roles=[Role.REVIEWER], language="en"
        )
    assert "invites you to the research grant system" in mail.outbox[-1].body


RESET = {
    "title_th": "รหัสผ่านใหม่ของ {email}",
    "body_th": "เรียน {recipient}\n\nตั้งรหัสผ่านที่ {link}",
    "title_en": "A new password for {email}",
    "body_en": "Dear {recipient},\n\nChoose it at {link}",
}


@pytest.mark.parametrize(
    ("language", "subject", "opening", "words"),
    [
        ("th", "รหัสผ่านใหม่ของ", "เรียน สมศรี ใจดี", "ตั้งรหัสผ่านที่ http"),
        ("en", "A new password for", "Dear Somsri Jaidee,", "Choose it at http"),
    ],
)
def test_the_password_reset_says_the_administrators_text_in_the_readers_language(
    client, administrator, django_capture_on_commit_callbacks, language, subject, opening, words
):
    site_text(administrator, "account.password_reset", RESET)
    person = UserFactory(
        preferred_language=language, full_name_th="สมศรี ใจดี", full_name_en="Somsri Jaidee"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": person.email})
    email = emails_by_person()[person.email]
    assert email.subject.endswith(f"{subject} {person.email}")
    assert email.body.startswith(opening)
    assert words in email.body
    assert "/password/reset/key/" in email.body


def test_without_a_site_text_the_password_reset_is_allauths(
    client, django_capture_on_commit_callbacks
):
    person = UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": person.email})
    email = emails_by_person()[person.email]
    assert "/password/reset/key/" in email.body
    assert "Choose it at" not in email.body


CONFIRM = {
    "title_th": "ยืนยันอีเมล {email}",
    "body_th": "กรุณายืนยันที่ {link}",
    "title_en": "Confirm {email}",
    "body_en": "Please confirm at {link}",
}


@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [("th", "ยืนยันอีเมล", "กรุณายืนยันที่"), ("en", "Confirm", "Please confirm at")],
)
def test_the_address_check_says_the_administrators_text(
    administrator, django_capture_on_commit_callbacks, language, subject, body
):
    site_text(administrator, "account.confirm_email", CONFIRM)
    person = UserFactory(preferred_language=language)
    link = "https://grants.example.org/accounts/confirm-email/KEY/"
    with django_capture_on_commit_callbacks(execute=True):
        get_adapter().send_mail(
            "account/email/email_confirmation_signup",
            person.email,
            {"user": person, "activate_url": link, "key": "KEY"},
        )
    email = mail.outbox[-1]
    assert email.subject.endswith(f"{subject} {person.email}")
    assert email.body == f"{body} {link}"


DIGEST = {
    "title_th": "สรุปวันที่ {day}: {count} โครงการ",
    "body_th": "เรียน {recipient}\n\n{signals}",
    "title_en": "Digest of {day}: {count} projects",
    "body_en": "Dear {recipient},\n\n{signals}",
}


def test_the_risk_digest_says_the_administrators_text_in_each_language(
    officer, manager, administrator, django_capture_on_commit_callbacks
):
    site_text(administrator, "risk.digest", DIGEST)
    project = quiet(funded_project(officer))
    project.call.programme.managers.add(manager)
    type(officer).objects.filter(pk=officer.pk).update(preferred_language="en")
    type(manager).objects.filter(pk=manager.pk).update(preferred_language="th")
    late = report_of(project).due_on + datetime.timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_risk_digests(today=late) == 2
    emails = emails_by_person()
    assert "Digest of " in emails[officer.email].subject
    assert ": 1 projects" in emails[officer.email].subject
    assert project.reference in emails[officer.email].body
    assert "สรุปวันที่ " in emails[manager.email].subject
    assert emails[manager.email].body.startswith("เรียน ")
    assert project.reference in emails[manager.email].body
    assert Notification.objects.get(recipient=officer).title.startswith("Digest of ")


def test_a_document_ready_says_the_administrators_text_in_each_readers_language(
    administrator, django_capture_on_commit_callbacks
):
    site_text(
        administrator,
        "document.ready",
        {
            "title_th": "พร้อมแล้ว: {document}",
            "body_th": "เรียน {recipient}",
            "title_en": "Ready: {document}",
            "body_en": "Dear {recipient},",
        },
    )
    thai = UserFactory(preferred_language="th", full_name_th="สมศรี ใจดี")
    english = UserFactory(preferred_language="en", full_name_en="Somsri Jaidee")
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            kind=JOB_DONE,
            recipients=[thai, english],
            title=Message(JOB_DONE.title, document=Localized(lambda: "KPI")),
            body="",
            url="/reports/jobs/1/",
        )
    emails = emails_by_person()
    assert emails[thai.email].subject.endswith("พร้อมแล้ว: KPI")
    assert "เรียน สมศรี ใจดี" in emails[thai.email].body
    assert emails[english.email].subject.endswith("Ready: KPI")
    assert "\n\nDear Somsri Jaidee,\n\n" in emails[english.email].body


UNKNOWN = {
    "title_th": "ไม่พบบัญชีของ {email}",
    "body_th": "สมัครได้ที่ {link}",
    "title_en": "No account for {email}",
    "body_en": "Sign up at {link}",
}
EXISTS = {
    "title_th": "{email} มีบัญชีแล้ว",
    "body_th": "ตั้งรหัสผ่านใหม่ที่ {link}",
    "title_en": "{email} has an account",
    "body_en": "Choose a new password at {link}",
}


@pytest.mark.parametrize(("language", "body"), [("th", "สมัครได้ที่"), ("en", "Sign up at")])
def test_a_reset_for_an_unknown_address_says_the_administrators_text(
    client, administrator, django_capture_on_commit_callbacks, language, body
):
    """Nobody has the address, so the page's language is the reader's: the site text of that
    language, with the sign-up link."""
    site_text(administrator, "account.unknown_account", UNKNOWN)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_reset_password"),
            {"email": "nobody@example.org"},
            HTTP_ACCEPT_LANGUAGE=language,
        )
    email = emails_by_person()["nobody@example.org"]
    assert email.subject.endswith(UNKNOWN[f"title_{language}"].format(email="nobody@example.org"))
    assert email.body.startswith(body) and "/accounts/signup/" in email.body


@pytest.mark.parametrize(
    ("language", "body"), [("th", "ตั้งรหัสผ่านใหม่ที่"), ("en", "Choose a new password at")]
)
def test_a_sign_up_with_a_taken_address_says_the_administrators_text(
    administrator, django_capture_on_commit_callbacks, language, body
):
    site_text(administrator, "account.already_exists", EXISTS)
    person = UserFactory(preferred_language=language)
    with django_capture_on_commit_callbacks(execute=True):
        get_adapter().send_mail(
            "account/email/account_already_exists",
            person.email,
            {
                "signup_url": "https://grants.example.org/accounts/signup/",
                "password_reset_url": "https://grants.example.org/accounts/password/reset/",
            },
        )
    email = mail.outbox[-1]
    assert email.body == f"{body} https://grants.example.org/accounts/password/reset/"


def test_without_a_site_text_a_reset_for_an_unknown_address_is_allauths(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    email = emails_by_person()["nobody@example.org"]
    assert "/accounts/signup/" in email.body and "Sign up at" not in email.body
