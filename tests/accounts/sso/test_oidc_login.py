"""Single sign-on through OpenID Connect, run in full against a local test provider: the sign-in
button, the provider's authorisation, the code exchanged for an ID token, the account linked by
its verified email; a new person becomes a researcher only; staff signed in by a provider that
enforces a second factor are not asked for theirs again."""

import urllib.request
from urllib.parse import urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from accounts.models import AuditEntry, User
from accounts.roles import Role
from tests.accounts.sso.oidc_server import CLIENT_ID, CLIENT_SECRET, LocalProvider

pytestmark = pytest.mark.django_db(transaction=True)

PROVIDER_ID = "university"


@pytest.fixture
def provider(settings):
    server = LocalProvider().start()
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": PROVIDER_ID,
                    "name": "มหาวิทยาลัยทดสอบ",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {"server_url": server.url},
                }
            ],
        }
    }
    yield server
    server.stop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in_through(client, provider):
    """Press the provider's button, let the provider answer, come back with the code."""
    start = client.post(reverse("openid_connect_login", args=[PROVIDER_ID]))
    assert start.status_code == 302 and start.url.startswith(provider.url + "/authorize")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(start.url)
    except urllib.error.HTTPError as answer:
        back = answer.headers["Location"]
    callback = urlsplit(back)
    return client.get(f"{callback.path}?{callback.query}")


def signed_in_user(client):
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


def test_the_login_page_offers_the_institutions_sign_in(client, provider):
    page = client.get(reverse("account_login")).content.decode()
    assert "มหาวิทยาลัยทดสอบ" in page


def test_a_person_with_an_account_is_linked_by_verified_email_and_keeps_their_roles(
    client, provider, officer
):
    provider.person = {
        "sub": "staff-001",
        "email": officer.email,
        "email_verified": True,
        "name": "Officer Example",
    }
    response = sign_in_through(client, provider)
    assert response.status_code == 302
    assert signed_in_user(client) == officer
    assert officer.role_names == {Role.FUNDING_OFFICER}
    account = SocialAccount.objects.get(user=officer)
    assert (account.provider, account.uid) == (PROVIDER_ID, "staff-001")
    assert provider.token_requests[0]["code_verifier"]  # PKCE


def test_a_new_person_becomes_a_researcher_and_nothing_more(client, provider):
    provider.person = {
        "sub": "new-42",
        "email": "new.person@uni.example",
        "email_verified": True,
        "name": "New Person",
    }
    sign_in_through(client, provider)
    user = User.objects.get(email="new.person@uni.example")
    assert signed_in_user(client) == user
    assert user.role_names == {Role.RESEARCHER}
    assert user.full_name_en == "New Person"
    assert not user.has_usable_password()
    assert AuditEntry.objects.filter(action="account.signed_up", actor=user).exists()


def test_an_unverified_email_is_not_linked_to_an_existing_account(client, provider, officer):
    provider.person = {"sub": "x-1", "email": officer.email, "email_verified": False}
    sign_in_through(client, provider)
    assert signed_in_user(client) != officer
    assert not SocialAccount.objects.filter(user=officer).exists()


def test_staff_signed_in_with_the_providers_second_factor_are_not_asked_again(
    client, provider, officer, settings
):
    settings.MFA_REQUIRED_FOR_STAFF = True
    provider.person = {"sub": "staff-001", "email": officer.email, "email_verified": True}
    provider.amr = ["pwd", "mfa"]
    sign_in_through(client, provider)
    assert signed_in_user(client) == officer
    assert client.get(reverse("proposals:call_list")).status_code == 200


def test_staff_signed_in_without_a_second_factor_must_still_set_one_up(
    client, provider, officer, settings
):
    settings.MFA_REQUIRED_FOR_STAFF = True
    provider.person = {"sub": "staff-001", "email": officer.email, "email_verified": True}
    sign_in_through(client, provider)
    response = client.get(reverse("proposals:call_list"))
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")
