import pytest

from api.models import TokenScope
from api.tokens import services


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def token_for(user, scope=TokenScope.WRITE):
    """A new key of `user` (None for an anonymous visitor)."""
    if user is None:
        return None
    return services.create_token(actor=user, name="test", scope=scope)[1]


def call_api(client, key, url, method="get", data=None, session_user=None):
    """`url` with `key` as its bearer token (no header without a key), or signed in as
    `session_user`."""
    client.logout()
    if session_user is not None:
        client.force_login(session_user)
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    if method == "get":
        return client.get(url, data or {}, headers=headers)
    return getattr(client, method)(
        url, data or {}, content_type="application/json", headers=headers
    )


def assert_api_access(client, personas, url, expected, method="get", data=None):
    """As tests.helpers.assert_access, with each persona's personal token."""
    missing = set(personas) - set(expected)
    assert not missing, f"no expected answer for {sorted(missing)}"
    keys = {
        name: services.create_token(actor=user, name="t", scope=TokenScope.WRITE)[1]
        if user is not None and user.role_names
        else None
        for name, user in personas.items()
    }
    # Someone without a role holds no token: they are signed in on the site instead.
    actual = {
        name: call_api(
            client,
            keys[name],
            url,
            method,
            data,
            session_user=user if user is not None and keys[name] is None else None,
        ).status_code
        for name, user in personas.items()
    }
    assert actual == {name: expected[name] for name in personas}, url
