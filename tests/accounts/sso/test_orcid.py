"""The ORCID iD: set only by signing in or connecting through ORCID, shown on the profile, on
the proposals a person leads and in the reviewer matching."""

import pytest
from allauth.socialaccount.models import SocialAccount, SocialLogin
from allauth.socialaccount.signals import social_account_added
from django.urls import reverse

from accounts.models import AuditEntry, User
from tests.factories import ProposalFactory

pytestmark = pytest.mark.django_db

ORCID = "0000-0002-1825-0097"


def connect(user, uid=ORCID, provider="orcid"):
    account = SocialAccount(user=user, provider=provider, uid=uid)
    social_account_added.send(
        sender=SocialLogin, request=None, sociallogin=SocialLogin(user=user, account=account)
    )
    return User.objects.get(pk=user.pk)


def test_connecting_orcid_keeps_the_authenticated_id_and_audits_it(researcher):
    person = connect(researcher)
    assert person.orcid == ORCID
    assert AuditEntry.objects.filter(action="account.orcid_linked", actor=person).exists()


def test_another_provider_or_a_malformed_id_sets_nothing(researcher):
    assert connect(researcher, provider="openid_connect").orcid == ""
    assert connect(researcher, uid="not-an-orcid").orcid == ""


def test_the_profile_cannot_type_an_orcid_id(client, researcher):
    client.force_login(researcher)
    client.post(
        reverse("accounts:profile"),
        {"full_name_th": "ชื่อ", "orcid": ORCID, "preferred_language": "th"},
    )
    assert User.objects.get(pk=researcher.pk).orcid == ""


def test_the_orcid_id_shows_on_the_profile_and_the_proposal(client, researcher):
    connect(researcher)
    client.force_login(researcher)
    assert f"https://orcid.org/{ORCID}" in client.get(reverse("accounts:profile")).content.decode()
    proposal = ProposalFactory(lead=researcher, title_th="โครงการทดสอบ")
    page = client.get(reverse("proposals:proposal_detail", args=[proposal.pk])).content.decode()
    assert f"ORCID {ORCID}" in page
