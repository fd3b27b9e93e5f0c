"""Reviewer bidding: pool members mark interest or conflict on a call's proposals (what they
are about only, never the team), and matching weighs the bids with expertise, conflicts and
load; a declared conflict refuses the assignment."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import AuditEntry
from accounts.roles import Role
from proposals.models import ProposalState
from reviews.assignment.matching import rank_reviewers
from reviews.assignment.selectors import proposals_for_matching
from reviews.assignment.services import assign_reviewer, default_due_date
from reviews.bidding import services
from reviews.models import Bid, BidChoice
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS, assert_access, assert_flat_queries
from tests.reviews.reviewing.scoring_helpers import make_call, proposal_in, reviewer_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    return make_call()


def url(call):
    return reverse("reviews:bids", args=[call.code])


def test_who_may_open_the_bidding_page(client, call, personas):
    proposal_in(call, state=ProposalState.SUBMITTED)
    expected = {name: 403 for name in personas} | {ANONYMOUS: 302, Role.REVIEWER.value: 200}
    assert_access(client, personas, url(call), expected)


def test_the_page_shows_what_the_proposals_are_about_never_the_team(client, call, reviewer):
    proposal = proposal_in(call, state=ProposalState.SUBMITTED, summary_th="ระบบข้อมูลเมือง")
    client.force_login(reviewer)
    body = client.get(url(call)).content.decode()
    assert "ระบบข้อมูลเมือง" in body
    assert proposal.lead.display_name not in body
    assert proposal.lead.email not in body


def test_bids_are_saved_together_and_neutral_removes_one(client, call, reviewer):
    first, second = (proposal_in(call, state=ProposalState.SUBMITTED) for _ in range(2))
    client.force_login(reviewer)
    client.post(url(call), {f"bid-{first.pk}": "interest", f"bid-{second.pk}": "conflict"})
    assert dict(Bid.objects.values_list("proposal_id", "choice")) == {
        first.pk: "interest",
        second.pk: "conflict",
    }
    client.post(url(call), {f"bid-{first.pk}": "neutral", f"bid-{second.pk}": "conflict"})
    assert dict(Bid.objects.values_list("proposal_id", "choice")) == {second.pk: "conflict"}
    assert AuditEntry.objects.filter(action="bids.saved").count() == 2


def test_a_bid_on_a_proposal_not_open_to_bids_saves_nothing(call, reviewer):
    open_one = proposal_in(call, state=ProposalState.SUBMITTED)
    decided = proposal_in(call, state=ProposalState.APPROVED)
    with pytest.raises(ValidationError):
        services.save_bids(
            actor=reviewer,
            call=call,
            choices={open_one.pk: BidChoice.INTEREST, decided.pk: BidChoice.INTEREST},
        )
    assert not Bid.objects.exists()
    with pytest.raises(PermissionDenied):
        services.save_bids(
            actor=UserFactory(roles=[Role.RESEARCHER]),
            call=call,
            choices={open_one.pk: BidChoice.INTEREST},
        )


def test_matching_weighs_interest_and_refuses_a_declared_conflict(call):
    proposal = proposal_in(call, state=ProposalState.SUBMITTED)
    keen, plain, conflicted = (reviewer_user(email=f"{n}@example.org") for n in "abc")
    Bid.objects.create(proposal=proposal, reviewer=keen, choice=BidChoice.INTEREST)
    Bid.objects.create(proposal=proposal, reviewer=conflicted, choice=BidChoice.CONFLICT)
    ranked = rank_reviewers(proposals_for_matching().get(pk=proposal.pk))
    order = [candidate.user for candidate in ranked]
    assert order.index(keen) < order.index(plain) < order.index(conflicted)
    assert ranked[order.index(conflicted)].conflicts
    officer = UserFactory(roles=[Role.FUNDING_OFFICER])
    with pytest.raises(ValidationError):
        assign_reviewer(
            actor=officer, proposal=proposal, reviewer=conflicted, due_date=default_due_date()
        )


def test_a_proposal_with_the_reviewers_orcid_id_on_its_team_takes_no_interest(
    client, call, reviewer
):
    mine = proposal_in(call, state=ProposalState.SUBMITTED)
    other = proposal_in(call, state=ProposalState.SUBMITTED)
    orcid = "0000-0002-1825-0097"
    type(reviewer).objects.filter(pk__in=[reviewer.pk, mine.lead.pk]).update(orcid=orcid)
    reviewer.refresh_from_db()
    client.force_login(reviewer)
    body = client.get(url(call), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'id="bid-{mine.pk}-interest"' not in body
    assert f'id="bid-{mine.pk}-conflict"' in body
    assert f'id="bid-{other.pk}-interest"' in body
    assert "You are on this proposal's team (by your account or your ORCID iD)" in body
    with pytest.raises(ValidationError):
        services.save_bids(
            actor=reviewer,
            call=call,
            choices={mine.pk: BidChoice.INTEREST, other.pk: BidChoice.INTEREST},
        )
    assert not Bid.objects.exists()
    services.save_bids(actor=reviewer, call=call, choices={mine.pk: BidChoice.CONFLICT})
    assert Bid.objects.get().choice == BidChoice.CONFLICT
    # Matching finds the conflict whatever the bid.
    Bid.objects.all().delete()
    ranked = rank_reviewers(proposals_for_matching().get(pk=mine.pk))
    assert next(c for c in ranked if c.user == reviewer).conflicts


def test_the_page_runs_as_many_queries_with_many_proposals(client, call, reviewer):
    def make_rows(count):
        for _ in range(count):
            proposal = proposal_in(call, state=ProposalState.SUBMITTED)
            Bid.objects.create(proposal=proposal, reviewer=reviewer, choice=BidChoice.INTEREST)

    queries = assert_flat_queries(client, reviewer, url(call), make_rows, few=2, many=20)
    assert queries == 7


def test_my_assignments_point_to_the_calls_taking_bids(client, call, reviewer):
    proposal_in(call, state=ProposalState.SUBMITTED)
    client.force_login(reviewer)
    body = client.get(reverse("reviews:my_assignments")).content.decode()
    assert url(call) in body
