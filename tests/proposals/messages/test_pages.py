"""The messages pages of a programme: who may open and save them, the list's queries, the
editor's placeholders, preview, refusals and reset."""

import pytest
from django.urls import reverse

from accounts.models import AuditEntry, MessageTemplate
from accounts.notifications import templates
from accounts.notifications.kinds import all_kinds
from accounts.roles import Role
from tests.factories import CallFactory, UserFactory
from tests.helpers import ANONYMOUS, OUTSIDER, assert_access, assert_flat_queries
from tests.proposals.messages.builders import THAI_TEXTS, own_text

pytestmark = pytest.mark.django_db

KIND = "proposal.return"


@pytest.fixture
def call(db):
    return CallFactory(parts=True)


@pytest.fixture
def programme(call):
    return call.programme


@pytest.fixture
def its_manager(programme):
    person = UserFactory(roles=[Role.PROGRAMME_MANAGER], preferred_language="th")
    programme.managers.add(person)
    return person


def list_url(programme):
    return reverse("proposals:message_list", args=[programme.code])


def edit_url(programme, kind=KIND):
    return reverse("proposals:message_edit", args=[programme.code, kind])


# Everyone with a role sees programmes (403); a manager of another programme too; the
# programme's own manager edits; a signed-in person without a role is told nothing (404).
SEEN_NOT_EDITED = {
    Role.RESEARCHER.value: 403,
    Role.FUNDING_OFFICER.value: 403,
    Role.REVIEWER.value: 403,
    Role.PROGRAMME_MANAGER.value: 403,
    Role.ADMINISTRATOR.value: 403,
    "mentor": 403,
    "finance": 403,
    OUTSIDER: 404,
    ANONYMOUS: 302,
}


@pytest.mark.parametrize("page", [list_url, edit_url])
def test_who_may_open_the_pages(client, personas, programme, its_manager, page):
    assert_access(client, personas, page(programme), SEEN_NOT_EDITED)
    client.force_login(its_manager)
    assert client.get(page(programme)).status_code == 200


def test_who_may_save_or_reset(client, personas, programme, its_manager):
    assert_access(
        client, personas, edit_url(programme), SEEN_NOT_EDITED, method="post", data=THAI_TEXTS
    )
    assert_access(
        client, personas, edit_url(programme), SEEN_NOT_EDITED, method="post",
        data={"action": "reset"},
    )  # fmt: skip
    assert not MessageTemplate.objects.exists()
    client.force_login(its_manager)
    response = client.post(edit_url(programme), {**THAI_TEXTS, "action": "save"})
    assert response.status_code == 302
    assert MessageTemplate.objects.get().title_en == THAI_TEXTS["title_en"]


def test_an_unknown_or_unsendable_kind_is_not_found(client, programme, its_manager):
    client.force_login(its_manager)
    assert client.get(edit_url(programme, "no.such.kind")).status_code == 404
    assert client.get(edit_url(programme, "account.invitation")).status_code == 404
    other_call = CallFactory(parts=True, code="ELSEWHERE")
    other_call.programme = programme
    response = client.get(edit_url(programme, "proposal.invite") + "?call=NOPE")
    assert response.status_code == 404
    response = client.get(edit_url(programme) + f"?call={other_call.code}")
    assert response.status_code == 404  # this message has no per-call text


def test_the_list_names_every_message_and_which_the_programme_rewrote(
    client, programme, call, its_manager
):
    own_text(programme, its_manager)
    own_text(programme, its_manager, "proposal.invite", call=call)
    client.force_login(its_manager)
    rows = client.get(list_url(programme)).context["rows"]
    assert [kind.key for kind, *_rest in rows] == [kind.key for kind in all_kinds()]
    by_key = {kind.key: (own, calls) for kind, _title, own, calls in rows}
    assert by_key[KIND][0] is not None
    assert by_key["proposal.invite"] == (None, [call])
    assert by_key["proposal.submit"] == (None, [])


