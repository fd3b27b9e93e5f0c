"""Helpers of the dashboard page tests: who may see them, and reading a page."""

from indicators.models import Indicator

STAFF_ONLY = {
    "researcher": 404,
    "funding_officer": 200,
    "reviewer": 404,
    "programme_manager": 200,
    "administrator": 200,
    "mentor": 404,
    "finance": 404,
    "outsider": 404,
    "anonymous": 302,
}


def kr(code):
    """The indicator `code` of the seeded framework."""
    return Indicator.objects.get(programme__code="SLC", code=code)


def english(user):
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


def page(client, user, url):
    """The HTML `user` gets at `url`, which must answer 200."""
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()
