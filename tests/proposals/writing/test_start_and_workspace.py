"""Starting a proposal from a call's page, the workspace and the "my proposals" list."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry
from proposals.models import BudgetCategory, BudgetLine, Proposal, TeamMember, TeamRole
from tests.factories import CallFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_a_researcher_starts_a_draft_with_the_lead_and_empty_sections(client, researcher):
    call = CallFactory(parts=True)
    client.force_login(researcher)
    response = client.post(reverse("proposals:proposal_start", args=[call.code]))
    proposal = Proposal.objects.get(call=call)
    assert response.url == proposal.get_absolute_url()
    assert (proposal.lead, proposal.state, proposal.reference) == (researcher, "draft", "")
    lead = TeamMember.objects.get(proposal=proposal)
    assert (lead.user, lead.role, lead.email, lead.name) == (
        researcher,
        TeamRole.LEAD,
        researcher.email,
        researcher.display_name,
    )
    assert lead.has_accepted
    assert sorted(proposal.sections.values_list("key", flat=True)) == sorted(
        ["problem", "objectives", "method", "area", "risks", "benefits"]
    )
    assert AuditEntry.objects.filter(action="proposal.created", object_id=str(proposal.pk)).exists()


def test_a_closed_call_refuses_to_start_with_a_message(client, researcher):
    now = timezone.now()
    call = CallFactory(
        parts=True,
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(days=1),
    )
    client.force_login(researcher)
    response = client.post(reverse("proposals:proposal_start", args=[call.code]), follow=True)
    assert not Proposal.objects.filter(call=call).exists()
    assert response.redirect_chain[-1][0] == call.get_absolute_url()
    messages = [str(message) for message in response.context["messages"]]
    assert len(messages) == 1


def test_the_call_page_offers_to_start_only_when_open(client, researcher, officer):
    call = CallFactory(parts=True)
    start = reverse("proposals:proposal_start", args=[call.code])
    client.force_login(researcher)
    assert start in client.get(call.get_absolute_url()).content.decode()
    client.force_login(officer)
    assert start not in client.get(call.get_absolute_url()).content.decode()
    client.logout()
    body = client.get(call.get_absolute_url()).content.decode()
    assert start not in body
    assert reverse("account_login") + "?next=" in body
    now = timezone.now()
    closed = CallFactory(opens_at=now - datetime.timedelta(days=9), closes_at=now)
    client.force_login(researcher)
    body = client.get(closed.get_absolute_url()).content.decode()
    assert reverse("proposals:proposal_start", args=[closed.code]) not in body


def test_the_workspace_shows_every_part_in_order(client, proposal, lead):
    category = BudgetCategory.objects.get(call=proposal.call, code="materials")
    year = proposal.call.fiscal_year
    BudgetLine.objects.create(
        proposal=proposal,
        category=category,
        fiscal_year=year,
        description="กระดาษ",
        quantity=Decimal("3"),
        unit_cost=Decimal("1500.50"),
    )
    proposal.sections.filter(key="method").update(text="สำรวจภาคสนาม")
    client.force_login(lead)
    body = client.get(proposal.get_absolute_url()).content.decode()
    anchors = [
        'id="general"',
        'id="team"',
        'id="municipalities"',
        'id="technologies"',
        'id="narrative"',
        'id="work-plan"',
        'id="budget"',
        'id="indicators"',
        'id="outputs"',
        'id="attachments"',
    ]
    positions = [body.index(anchor) for anchor in anchors]
    assert positions == sorted(positions)
    assert "สำรวจภาคสนาม" in body
    assert "4,501.50" in body  # 3 × 1,500.50, in its category and in the totals
    for name in ("edit_general", "edit_sections", "edit_budget", "edit_attachments"):
        assert reverse(f"proposals:{name}", args=[proposal.pk]) in body
    assert reverse("proposals:proposal_team", args=[proposal.pk]) in body


def test_the_workspace_shows_no_edit_links_to_readers(client, proposal, officer):
    client.force_login(officer)
    body = client.get(proposal.get_absolute_url()).content.decode()
    assert reverse("proposals:edit_general", args=[proposal.pk]) not in body
    assert reverse("proposals:edit_budget", args=[proposal.pk]) not in body


def test_the_workspace_of_a_submitted_proposal_has_no_edit_links(client, proposal, lead):
    Proposal.objects.filter(pk=proposal.pk).update(state="submitted", reference="CALL-2568-0001")
    client.force_login(lead)
    body = client.get(proposal.get_absolute_url()).content.decode()
    assert "CALL-2568-0001" in body
    assert reverse("proposals:edit_general", args=[proposal.pk]) not in body


def test_my_proposals_lists_led_and_joined_proposals_and_invitations(client, researcher):
    led = ProposalFactory(lead=researcher, title_th="ที่นำ")
    joined = ProposalFactory(title_th="ที่ร่วม")
    TeamMember.objects.create(
        proposal=joined, user=researcher, email=researcher.email, accepted_at=timezone.now()
    )
    invited = ProposalFactory(title_th="ที่ได้รับเชิญ")
    TeamMember.objects.create(proposal=invited, email=researcher.email.upper())
    declined = ProposalFactory(title_th="ที่ปฏิเสธ")
    TeamMember.objects.create(
        proposal=declined, user=researcher, email=researcher.email, declined_at=timezone.now()
    )
    ProposalFactory(title_th="ของคนอื่น")
    client.force_login(researcher)
    response = client.get(reverse("proposals:my_proposals"))
    assert list(response.context["proposals"]) == [joined, led]
    assert [member.proposal for member in response.context["invitations"]] == [invited]
    body = response.content.decode()
    assert "ของคนอื่น" not in body and "ที่ปฏิเสธ" not in body
