"""Each page and action of the writing area for each role, an outsider, an anonymous visitor,
the proposal's lead, an accepted team member and a person invited who has not answered."""

import pytest
from django.urls import reverse

from proposals.models import TeamMember
from tests.factories import CallFactory
from tests.helpers import assert_access
from tests.proposals.writing.conftest import INVITE_TOKEN

pytestmark = pytest.mark.django_db

LOGIN = 302  # anonymous visitors are sent to the sign-in page
PEOPLE = [
    "researcher",
    "funding_officer",
    "reviewer",
    "programme_manager",
    "administrator",
    "mentor",
    "finance",
    "outsider",
    "member",
    "invited",
    "lead",
]


def table(default=404, **answers):
    expected = {name: default for name in PEOPLE}
    expected["anonymous"] = LOGIN
    expected.update(answers)
    return expected


READERS = table(funding_officer=200, member=200, lead=200)
WRITERS = table(funding_officer=403, member=200, lead=200)
# A plain form post (no htmx) that saves answers with a redirect back to the page.
SAVERS = table(funding_officer=403, member=302, lead=302)


def general_data(proposal, **values):
    data = {
        "general-version": proposal.version,
        "general-title_th": "ชื่อโครงการ",
        "general-title_en": "",
        "general-kind": "new",
        "general-duration_months": "",
        "general-start_month": "",
        "general-keywords": "",
        "general-summary_th": "",
        "general-summary_en": "",
    }
    data.update({f"general-{key}": value for key, value in values.items()})
    return data


def test_the_workspace_shows_to_the_team_and_officers(client, people, proposal):
    assert_access(client, people, reverse("proposals:proposal_detail", args=[proposal.pk]), READERS)


def test_the_workspace_shows_to_the_managers_of_the_calls_programme(client, manager, proposal):
    proposal.call.programme.managers.add(manager)
    client.force_login(manager)
    assert client.get(proposal.get_absolute_url()).status_code == 200
    url = reverse("proposals:edit_general", args=[proposal.pk])
    assert client.get(url).status_code == 403


def test_my_proposals_opens_for_everyone_signed_in(client, people):
    assert_access(client, people, reverse("proposals:my_proposals"), table(default=200))


def test_the_general_part_page_is_for_the_writers(client, people, proposal):
    assert_access(client, people, reverse("proposals:edit_general", args=[proposal.pk]), WRITERS)


def test_saving_the_general_part_is_for_the_writers(client, people, proposal):
    url = reverse("proposals:edit_general", args=[proposal.pk])
    assert_access(client, people, url, SAVERS, method="post", data=general_data(proposal))


def test_the_sections_page_is_for_the_writers(client, people, proposal):
    assert_access(client, people, reverse("proposals:edit_sections", args=[proposal.pk]), WRITERS)


def test_saving_a_section_is_for_the_writers(client, people, proposal):
    url = reverse("proposals:save_section", args=[proposal.pk, "method"])
    data = {"section-method-version": 1, "section-method-text": "วิธีการ"}
    assert_access(client, people, url, SAVERS, method="post", data=data)


def test_the_team_page_shows_to_readers(client, people, proposal):
    assert_access(client, people, reverse("proposals:proposal_team", args=[proposal.pk]), READERS)


def test_only_the_lead_invites(client, people, proposal):
    url = reverse("proposals:proposal_team", args=[proposal.pk])
    data = {"email": "new@example.org", "role": "co_researcher", "effort_percent": "10"}
    expected = table(funding_officer=403, member=403, lead=302)
    assert_access(client, people, url, expected, method="post", data=data)


def test_only_the_lead_changes_a_member(client, people, proposal, member):
    row = TeamMember.objects.get(proposal=proposal, user=member)
    url = reverse("proposals:team_member_change", args=[proposal.pk, row.pk])
    data = {f"member-{row.pk}-role": "advisor", f"member-{row.pk}-effort_percent": "20"}
    expected = table(funding_officer=403, member=403, lead=302)
    assert_access(client, people, url, expected, method="post", data=data)


def test_only_the_lead_removes_a_member(client, people, proposal, member):
    row = TeamMember.objects.get(proposal=proposal, user=member)
    url = reverse("proposals:team_member_remove", args=[proposal.pk, row.pk])
    expected = table(funding_officer=403, member=403, lead=302)
    assert_access(client, people, url, expected, method="post")


def test_researchers_start_proposals(client, people):
    call = CallFactory(parts=True)
    url = reverse("proposals:proposal_start", args=[call.code])
    expected = table(default=403, researcher=302, member=302, invited=302, lead=302)
    assert_access(client, people, url, expected, method="post")


def test_an_unpublished_call_takes_no_proposal(client, researcher):
    call = CallFactory(parts=True, is_published=False)
    client.force_login(researcher)
    response = client.post(reverse("proposals:proposal_start", args=[call.code]))
    assert response.status_code == 404


def test_the_invitation_link_opens_only_for_the_invited_account(client, people):
    url = reverse("proposals:team_invitation", args=[INVITE_TOKEN])
    assert_access(client, people, url, table(default=403, invited=200))


def test_the_invitation_is_answered_only_by_the_invited_account(client, people):
    url = reverse("proposals:team_invitation", args=[INVITE_TOKEN])
    invited_last = {name: user for name, user in people.items() if name != "invited"}
    invited_last["invited"] = people["invited"]
    expected = table(default=403, invited=302)
    assert_access(client, invited_last, url, expected, method="post", data={"decision": "accept"})


def test_an_invitation_is_answered_from_the_list_only_by_its_addressee(client, people, proposal):
    row = TeamMember.objects.get(proposal=proposal, email="invited@example.org")
    url = reverse("proposals:team_invitation_answer", args=[row.pk])
    invited_last = {name: user for name, user in people.items() if name != "invited"}
    invited_last["invited"] = people["invited"]
    expected = table(invited=302)
    assert_access(client, invited_last, url, expected, method="post", data={"decision": "decline"})
