"""The privacy notice: administrators publish versions, everyone reads it, a signed-in person
agrees to the version in force before anything else, and sign-up and invitations ask for it."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import AuditEntry, User
from accounts.privacy.models import Consent, ConsentContext, PrivacyNotice
from accounts.privacy.services import publish_notice, record_consent
from accounts.services import invite_user
from tests.helpers import assert_access

pytestmark = pytest.mark.django_db

TEXT_TH = "ข้อมูลที่เก็บ\nชื่อ อีเมล หน่วยงาน"
TEXT_EN = "What we collect\nName, email, organisation"


@pytest.fixture
def notice(administrator):
    return publish_notice(actor=administrator, text_th=TEXT_TH, text_en=TEXT_EN)


def agree_everyone(notice, *people):
    for person in people:
        record_consent(user=person, notice=notice, context=ConsentContext.SIGN_UP)


# --- who sees which page ---------------------------------------------------------------------


def test_everyone_reads_the_notice_even_signed_out(client, personas, notice):
    agree_everyone(notice, *(p for p in personas.values() if p))
    expected = dict.fromkeys(personas, 200)
    assert_access(client, personas, reverse("privacy:notice"), expected)


def test_the_notice_page_says_so_before_any_version_exists(client, personas):
    assert_access(client, personas, reverse("privacy:notice"), dict.fromkeys(personas, 200))
    assert "ยังไม่มีการประกาศ" in client.get(reverse("privacy:notice")).content.decode()


def test_every_signed_in_person_who_has_not_agreed_opens_the_agreement_page(
    client, personas, notice
):
    expected = {**dict.fromkeys(personas, 200), "anonymous": 302}
    assert_access(client, personas, reverse("privacy:agree"), expected)


def test_only_administrators_open_the_page_that_publishes_versions(client, personas, notice):
    agree_everyone(notice, *(p for p in personas.values() if p))
    expected = {
        **dict.fromkeys(personas, 403),
        "administrator": 200,
        "anonymous": 302,
    }
    assert_access(client, personas, reverse("privacy:manage"), expected)
    assert_access(
        client,
        personas,
        reverse("privacy:manage"),
        {**expected, "administrator": 302},
        method="post",
        data={"text_th": TEXT_TH, "text_en": TEXT_EN},
    )
    # Only the administrator's post published a version.
    assert list(PrivacyNotice.objects.values_list("version", flat=True)) == [2, 1]


# --- publishing ------------------------------------------------------------------------------


def test_each_save_publishes_the_next_version_and_is_audited(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("privacy:manage")).content.decode()
    assert "ข้อมูลที่เก็บ" in page  # the shipped Thai text is offered for the first version
    for _ in range(2):
        response = client.post(reverse("privacy:manage"), {"text_th": TEXT_TH, "text_en": TEXT_EN})
        assert response.status_code == 302
    assert list(PrivacyNotice.objects.values_list("version", flat=True)) == [2, 1]
    assert (
        AuditEntry.objects.filter(action="privacy_notice.published", actor=administrator).count()
        == 2
    )


def test_an_empty_text_is_refused_in_the_readers_language(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse("privacy:manage"), {"text_th": "", "text_en": TEXT_EN})
    assert response.status_code == 200
    assert "ฟิลด์นี้จำเป็น" in response.content.decode()
    assert not PrivacyNotice.objects.exists()


def test_no_one_but_an_administrator_publishes(officer):
    with pytest.raises(PermissionDenied):
        publish_notice(actor=officer, text_th=TEXT_TH, text_en=TEXT_EN)


# --- agreeing --------------------------------------------------------------------------------


def test_a_person_is_sent_to_agree_then_back_and_a_new_version_asks_again(
    client, researcher, administrator, notice, django_capture_on_commit_callbacks
):
    client.force_login(researcher)
    wanted = reverse("proposals:my_proposals")
    response = client.get(wanted)
    assert response.status_code == 302
    assert response.url.startswith(reverse("privacy:agree"))
    page = client.get(response.url).content.decode()
    assert "ชื่อ อีเมล หน่วยงาน" in page  # the Thai text of the notice
    assert "ข้าพเจ้าได้อ่าน" in page

    refused = client.post(reverse("privacy:agree"), {"next": wanted})
    assert refused.status_code == 200
    assert not Consent.objects.exists()

    agreed = client.post(reverse("privacy:agree"), {"next": wanted, "privacy_agreement": "on"})
    assert agreed.status_code == 302 and agreed.url == wanted
    assert client.get(wanted).status_code == 200
    consent = Consent.objects.get(user=researcher)
    assert (consent.notice, consent.context) == (notice, ConsentContext.NEW_VERSION)
    assert AuditEntry.objects.filter(
        action="privacy.agreed", actor=researcher, data__version=1
    ).exists()

    with django_capture_on_commit_callbacks(execute=True):
        publish_notice(actor=administrator, text_th=TEXT_TH + " แก้ไข", text_en=TEXT_EN)
    again = client.get(wanted)
    assert again.status_code == 302 and again.url.startswith(reverse("privacy:agree"))


def test_a_person_who_agreed_signs_in_straight_to_their_pages(client, researcher, notice):
    agree_everyone(notice, researcher)
    client.force_login(researcher)
    assert client.get(reverse("proposals:my_proposals")).status_code == 200


def test_agreeing_twice_keeps_one_record(researcher, notice):
    agree_everyone(notice, researcher, researcher)
    assert Consent.objects.filter(user=researcher).count() == 1


def test_nothing_is_asked_before_a_notice_exists(client, researcher):
    client.force_login(researcher)
    assert client.get(reverse("proposals:my_proposals")).status_code == 200
    assert client.get(reverse("privacy:agree")).status_code == 302


def test_the_next_address_must_be_on_this_site(client, researcher, notice):
    client.force_login(researcher)
    response = client.post(
        reverse("privacy:agree"), {"next": "https://evil.example/", "privacy_agreement": "on"}
    )
    assert response.url == reverse("dashboard")


# --- sign-up and invitations -----------------------------------------------------------------

SIGNUP = {
    "email": "new.researcher@example.org",
    "password1": "a-long-unusual-passphrase-2567",
    "password2": "a-long-unusual-passphrase-2567",
    "full_name_th": "นักวิจัย ใหม่",
    "full_name_en": "",
    "organisation": "",
    "phone": "",
}


def test_sign_up_asks_for_agreement_and_records_it(client, notice):
    page = client.get(reverse("account_signup")).content.decode()
    assert reverse("privacy:notice") in page
    refused = client.post(reverse("account_signup"), SIGNUP)
    assert refused.status_code == 200
    assert "ติ๊กช่อง" in refused.content.decode()
    assert not User.objects.filter(email=SIGNUP["email"]).exists()

    client.post(reverse("account_signup"), {**SIGNUP, "privacy_agreement": "on"})
    user = User.objects.get(email=SIGNUP["email"])
    consent = Consent.objects.get(user=user)
    assert (consent.notice, consent.context) == (notice, ConsentContext.SIGN_UP)


def test_accepting_an_invitation_asks_for_agreement_and_records_it(
    client, administrator, notice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = invite_user(
            actor=administrator, email="expert@example.org", roles=["reviewer"]
        )
    assert reverse("privacy:notice") in mail.outbox[0].body
    url = reverse("accounts:accept_invitation", args=[token])
    person = {
        "full_name_th": "ผู้ทรงคุณวุฒิ ใหม่",
        "password1": "an-uncommon-passphrase-9931",
        "password2": "an-uncommon-passphrase-9931",
    }
    assert client.post(url, person).status_code == 200
    assert not User.objects.filter(email="expert@example.org").exists()
    response = client.post(url, {**person, "privacy_agreement": "on"})
    assert response.status_code == 302
    user = User.objects.get(email="expert@example.org")
    assert Consent.objects.get(user=user).context == ConsentContext.INVITATION
    # Having agreed, the new reviewer goes straight to their dashboard.
    assert (
        client.get(reverse("dashboard"), follow=True)
        .redirect_chain[-1][0]
        .startswith("/dashboard/")
    )
