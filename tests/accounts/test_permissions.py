"""Each page and action of accounts, for each role, an outsider and an anonymous visitor."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.services import invite_user
from tests.helpers import assert_access

pytestmark = pytest.mark.django_db

LOGIN = 302  # anonymous visitors are sent to the sign-in page

ROLES = [role.value for role in Role]


def only(role, yes=200, no=403):
    table = {name: no for name in [*ROLES, "outsider"]}
    table[role] = yes
    table["anonymous"] = LOGIN
    return table


def test_home_is_public(client, personas):
    assert_access(client, personas, reverse("home"), {name: 200 for name in personas})


def test_dashboard_sends_each_role_to_its_own(client, personas):
    expected = {name: 302 for name in personas}
    expected["outsider"] = 200  # a page that says an administrator must give a role
    assert_access(client, personas, reverse("dashboard"), expected)


@pytest.mark.parametrize("role", ROLES)
def test_a_role_dashboard_opens_only_for_that_role(client, personas, role):
    assert_access(client, personas, reverse("dashboard_for_role", args=[role]), only(role))


def test_an_unknown_dashboard_is_not_found(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("dashboard_for_role", args=["treasurer"])).status_code == 404


def test_invite_page(client, personas):
    expected = {**only("administrator"), "funding_officer": 200}
    assert_access(client, personas, reverse("accounts:invite"), expected)


def test_invite_action(client, personas):
    url = reverse("accounts:invite")
    expected = {**only("administrator", yes=302), "funding_officer": 302}
    data = {"email": "new.reviewer@example.org", "roles": ["reviewer"]}
    # Each allowed persona invites a different address, so that none is refused as a repeat.
    for name, user in personas.items():
        data_for = {**data, "email": f"{name}.new@example.org"}
        client.logout()
        if user:
            client.force_login(user)
        assert client.post(url, data_for).status_code == expected[name], name


def test_revoke_action(client, personas, administrator):
    invitation, _token = invite_user(actor=administrator, email="x@example.org", roles=["reviewer"])
    url = reverse("accounts:revoke_invitation", args=[invitation.pk])
    # Officers see only invitations they sent: someone else's answers 404, not 403.
    expected = {**only("administrator", yes=302, no=404), "anonymous": LOGIN}
    assert_access(client, personas, url, expected, method="post")


def test_users_page(client, personas):
    expected = {**only("administrator"), "funding_officer": 200}
    assert_access(client, personas, reverse("accounts:users"), expected)


def test_user_roles_page_and_action(client, personas, researcher):
    url = reverse("accounts:user_roles", args=[researcher.pk])
    assert_access(client, personas, url, only("administrator"))
    assert_access(
        client, personas, url, only("administrator", yes=302), method="post",
        data={"roles": ["researcher"]},
    )  # fmt: skip


def test_profile_page(client, personas):
    expected = {name: 200 for name in personas}
    expected["anonymous"] = LOGIN
    assert_access(client, personas, reverse("accounts:profile"), expected)


def test_history_page(client, personas, researcher):
    url = reverse("history", args=["accounts.user", researcher.pk])
    expected = {
        **only("administrator"),
        "funding_officer": 200,
        "programme_manager": 200,
    }
    assert_access(client, personas, url, expected)


def test_history_of_an_unknown_model_or_object_is_not_found(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("history", args=["nothing.here", 1])).status_code == 404
    assert client.get(reverse("history", args=["accounts.user", 99999])).status_code == 404


def test_language_switch_is_open_to_everyone(client, personas):
    data = {"language": "en", "next": "/"}
    assert_access(
        client, personas, reverse("set_language"), {name: 302 for name in personas},
        method="post", data=data,
    )  # fmt: skip


def test_django_admin_is_for_staff_roles_only(client, personas):
    expected = {name: 302 for name in personas}  # non-staff are sent to the admin login
    for name in ("funding_officer", "programme_manager", "administrator"):
        expected[name] = 200
    assert_access(client, personas, reverse("admin:index"), expected)
