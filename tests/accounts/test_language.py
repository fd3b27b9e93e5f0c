import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_login_page_is_thai_for_a_thai_browser(client):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="th")
    body = response.content.decode()
    assert '<html lang="th">' in body
    assert "ลงชื่อเข้าใช้" in body


def test_thai_is_the_fallback_for_other_browsers(client):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="de")
    assert '<html lang="th">' in response.content.decode()


def test_the_switch_turns_the_pages_english_for_the_session(client):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("account_login")})
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="th")
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "Sign In" in body


def test_the_switch_is_kept_on_the_user(client, researcher):
    client.force_login(researcher)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    researcher.refresh_from_db()
    assert researcher.preferred_language == "en"


def test_the_users_language_follows_them_to_a_new_session(client, researcher):
    researcher.preferred_language = "en"
    researcher.save()
    response = client.post(
        reverse("account_login"),
        {"login": researcher.email, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="th",
        follow=True,
    )
    assert '<html lang="en">' in response.content.decode()
    assert "Researcher dashboard" in response.content.decode()


def test_an_unknown_language_is_refused_with_a_message(client):
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/"}, follow=True)
    assert "ไม่มีภาษาที่เลือก" in response.content.decode()


def test_the_switch_never_redirects_to_another_site(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example.com/"}
    )
    assert response.url == "/"
