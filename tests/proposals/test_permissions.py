"""Each page and action of calls, for each role, an outsider and an anonymous visitor."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import CallFactory
from tests.helpers import assert_access

pytestmark = pytest.mark.django_db

LOGIN = 302  # anonymous visitors are sent to the sign-in page
ROLES = [role.value for role in Role]


def officers_only(yes=200, no=403):
    table = {name: no for name in [*ROLES, "outsider"]}
    table["funding_officer"] = yes
    table["anonymous"] = LOGIN
    return table


def everyone(status=200):
    return {name: status for name in [*ROLES, "outsider", "anonymous"]}


def test_home_is_public(client, personas):
    CallFactory()
    assert_access(client, personas, reverse("home"), everyone())


def test_call_list_is_public(client, personas):
    CallFactory()
    CallFactory(is_published=False)
    assert_access(client, personas, reverse("proposals:call_list"), everyone())


def test_a_published_call_is_public(client, personas):
    call = CallFactory(parts=True)
    assert_access(client, personas, call.get_absolute_url(), everyone())


def test_an_unpublished_call_is_found_only_by_officers(client, personas):
    call = CallFactory(is_published=False)
    expected = {**everyone(404), "funding_officer": 200}
    assert_access(client, personas, call.get_absolute_url(), expected)


def test_an_unknown_call_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("proposals:call_detail", args=["NOPE-1"])).status_code == 404


def test_manage_calls_page(client, personas):
    CallFactory()
    assert_access(client, personas, reverse("proposals:manage_calls"), officers_only())


def test_create_page(client, personas):
    assert_access(client, personas, reverse("proposals:call_create"), officers_only())


def test_create_action(client, personas):
    call = CallFactory.build()
    for name, user in personas.items():
        data = {
            "programme": call.programme.pk,
            "fiscal_year": call.fiscal_year.pk,
            "code": f"NEW-{name}",
            "title_th": "ประกาศใหม่",
            "title_en": "New call",
            "opens_at": "2026-12-01T09:00",
            "closes_at": "2027-01-31T16:30",
            "total_budget": "1000000",
            "ceiling_per_proposal": "100000",
            "min_duration_months": "6",
            "max_duration_months": "12",
            "reviewers_per_proposal": "3",
            "disagreement_threshold": "15",
        }
        client.logout()
        if user:
            client.force_login(user)
        expected = officers_only(yes=302)[name]
        assert client.post(reverse("proposals:call_create"), data).status_code == expected, name


def test_edit_page(client, personas):
    call = CallFactory(parts=True)
    url = reverse("proposals:call_edit", args=[call.code])
    assert_access(client, personas, url, officers_only())
    assert_access(client, personas, url, officers_only(yes=200), method="post", data={})


def test_publish_action(client, personas):
    call = CallFactory(parts=True, is_published=False)
    url = reverse("proposals:call_publish", args=[call.code])
    # The first officer's post publishes it; later ones are told it already is: both redirect.
    assert_access(client, personas, url, officers_only(yes=302), method="post")
    call.refresh_from_db()
    assert call.is_published


def test_unpublish_action(client, personas):
    call = CallFactory(parts=True)
    url = reverse("proposals:call_unpublish", args=[call.code])
    assert_access(client, personas, url, officers_only(yes=302), method="post")
    call.refresh_from_db()
    assert not call.is_published


@pytest.mark.parametrize("action", ["call_publish", "call_unpublish"])
def test_publishing_needs_a_post(client, officer, action):
    call = CallFactory(parts=True)
    client.force_login(officer)
    assert client.get(reverse(f"proposals:{action}", args=[call.code])).status_code == 405


def test_documents_follow_their_call(client, personas, settings, tmp_path):
    from django.core.files.base import ContentFile

    from proposals.models import CallDocument

    settings.MEDIA_ROOT = tmp_path
    published = CallFactory()
    draft = CallFactory(is_published=False)
    for call in (published, draft):
        CallDocument.objects.create(
            call=call, title_th="ประกาศ", title_en="Call text", file=ContentFile(b"x", "call.txt")
        )
    public = reverse("proposals:call_document", args=[published.code, published.documents.get().pk])
    hidden = reverse("proposals:call_document", args=[draft.code, draft.documents.get().pk])
    assert_access(client, personas, public, everyone())
    assert_access(client, personas, hidden, {**everyone(404), "funding_officer": 200})


def test_the_call_page_leads_officers_to_the_calls_rules_after_the_award(client, personas):
    """The contract rule and the documents of payment requests are set per call by funding
    officers: the call page links to both for them, and for nobody else."""
    call = CallFactory()
    url = reverse("proposals:call_detail", args=[call.code])
    rule = reverse("projects:contract_rule", args=[call.code])
    documents = reverse("projects:payment_documents_asked", args=[call.code])
    for name, user in personas.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        page = client.get(url).content.decode()
        shown = rule in page and documents in page
        assert shown == (name == Role.FUNDING_OFFICER.value), name
        if shown:
            assert client.get(rule).status_code == 200
            assert client.get(documents).status_code == 200
