"""The review of a two-stage call's concepts: their own criteria and number of reviewers,
their own ranking, and a decision that invites them to the full stage (with its letter)."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from proposals.models import Proposal, ProposalStage, ProposalState
from proposals.stages.selectors import stage_criteria
from reports.pdf.committee_sheet import sheet_context
from reviews.decisions import services as decisions
from reviews.models import Decision, DecisionOutcome
from reviews.ranking.selectors import SORT_MEAN, build_ranking
from reviews.screening.checks import reviewer_problems
from tests.factories import UserFactory
from tests.helpers import assert_flat_queries
from tests.proposals.stages.builders import concept, two_stage_call
from tests.reviews.reviewing.scoring_helpers import proposal_in, reviewer_user, submitted_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    return two_stage_call(concept_reviewers=1)


@pytest.fixture
def manager(call):
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    call.programme.managers.add(manager)
    return manager


def reviewed_concept(call, total=80):
    proposal = proposal_in(call, amount=None, stage=ProposalStage.CONCEPT)
    submitted_review(proposal, reviewer_user(), total)
    return Proposal.objects.select_related("call").get(pk=proposal.pk)


def test_a_concept_is_scored_on_the_concepts_criteria(call):
    proposal = concept(call=call)
    assert [c.name_en for c in stage_criteria(proposal)] == ["Importance"]
    full = concept(call=call, stage=ProposalStage.FULL)
    assert [c.name_en for c in stage_criteria(full)] == ["Fit", "Value"]


def test_a_concept_needs_the_concepts_number_of_reviewers(call):
    proposal = reviewed_concept(call)
    assert reviewer_problems(proposal) == []  # one is enough for a concept here
    full = proposal_in(call, stage=ProposalStage.FULL)
    assert reviewer_problems(full)  # three for a full proposal


def test_concepts_and_full_proposals_are_ranked_apart(call):
    concepts = [reviewed_concept(call, total) for total in (60, 90)]
    full = proposal_in(call, stage=ProposalStage.FULL)
    submitted_review(full, reviewer_user(), 70)
    ranked = build_ranking(call, stage=ProposalStage.CONCEPT, sort=SORT_MEAN)
    assert [row.proposal.pk for row in ranked.rows] == [concepts[1].pk, concepts[0].pk]
    assert [row.proposal.pk for row in build_ranking(call).rows] == [full.pk]


def test_the_ranking_page_offers_the_stage_of_a_two_stage_call(client, call, manager):
    concepts = [reviewed_concept(call)]
    client.force_login(manager)
    url = reverse("reviews:ranking", args=[call.code])
    page = client.get(url, {"stage": "concept"})
    assert [row.proposal.pk for row in page.context["ranking"].rows] == [concepts[0].pk]
    assert 'name="stage"' in page.content.decode()


def test_the_decision_page_offers_invite_or_reject_for_a_concept(client, call, manager):
    proposal = reviewed_concept(call)
    client.force_login(manager)
    page = client.get(reverse("reviews:decide", args=[proposal.pk]))
    choices = [value for value, _label in page.context["form"].fields["outcome"].choices]
    assert choices == ["reject", "invite"]


def test_inviting_a_concept_records_the_decision_and_starts_the_full_proposal(call, manager):
    proposal = reviewed_concept(call)
    decision = decisions.decide(
        proposal=proposal, outcome="invite", actor=manager, comment="เชิญจัดทำข้อเสนอฉบับสมบูรณ์"
    )
    assert decision.outcome == DecisionOutcome.INVITE
    assert "ฉบับสมบูรณ์" in decision.letter_th
    assert "full proposal" in decision.letter_en
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.INVITED
    full = Proposal.objects.get(concept=proposal)
    assert (full.stage, full.state) == (ProposalStage.FULL, ProposalState.DRAFT)


def test_a_concept_cannot_be_approved_for_money(call, manager):
    proposal = reviewed_concept(call)
    with pytest.raises(decisions.DecisionError):
        decisions.decide(
            proposal=proposal, outcome="approve", actor=manager, comment="ok", approved_amount=1
        )
    assert not Decision.objects.filter(proposal=proposal).exists()
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.IN_REVIEW


def test_the_concepts_ranking_page_runs_as_many_queries_with_many_concepts(client, call):
    officer = UserFactory(roles=[Role.FUNDING_OFFICER])
    reviewer = reviewer_user()

    def make_rows(count):
        for _ in range(count):
            proposal = proposal_in(call, amount=None, stage=ProposalStage.CONCEPT)
            submitted_review(proposal, reviewer, 75)

    url = reverse("reviews:ranking", args=[call.code]) + "?stage=concept"
    queries = assert_flat_queries(client, officer, url, make_rows, few=2, many=20)
    assert queries == 8


def test_the_committee_sheet_follows_the_stage(call):
    proposal = reviewed_concept(call)
    context = sheet_context(call, {"stage": "concept"})
    assert [row.proposal.pk for row in context["ranking"].rows] == [proposal.pk]
    assert sheet_context(call, {})["ranking"].rows == []
