"""Who may have each PDF document, asked through the catalogue: every role, an outsider, an
anonymous visitor, the team (lead, co-researcher, a co-researcher who has not accepted yet),
the programme's own manager, and reviewers assigned (cleared, invited, in conflict) or not.
The answers mirror the pages the documents print."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.roles import Role
from proposals.models import Proposal, ProposalState, TeamMember
from reports import documents
from reviews.models import AssignmentState, Decision, DecisionOutcome
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS
from tests.proposals.lifecycle.conftest import call_for_complete_proposals
from tests.reviews.reviewing.conftest import assign, proposal_in_review

PROPOSAL_READERS = {"funding_officer", "lead", "co_researcher", "manager_of_the_programme"}
STAFF = {"funding_officer", "manager_of_the_programme"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(personas):
    """A proposal in review on a blind call, and everyone around it by the part they play."""
    call = call_for_complete_proposals(blind_review=True)
    proposal = proposal_in_review(call=call)
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    call.programme.managers.add(manager)
    people = {**personas, ANONYMOUS: AnonymousUser()}
    people["lead"] = proposal.lead
    for name, accepted in (("co_researcher", True), ("pending_co_researcher", False)):
        user = UserFactory(roles=[Role.RESEARCHER])
        TeamMember.objects.create(
            proposal=proposal,
            user=user,
            email=user.email,
            accepted_at=timezone.now() if accepted else None,
        )
        people[name] = user
    people["manager_of_the_programme"] = manager
    for name, state, cleared in (
        ("cleared_reviewer", AssignmentState.ACCEPTED, True),
        ("invited_reviewer", AssignmentState.INVITED, False),
        ("conflicted_reviewer", AssignmentState.CONFLICT, False),
    ):
        people[name] = UserFactory(roles=[Role.REVIEWER])
        assign(proposal, people[name], state, cleared=cleared)
    people["command_line"] = None
    return Proposal.objects.get(pk=proposal.pk), people


def allowed(kind, subject, people):
    may = documents.get(kind, documents.PDF).may
    return {name for name, user in people.items() if may(user, subject)}


def decide(proposal):
    Decision.objects.create(
        proposal=proposal,
        round=proposal.round,
        outcome=DecisionOutcome.REJECT,
        comment="ไม่ผ่าน",
        letter_th="หนังสือ",
    )


def test_the_documents_are_in_the_catalogue_with_their_scope():
    kinds = {
        document.kind: document.scope
        for document in documents.all_documents()
        if document.format == documents.PDF
    }
    assert {kind: kinds.get(kind) for kind in (
        "proposal", "proposal-blind", "review-summary", "review-summary-applicant",
        "decision-letter", "committee-sheet",
    )} == {
        "proposal": documents.PROPOSAL,
        "proposal-blind": documents.PROPOSAL,
        "review-summary": documents.PROPOSAL,
        "review-summary-applicant": documents.PROPOSAL,
        "decision-letter": documents.PROPOSAL,
        "committee-sheet": documents.CALL,
    }  # fmt: skip
    committee_sheet = documents.get("committee-sheet", documents.PDF)
    assert committee_sheet.options == ("stage", "sort", "budget", "line")


def test_the_proposal_goes_to_those_who_read_the_workspace(world):
    proposal, people = world
    assert allowed("proposal", proposal, people) == PROPOSAL_READERS


def test_the_blind_proposal_also_goes_to_the_cleared_reviewer(world):
    proposal, people = world
    assert allowed("proposal-blind", proposal, people) == PROPOSAL_READERS | {"cleared_reviewer"}


def test_a_cleared_reviewer_has_no_blind_proposal_while_the_team_revises_it(world):
    proposal, people = world
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.REVISION)
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert "cleared_reviewer" not in allowed("proposal-blind", proposal, people)


def test_a_reviewer_cleared_in_an_earlier_round_still_has_the_blind_proposal(world):
    proposal, _people = world
    reviewer = UserFactory(roles=[Role.REVIEWER])
    assign(proposal, reviewer, cleared=True, round=1)
    Proposal.objects.filter(pk=proposal.pk).update(round=2)
    proposal = Proposal.objects.get(pk=proposal.pk)
    may = documents.get("proposal-blind", documents.PDF).may
    assert may(reviewer, proposal)


def test_the_review_summary_goes_to_officers_and_the_programmes_managers(world):
    proposal, people = world
    assert allowed("review-summary", proposal, people) == STAFF


@pytest.mark.parametrize("kind", ["decision-letter", "review-summary-applicant"])
def test_decision_documents_exist_for_nobody_before_a_decision(world, kind):
    proposal, people = world
    assert allowed(kind, proposal, people) == set()


@pytest.mark.parametrize("kind", ["decision-letter", "review-summary-applicant"])
def test_decision_documents_go_to_the_decision_pages_readers_once_decided(world, kind):
    proposal, people = world
    decide(proposal)
    assert allowed(kind, proposal, people) == PROPOSAL_READERS


def test_the_committee_sheet_goes_to_officers_and_the_programmes_managers(world):
    proposal, people = world
    assert allowed("committee-sheet", proposal.call, people) == STAFF


def test_an_assignment_cancelled_after_clearing_gives_no_blind_proposal(world):
    proposal, _people = world
    reviewer = UserFactory(roles=[Role.REVIEWER])
    assign(
        proposal,
        reviewer,
        AssignmentState.CANCELLED,
        coi_declared_at=timezone.now() - datetime.timedelta(days=1),
    )
    may = documents.get("proposal-blind", documents.PDF).may
    assert not may(reviewer, proposal)
