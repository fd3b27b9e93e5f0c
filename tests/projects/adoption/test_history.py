"""A municipality's programme history: on the demo, each kind of event where it happened,
the same number of queries for a quiet city and a busy one, staff only, both languages."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Municipality
from accounts.privacy.models import ConsentContext, PrivacyNotice
from accounts.privacy.services import record_consent
from accounts.roles import Role
from projects.history.selectors import timeline
from tests.helpers import assert_access, count_queries, demo_day

pytestmark = pytest.mark.django_db

ROLES = [role.value for role in Role]


@pytest.fixture
def demo(settings, tmp_path, monkeypatch):
    demo_day(monkeypatch, "4 Dec 2569")
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", verbosity=0)


@pytest.fixture
def agreed(demo, personas):
    """The demo publishes a privacy notice: the people of the test have agreed to it (else
    every page would first send them to read it)."""
    notice = PrivacyNotice.objects.latest("version")
    for person in personas.values():
        if person is not None:
            record_consent(user=person, notice=notice, context=ConsentContext.NEW_VERSION)


def kinds(name_en):
    return {event.kind for event in timeline(Municipality.objects.get(name_en=name_en))}


def test_the_history_holds_each_kind_of_event(demo):
    assert {"workshop", "technology", "proposal"} <= kinds("Lamphun")
    assert {"project", "technology", "result"} <= kinds("Chiang Rai")


def test_the_page_is_for_staff_and_flat(client, demo, personas, agreed, officer):
    lamphun = Municipality.objects.get(name_en="Lamphun")
    chiang_rai = Municipality.objects.get(name_en="Chiang Rai")
    expected = {
        **dict.fromkeys([*ROLES, "outsider", "anonymous"], 404),
        "funding_officer": 200,
        "programme_manager": 200,
        "administrator": 200,
    }
    url = reverse("projects:municipality_history", args=[lamphun.pk])
    assert_access(client, personas, url, expected)
    client.force_login(officer)
    quiet = count_queries(lambda: client.get(url))
    busy = count_queries(
        lambda: client.get(reverse("projects:municipality_history", args=[chiang_rai.pk]))
    )
    assert quiet == busy


@pytest.mark.parametrize(("language", "words"), [("th", "ประวัติ"), ("en", "Programme history")])
def test_the_history_reads_in_both_languages(client, demo, agreed, officer, language, words):
    client.force_login(officer)
    lamphun = Municipality.objects.get(name_en="Lamphun")
    url = reverse("projects:municipality_history", args=[lamphun.pk])
    assert words in client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
