"""The proposal as the reviewer reads it: who may, what a blind call hides, the changes since
the previous round, and how many queries it runs."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from proposals.models import BudgetLine, Proposal, ProposalState, Section, TeamMember, TeamRole
from proposals.versions.snapshot import take_snapshot
from reviews.models import AssignmentState
from tests.factories import UserFactory
from tests.helpers import assert_access, assert_flat_queries
from tests.proposals.versions.conftest import add_rows
from tests.reviews.reviewing.conftest import assign, proposal_in_review

pytestmark = pytest.mark.django_db

LEAD = {
    "email": "somchai.lead@secret-uni.example",
    "full_name_th": "สมชาย ลับเฉพาะ",
    "full_name_en": "Somchai Secretive",
    "organisation": "มหาวิทยาลัยลับเฉพาะ",
}
MEMBER = {
    "email": "nattaya.member@hidden.example",
    "name": "ณัฐญา ซ่อนนาม",
    "organisation": "สถาบันนิรนาม",
}
IDENTITIES = [*LEAD.values(), *MEMBER.values()]


def url(assignment):
    return reverse("reviews:review_proposal", args=[assignment.pk])


def named_proposal(blind):
    """A proposal in review whose lead and co-researcher have names found nowhere else."""
    lead = UserFactory(roles=[Role.RESEARCHER], **LEAD)
    proposal = proposal_in_review(blind=blind, lead=lead)
    TeamMember.objects.create(
        proposal=proposal,
        role=TeamRole.CO_RESEARCHER,
        effort_percent=Decimal("30"),
        accepted_at=timezone.now(),
        **MEMBER,
    )
    proposal.attachments.update(uploaded_by=lead, original_name="ข้อเสนอ-สมชาย ลับเฉพาะ.pdf")
    return proposal


@pytest.fixture
def cleared(proposal, reviewer):
    return assign(proposal, reviewer, cleared=True)


def test_only_the_cleared_reviewer_reads_the_proposal(client, everyone, cleared):
    expected = {
        "researcher": 404,
        "funding_officer": 404,
        "reviewer": 200,
        "programme_manager": 404,
        "administrator": 404,
        "mentor": 404,
        "finance": 404,
        "outsider": 404,
        "other reviewer": 404,
        "anonymous": 302,
    }
    assert_access(client, everyone, url(cleared), expected)


def test_another_reviewer_of_the_same_proposal_cannot_open_this_assignment(client, trio, cleared):
    colleague = trio(Role.REVIEWER)[0]
    assign(cleared.proposal, colleague, cleared=True)
    client.force_login(colleague)
    assert client.get(url(cleared)).status_code == 404


@pytest.mark.parametrize(
    "state", [AssignmentState.DECLINED, AssignmentState.CONFLICT, AssignmentState.CANCELLED]
)
def test_an_ended_assignment_shows_nothing(client, reviewer, proposal, state):
    ended = assign(proposal, reviewer, state)
    client.force_login(reviewer)
    assert client.get(url(ended)).status_code == 404


def test_a_reviewer_who_lost_the_role_reads_nothing(client, reviewer, cleared):
    reviewer.groups.clear()
    client.force_login(reviewer)
    assert client.get(url(cleared)).status_code == 404


def test_while_the_team_revises_the_proposal_is_closed(client, reviewer, cleared):
    Proposal.objects.filter(pk=cleared.proposal_id).update(state=ProposalState.REVISION)
    client.force_login(reviewer)
    assert client.get(url(cleared)).url == reverse("reviews:my_assignments")


def test_it_shows_every_part_of_the_proposal(client, reviewer, cleared):
    proposal = cleared.proposal
    client.force_login(reviewer)
    page = client.get(url(cleared)).content.decode()
    for text in (
        proposal.title_th,
        proposal.summary_th,
        "ข้อความ",  # the narrative sections
        proposal.municipalities.get().municipality.name_th,
        "ระบบฐานข้อมูลเมือง (ทดสอบ)",  # the technology
        "ถ่ายทอด",  # the work plan
        "900,000.00",  # the budget's total
        "KR1.1",  # the indicator contribution
        reverse("reviews:review_attachment", args=[cleared.pk, proposal.attachments.get().pk]),
    ):
        assert text in page, text


def test_a_blind_call_hides_every_name_email_and_organisation(client, reviewer):
    proposal = named_proposal(blind=True)
    assignment = assign(proposal, reviewer, cleared=True)
    client.force_login(reviewer)
    page = client.get(url(assignment)).content.decode()
    for identity in IDENTITIES:
        assert identity not in page, identity
    assert str(TeamRole.CO_RESEARCHER.label) in page  # roles and effort remain
    assert "30" in page
    assert f"{proposal.reference}-letter-of-intent.pdf" in page


def test_an_open_call_shows_the_team(client, reviewer):
    proposal = named_proposal(blind=False)
    assignment = assign(proposal, reviewer, cleared=True)
    client.force_login(reviewer)
    page = client.get(url(assignment)).content.decode()
    for identity in (LEAD["full_name_th"], *MEMBER.values()):
        assert identity in page, identity
    assert "ข้อเสนอ-สมชาย ลับเฉพาะ.pdf" in page


def second_round(proposal, *, new_member=None):
    """Revise `proposal` (a reworded method, a dearer line, maybe a new member) and resubmit
    it: version 2, round 2."""
    Section.objects.filter(proposal=proposal, key="method").update(text="วิธีการใหม่ทั้งหมด")
    line = BudgetLine.objects.filter(proposal=proposal).first()
    line.unit_cost += 1000
    line.save()
    if new_member:
        TeamMember.objects.create(proposal=proposal, accepted_at=timezone.now(), **new_member)
    take_snapshot(proposal=proposal, actor=proposal.lead)
    Proposal.objects.filter(pk=proposal.pk).update(round=2)
    return Proposal.objects.get(pk=proposal.pk)


def test_round_two_shows_what_changed_since_round_one(client, reviewer, proposal):
    proposal = second_round(proposal)
    assignment = assign(proposal, reviewer, cleared=True, round=2)
    client.force_login(reviewer)
    response = client.get(url(assignment))
    page = response.content.decode()
    changes = response.context["changes"]
    assert (changes["previous"].number, changes["latest"].number) == (1, 2)
    assert changes["diff"].changed
    assert 'id="changes"' in page
    assert "diff-ins" in page and "วิธีการใหม่ทั้งหมด" in page


def test_round_one_shows_no_changes(client, reviewer, cleared):
    client.force_login(reviewer)
    response = client.get(url(cleared))
    assert response.context["changes"] is None
    assert 'id="changes"' not in response.content.decode()


def test_the_changes_of_a_blind_call_name_nobody(client, reviewer):
    proposal = second_round(named_proposal(blind=True), new_member=newcomer())
    assignment = assign(proposal, reviewer, cleared=True, round=2)
    client.force_login(reviewer)
    response = client.get(url(assignment))
    page = response.content.decode()
    assert [t.key for t in response.context["changes"]["diff"].tables if t.key == "team"] == []
    for identity in [*IDENTITIES, *newcomer().values()]:
        assert identity not in page, identity


def test_the_changes_of_an_open_call_show_the_team(client, reviewer):
    proposal = second_round(named_proposal(blind=False), new_member=newcomer())
    assignment = assign(proposal, reviewer, cleared=True, round=2)
    client.force_login(reviewer)
    page = client.get(url(assignment)).content.decode()
    assert newcomer()["name"] in page


def newcomer():
    return {"email": "new.comer@unknown.example", "name": "ผู้มาใหม่ ไร้นาม"}


def test_the_page_runs_a_fixed_number_of_queries(client, reviewer, cleared):
    assert_flat_queries(
        client, reviewer, url(cleared), lambda n: add_rows(cleared.proposal, n), few=1, many=4
    )


def test_the_page_of_round_two_runs_a_fixed_number_of_queries(client, reviewer, proposal):
    proposal = second_round(proposal)
    assignment = assign(proposal, reviewer, cleared=True, round=2)

    def more(n):
        add_rows(proposal, n)
        take_snapshot(proposal=proposal, actor=proposal.lead)

    assert_flat_queries(client, reviewer, url(assignment), more, few=1, many=4)
