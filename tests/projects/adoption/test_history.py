"""A municipality's programme history: on the demo, each kind of event where it happened,
the same number of queries for a quiet city and a busy one, staff only, both languages."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from accounts.models import Municipality
from accounts.privacy.models import ConsentContext, PrivacyNotice
from accounts.privacy.services import record_consent
from accounts.roles import Role
from core.thai import format_date
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


# The field that names the subject of each kind of event, in `<field>_th` and `<field>_en`.
NAMED_BY = {
    "workshop": "title",
    "proposal": "title",
    "project": "title",
    "technology": "name",
    "result": "name",
}


def _history(client, municipality, language):
    url = reverse("projects:municipality_history", args=[municipality.pk])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return html[html.index("<h1") : html.index("</ol>", html.index('class="list-unstyled'))]


def test_each_event_reads_in_the_readers_language(client, demo, agreed, officer):
    """The titles and names from the objects' Thai or English fields, the kinds of event,
    the stages and states through the catalogue, the dates in the reader's era: nothing of
    the other language is left (every event of the demo's two cities)."""
    client.force_login(officer)
    for name in ("Lamphun", "Chiang Rai"):
        municipality = Municipality.objects.get(name_en=name)
        events = timeline(municipality)
        pages = {language: _history(client, municipality, language) for language in ("th", "en")}
        for language, other in (("th", "en"), ("en", "th")):
            html = pages[language]
            with translation.override(language):
                assert f"{municipality.name}:" in html
                for event in events:
                    assert format_date(event.day) in html
                    assert escape(str(event.label)) in html
                    field = NAMED_BY[event.kind]
                    title = getattr(event.subject, f"{field}_{language}")
                    elsewhere = getattr(event.subject, f"{field}_{other}")
                    if event.kind == "technology":
                        assert escape(event.detail.get_stage_display()) in html
                    if event.kind == "proposal":
                        assert escape(event.subject.get_state_display()) in html
                    if event.kind == "result":
                        assert escape(event.subject.unit) in html
                    assert escape(title) in html
                    assert escape(elsewhere) not in html
    # By hand: the Lamphun workshop of 19 April 2567 reads so in Thai, 19 April 2024 in English.
    lamphun = Municipality.objects.get(name_en="Lamphun")
    assert "19 เมษายน 2567" in _history(client, lamphun, "th")
    assert "19 April 2024" in _history(client, lamphun, "en")
