"""The site's messages (the kinds that belong to no programme): only administrators open and
save them; the same placeholders, preview, refusals, reset and audit as a programme's."""

import pytest
from django.urls import reverse

from accounts.models import AuditEntry, MessageTemplate
from accounts.notifications import templates
from accounts.notifications.kinds import site_kinds
from accounts.roles import Role
from tests.helpers import ANONYMOUS, OUTSIDER, assert_access, assert_flat_queries

pytestmark = pytest.mark.django_db

KIND = "account.password_reset"
TEXTS = {
    "title_th": "ตั้งรหัสผ่านใหม่ของ {email}",
    "body_th": "เรียน {recipient}\n\nเปิด {link}",
    "title_en": "New password for {email}",
    "body_en": "Dear {recipient},\n\nOpen {link}",
}


def list_url():
    return reverse("proposals:site_message_list")


def edit_url(kind=KIND):
    return reverse("proposals:site_message_edit", args=[kind])


def site_text(actor, kind_key=KIND, **texts):
    return templates.save_template(
        kind_key=kind_key, programme=None, actor=actor, texts={**TEXTS, **texts}
    )


# Everyone with a role may know the page exists (403); only administrators edit; a signed-in
# person without a role is told nothing (404).
ONLY_ADMINISTRATORS = {
    Role.RESEARCHER.value: 403,
    Role.FUNDING_OFFICER.value: 403,
    Role.REVIEWER.value: 403,
    Role.PROGRAMME_MANAGER.value: 403,
    Role.ADMINISTRATOR.value: 200,
    "mentor": 403,
    "finance": 403,
    OUTSIDER: 404,
    ANONYMOUS: 302,
}
NOBODY_POSTS = {**ONLY_ADMINISTRATORS, Role.ADMINISTRATOR.value: 302}


@pytest.mark.parametrize("page", [list_url, edit_url])
def test_only_administrators_open_the_pages(client, personas, page):
    assert_access(client, personas, page(), ONLY_ADMINISTRATORS)


def test_only_administrators_save_or_reset(client, personas):
    administrators_save = {**NOBODY_POSTS}
    assert_access(client, personas, edit_url(), administrators_save, method="post", data=TEXTS)
    saved = MessageTemplate.objects.get()
    assert (saved.kind, saved.programme, saved.title_en) == (KIND, None, TEXTS["title_en"])
    assert_access(
        client, personas, edit_url(), NOBODY_POSTS, method="post", data={"action": "reset"}
    )
    assert not MessageTemplate.objects.exists()


def test_a_programmes_kind_is_not_a_site_text(client, administrator):
    client.force_login(administrator)
    assert client.get(edit_url("proposal.return")).status_code == 404
    assert client.get(edit_url("no.such.kind")).status_code == 404


def test_a_site_kind_is_not_a_programmes_text(administrator):
    with pytest.raises(templates.TemplateError):
        site_text(administrator, "proposal.return", body_th="{recipient}", body_en="{recipient}")
    assert not MessageTemplate.objects.exists()


def test_the_list_names_every_site_message_and_which_were_rewritten(client, administrator):
    site_text(administrator)
    client.force_login(administrator)
    rows = client.get(list_url()).context["rows"]
    assert [kind.key for kind, _title, _own in rows] == [
        "account.already_exists", "account.confirm_email", "account.invitation",
        "account.password_reset", "account.unknown_account", "document.failed",
        "document.ready", "risk.digest",
    ]  # fmt: skip
    assert [kind.key for kind, _title, own in rows if own] == [KIND]


def test_the_list_runs_the_same_queries_for_few_and_many_texts(client, administrator):
    keys = iter(kind.key for kind in site_kinds() if not kind.required)

    def make(count):
        for _n in range(count):
            plain = {name: "{recipient}" for name in templates.FIELDS}
            site_text(administrator, next(keys), **plain)

    queries = assert_flat_queries(client, administrator, list_url(), make, few=1, many=3)
    assert queries == 3


def test_the_editor_starts_from_the_default_with_the_placeholders_listed(client, administrator):
    client.force_login(administrator)
    response = client.get(edit_url())
    form = response.context["form"]
    assert form["title_en"].value() == "Choose a new password"
    assert "{link}" in form["body_en"].value() and "{link}" in form["body_th"].value()
    assert form["title_th"].value() != form["title_en"].value()
    assert [name for name, _meaning in response.context["placeholders"]] == [
        "email", "link", "recipient", "url",
    ]  # fmt: skip


def test_a_preview_renders_with_sample_values_and_saves_nothing(client, administrator):
    client.force_login(administrator)
    response = client.post(edit_url(), {**TEXTS, "action": "preview"})
    english = next(p for p in response.context["previews"] if p["language"] == "en")
    assert english["title"] == "New password for somsri@example.org"
    assert english["body"] == ("Dear Somsri Jaidee,\n\nOpen https://grants.example.org/accounts/…")
    assert not MessageTemplate.objects.exists()


def test_a_text_without_the_link_is_refused_naming_it(client, administrator):
    client.force_login(administrator)
    response = client.post(edit_url(), {**TEXTS, "body_en": "Dear {recipient},", "action": "save"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["body_en"]
    assert "{link}" in errors["body_en"][0]
    assert not MessageTemplate.objects.exists()
    assert not AuditEntry.objects.filter(action=templates.CHANGED).exists()


def test_the_link_refusal_is_in_the_administrators_language(client, administrator):
    administrator.preferred_language = "th"
    administrator.save(update_fields=["preferred_language"])
    client.force_login(administrator)
    response = client.post(
        edit_url(),
        {**TEXTS, "body_th": "เรียน {recipient}", "action": "save"},
        HTTP_ACCEPT_LANGUAGE="th",
    )
    error = response.context["form"].errors["body_th"][0]
    assert "{link}" in error and "ต้อง" in error


def test_an_unknown_placeholder_is_refused_by_name(client, administrator):
    client.force_login(administrator)
    data = {**TEXTS, "title_en": "Reset {password}", "action": "save"}
    errors = client.post(edit_url(), data).context["form"].errors
    assert list(errors) == ["title_en"] and "{password}" in errors["title_en"][0]
    assert not MessageTemplate.objects.exists()


def test_saving_and_resetting_are_audited(client, administrator):
    client.force_login(administrator)
    assert client.post(edit_url(), {**TEXTS, "action": "save"}).status_code == 302
    entry = AuditEntry.objects.get(action=templates.CHANGED)
    assert (entry.actor, entry.data["kind"]) == (administrator, KIND)
    assert client.post(edit_url(), {"action": "reset"}).status_code == 302
    assert AuditEntry.objects.get(action=templates.RESET).data["kind"] == KIND
    assert not MessageTemplate.objects.exists()
    form = client.get(edit_url()).context["form"]
    assert form["title_en"].value() == "Choose a new password"


def test_the_administrators_dashboard_links_the_page(client, administrator):
    client.force_login(administrator)
    response = client.get(reverse("dashboard_for_role", args=[Role.ADMINISTRATOR.value]))
    assert list_url() in response.content.decode()
