import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True


def test_staff_without_totp_are_sent_to_set_it_up(client, officer, mfa_required):
    client.force_login(officer)
    response = client.get(reverse("dashboard_for_role", args=["funding_officer"]))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_signing_in_leads_to_the_setup_page_which_opens(client, officer, mfa_required):
    response = client.post(
        reverse("account_login"), {"login": officer.email, "password": PASSWORD}, follow=True
    )
    # allauth asks for the password once more before an authenticator is added.
    assert response.redirect_chain[1][0] == reverse("mfa_activate_totp")
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    confirmed = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert confirmed.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert confirmed.status_code == 200
    assert "totp" in confirmed.content.decode().lower() or confirmed.context["form"]


def test_staff_with_totp_go_through(client, officer, mfa_required):
    Authenticator.objects.create(user=officer, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(officer)
    response = client.get(reverse("dashboard_for_role", args=["funding_officer"]))
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["researcher", "reviewer"])
def test_non_staff_roles_are_not_forced(client, request, who, mfa_required):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(reverse("dashboard")).status_code == 302
    assert client.get(reverse("dashboard_for_role", args=[who])).status_code == 200


def test_the_requirement_is_off_when_the_setting_is(client, administrator, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(administrator)
    assert client.get(reverse("dashboard_for_role", args=["administrator"])).status_code == 200
