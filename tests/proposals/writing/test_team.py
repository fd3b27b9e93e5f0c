"""The lead invites co-researchers by email; the invited person accepts or declines, signed in
with the invited address; the lead changes roles and effort and removes members."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext

from accounts.models import AuditEntry, hash_token
from accounts.roles import Role
from proposals.models import Proposal, TeamMember, TeamRole
from proposals.rules import can_edit_proposal
from tests.factories import UserFactory
from tests.helpers import assert_flat_queries
from tests.proposals.writing.conftest import INVITE_TOKEN

pytestmark = pytest.mark.django_db


def team_url(proposal):
    return reverse("proposals:proposal_team", args=[proposal.pk])


def link(token=INVITE_TOKEN):
    return reverse("proposals:team_invitation", args=[token])


def actions(proposal):
    return list(
        AuditEntry.objects.filter(object_id=str(proposal.pk), action__startswith="team.")
        .order_by("id")
        .values_list("action", flat=True)
    )


def invite(client, proposal, email, **values):
    data = {"email": email, "role": "co_researcher", "effort_percent": "25", **values}
    return client.post(team_url(proposal), data)


def test_the_lead_invites_by_email_and_the_link_is_stored_hashed(
    client, proposal, lead, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, proposal, "New.Person@Example.org", name="คนใหม่")
    assert response.status_code == 302
    member = TeamMember.objects.get(proposal=proposal, email="new.person@example.org")
    assert (member.role, member.effort_percent, member.name) == (
        TeamRole.CO_RESEARCHER,
        Decimal("25"),
        "คนใหม่",
    )
    assert member.is_pending and member.user is None
    (message,) = mail.outbox
    assert message.to == ["new.person@example.org"]
    token = re.search(r"/proposals/invitations/([^/\s]+)/", message.body).group(1)
    assert member.token_hash == hash_token(token)
    assert token not in member.token_hash
    assert actions(proposal) == ["team.invited"]


def test_an_email_already_on_the_team_is_refused(client, proposal, lead, member):
    client.force_login(lead)
    response = invite(client, proposal, "MEMBER@example.org")
    assert response.status_code == 422
    assert response.context["invite_form"].errors["email"]
    assert TeamMember.objects.filter(proposal=proposal).count() == 2


def test_the_lead_role_cannot_be_given_and_effort_stays_within_0_to_100(client, proposal, lead):
    client.force_login(lead)
    for values in ({"role": "lead"}, {"effort_percent": "101"}, {"effort_percent": "-1"}):
        assert invite(client, proposal, "x@example.org", **values).status_code == 422
    assert not TeamMember.objects.filter(email="x@example.org").exists()


def test_the_teams_total_effort_is_not_capped(client, proposal, lead, member):
    client.force_login(lead)
    assert invite(client, proposal, "a@example.org", effort_percent="100").status_code == 302
    assert invite(client, proposal, "b@example.org", effort_percent="100").status_code == 302


def test_the_invited_person_accepts_and_can_then_edit(client, proposal, invited):
    client.force_login(invited)
    page = client.get(link())
    assert page.status_code == 200
    response = client.post(link(), {"decision": "accept"})
    assert response.url == proposal.get_absolute_url()
    member = TeamMember.objects.get(proposal=proposal, email=invited.email)
    assert member.user == invited and member.has_accepted
    assert member.name == invited.display_name
    assert can_edit_proposal(invited, Proposal.objects.get(pk=proposal.pk))
    assert actions(proposal) == ["team.accepted"]


def test_the_invited_person_declines(client, proposal, invited):
    client.force_login(invited)
    response = client.post(link(), {"decision": "decline"})
    assert response.url == reverse("proposals:my_proposals")
    member = TeamMember.objects.get(proposal=proposal, email=invited.email)
    assert member.declined_at is not None and not member.has_accepted
    assert not can_edit_proposal(invited, Proposal.objects.get(pk=proposal.pk))
    assert actions(proposal) == ["team.declined"]


def test_a_wrong_account_is_told_which_address_was_invited(client, proposal, invited, researcher):
    client.force_login(researcher)
    response = client.get(link())
    assert response.status_code == 403
    assert "invited@example.org" in response.content.decode()
    assert client.post(link(), {"decision": "accept"}).status_code == 403
    assert TeamMember.objects.get(email=invited.email).is_pending


def test_an_anonymous_visitor_signs_in_first_and_comes_back(client, invited):
    response = client.get(link())
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={link()}"


@pytest.mark.parametrize("decision", ["accept", "decline"])
def test_a_used_link_says_so(client, proposal, invited, decision):
    client.force_login(invited)
    client.post(link(), {"decision": decision})
    response = client.get(link())
    assert response.status_code == 410
    again = client.post(link(), {"decision": "accept"})
    assert again.status_code == 410
    member = TeamMember.objects.get(email=invited.email)
    assert (member.declined_at is None) == (decision == "accept")


def test_a_link_withdrawn_by_the_lead_says_so(client, proposal, lead, invited):
    member = TeamMember.objects.get(proposal=proposal, email=invited.email)
    client.force_login(lead)
    client.post(reverse("proposals:team_member_remove", args=[proposal.pk, member.pk]))
    client.force_login(invited)
    response = client.get(link())
    assert response.status_code == 410
    withdrawn = "This invitation was withdrawn: the lead researcher removed you from the team."
    assert gettext(withdrawn) in response.content.decode()
    assert client.get(link("no-such-token")).status_code == 410


def test_an_invitation_is_answered_from_my_proposals(client, proposal, invited):
    member = TeamMember.objects.get(proposal=proposal, email=invited.email)
    client.force_login(invited)
    assert member in client.get(reverse("proposals:my_proposals")).context["invitations"]
    url = reverse("proposals:team_invitation_answer", args=[member.pk])
    assert client.post(url, {"decision": "accept"}).url == proposal.get_absolute_url()
    assert TeamMember.objects.get(pk=member.pk).has_accepted


def test_a_person_declined_earlier_may_be_invited_again(client, proposal, lead, invited):
    client.force_login(invited)
    client.post(link(), {"decision": "decline"})
    client.force_login(lead)
    assert invite(client, proposal, invited.email).status_code == 302
    member = TeamMember.objects.get(proposal=proposal, email=invited.email)
    assert member.is_pending
    assert client.get(link()).status_code == 410  # the old link no longer works


def test_the_lead_changes_a_members_role_and_effort(client, proposal, lead, member):
    row = TeamMember.objects.get(proposal=proposal, user=member)
    client.force_login(lead)
    url = reverse("proposals:team_member_change", args=[proposal.pk, row.pk])
    data = {f"member-{row.pk}-role": "advisor", f"member-{row.pk}-effort_percent": "30"}
    assert client.post(url, data).status_code == 302
    row.refresh_from_db()
    assert (row.role, row.effort_percent) == (TeamRole.ADVISOR, Decimal("30"))
    assert actions(proposal) == ["team.changed"]
    data[f"member-{row.pk}-effort_percent"] = "150"
    assert client.post(url, data).status_code == 422
    row.refresh_from_db()
    assert row.effort_percent == Decimal("30")


def test_the_leads_own_role_stays_lead_but_its_effort_changes(client, proposal, lead):
    row = TeamMember.objects.get(proposal=proposal, user=lead)
    client.force_login(lead)
    url = reverse("proposals:team_member_change", args=[proposal.pk, row.pk])
    data = {f"member-{row.pk}-role": "lead", f"member-{row.pk}-effort_percent": "60"}
    assert client.post(url, data).status_code == 302
    row.refresh_from_db()
    assert (row.role, row.effort_percent) == (TeamRole.LEAD, Decimal("60"))
    data[f"member-{row.pk}-role"] = "advisor"
    assert client.post(url, data).status_code == 422


def test_the_lead_removes_a_member_but_not_themself(client, proposal, lead, member):
    row = TeamMember.objects.get(proposal=proposal, user=member)
    client.force_login(lead)
    client.post(reverse("proposals:team_member_remove", args=[proposal.pk, row.pk]))
    assert not TeamMember.objects.filter(pk=row.pk).exists()
    assert not can_edit_proposal(member, Proposal.objects.get(pk=proposal.pk))
    own = TeamMember.objects.get(proposal=proposal, user=lead)
    client.post(reverse("proposals:team_member_remove", args=[proposal.pk, own.pk]))
    assert TeamMember.objects.filter(pk=own.pk).exists()
    assert actions(proposal) == ["team.removed"]


def test_the_team_does_not_change_once_submitted(client, proposal, lead):
    Proposal.objects.filter(pk=proposal.pk).update(state="submitted")
    client.force_login(lead)
    assert invite(client, proposal, "late@example.org").status_code == 403


def test_a_role_less_account_may_join_a_team(
    client, proposal, lead, django_capture_on_commit_callbacks
):
    advisor = UserFactory(email="advisor@example.org", roles=[])
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, proposal, advisor.email, role="advisor")
    token = re.search(r"/proposals/invitations/([^/\s]+)/", mail.outbox[0].body).group(1)
    client.force_login(advisor)
    client.post(link(token), {"decision": "accept"})
    assert client.get(proposal.get_absolute_url()).status_code == 200
    assert Role.RESEARCHER not in advisor.role_names


def test_the_team_page_runs_flat_queries(client, proposal, lead):
    def add_members(count):
        for n in range(count):
            TeamMember.objects.create(proposal=proposal, email=f"m{n}-{count}@example.org")

    url = team_url(proposal)
    assert_flat_queries(client, lead, url, add_members, many=10)