def test_the_list_runs_the_same_queries_for_few_and_many_texts(client, programme, its_manager):
    keys = [kind.key for kind in all_kinds() if kind.editable and not kind.per_call]
    made = []

    def make(count):
        for _n in range(count):
            if len(made) < len(keys):
                plain = {name: "{recipient}" for name in templates.FIELDS}
                own_text(programme, its_manager, keys[len(made)], **plain)
                made.append(keys[len(made)])
            else:
                call = CallFactory(parts=True, programme=programme)
                own_text(programme, its_manager, "proposal.invite", call=call)

    queries = assert_flat_queries(client, its_manager, list_url(programme), make, many=30)
    assert queries == 5


def test_the_editor_starts_from_the_default_with_the_placeholders_listed(
    client, programme, its_manager
):
    client.force_login(its_manager)
    response = client.get(edit_url(programme))
    form = response.context["form"]
    assert form["title_en"].value() == "Proposal {proposal} was returned to the team"
    assert form["title_th"].value() != form["title_en"].value()
    assert [name for name, _meaning in response.context["placeholders"]] == [
        "proposal", "title", "state", "actor", "comment", "recipient", "url",
    ]  # fmt: skip
    assert response.context["saved"] is None
    html = response.content.decode()
    assert "{comment}" in html
    assert "Reset" not in html and "คืนค่า" not in html


def test_a_preview_renders_the_posted_text_with_sample_values_and_saves_nothing(
    client, programme, its_manager
):
    client.force_login(its_manager)
    data = {**THAI_TEXTS, "title_en": "Returned: {proposal} by {actor}", "action": "preview"}
    response = client.post(edit_url(programme), data)
    assert response.status_code == 200
    english = next(p for p in response.context["previews"] if p["language"] == "en")
    assert english["title"] == "Returned: SLC-2568-0001 by Somchai Rakdee"
    assert english["body"].startswith("Dear Somsri Jaidee,\n\nNote: Thank you.")
    assert not MessageTemplate.objects.exists()


def test_an_unknown_placeholder_is_refused_in_its_field_and_nothing_is_saved(
    client, programme, its_manager
):
    client.force_login(its_manager)
    data = {**THAI_TEXTS, "body_th": "เรียน {recipient} {password}", "action": "save"}
    response = client.post(edit_url(programme), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["body_th"]
    assert "{password}" in errors["body_th"][0]
    assert "ไม่รู้จัก" in errors["body_th"][0]  # in the manager's language
    assert not MessageTemplate.objects.exists()
    assert not AuditEntry.objects.filter(action=templates.CHANGED).exists()


def test_a_title_is_required(client, programme, its_manager):
    client.force_login(its_manager)
    response = client.post(edit_url(programme), {**THAI_TEXTS, "title_th": " ", "action": "save"})
    assert list(response.context["form"].errors) == ["title_th"]
    assert not MessageTemplate.objects.exists()


def test_reset_goes_back_to_the_default(client, programme, its_manager):
    own_text(programme, its_manager)
    client.force_login(its_manager)
    assert "title_en" in client.get(edit_url(programme)).content.decode()
    response = client.post(edit_url(programme), {"action": "reset"})
    assert response.status_code == 302
    assert not MessageTemplate.objects.exists()
    assert AuditEntry.objects.filter(action=templates.RESET).count() == 1
    form = client.get(edit_url(programme)).context["form"]
    assert form["title_en"].value() == "Proposal {proposal} was returned to the team"


def test_a_calls_own_text_is_edited_apart_from_the_programmes(client, programme, call, its_manager):
    client.force_login(its_manager)
    url = edit_url(programme, "proposal.invite") + f"?call={call.code}"
    assert client.get(url).context["call"] == call
    client.post(url, {**THAI_TEXTS, "title_en": "Invited: {proposal}", "action": "save"})
    saved = MessageTemplate.objects.get()
    assert (saved.call, saved.title_en) == (call, "Invited: {proposal}")
