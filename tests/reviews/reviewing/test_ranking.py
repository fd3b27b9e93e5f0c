"""The ranking of a call: order by mean or normalised mean, the funding line where the budget
runs out, the what-if (another budget, a line put by hand), decided proposals, and the page:
who may open it, what it shows, and its query count with 5 and 200 proposals."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from accounts.roles import Role
from proposals.models import Proposal, ProposalState
from reviews.ranking import views
from reviews.ranking.selectors import SORT_MEAN, build_ranking, funding_line
from tests.factories import UserFactory
from tests.helpers import assert_access, assert_flat_queries
from tests.reviews.reviewing.scoring_helpers import (
    make_call,
    proposal_in,
    reviewer_user,
    submitted_review,
)

D = Decimal
S = ProposalState
LOGIN = 302


@pytest.mark.parametrize(
    ("amounts", "budget", "fitted"),
    [
        ([400, 300, 500], 1000, 2),  # 400, 700 fit; 1200 > 1000
        ([400, 600, 1], 1000, 2),  # exactly 1000 still fits
        ([1200, 100], 1000, 0),  # the first one alone is too much
        ([100, 200], 1000, 2),  # everything fits
        ([], 1000, 0),
    ],
)
def test_the_funding_line_falls_where_the_cumulative_amount_first_exceeds_the_budget(
    amounts, budget, fitted
):
    assert funding_line([D(a) for a in amounts], D(budget)) == fitted


@pytest.fixture
def four(db):
    """Four proposals in review, best first: 400,000, 300,000, 500,000 and 200,000 baht;
    the call's budget is 1,000,000."""
    call = make_call(total_budget=D("1000000"), ceiling_per_proposal=D("1000000"))
    reviewer = reviewer_user()
    proposals = []
    for score, amount in ((90, 400000), (80, 300000), (70, 500000), (60, 200000)):
        proposal = proposal_in(call, amount=D(amount))
        submitted_review(proposal, reviewer, score)
        proposals.append(proposal)
    return SimpleNamespace(call=call, proposals=proposals)


def references(ranking):
    return [row.proposal.reference for row in ranking.rows]


def test_the_line_is_drawn_where_the_budget_runs_out(four):
    ranking = build_ranking(four.call)
    assert references(ranking) == [p.reference for p in four.proposals]
    # 400,000 → 700,000 → 1,200,000 (over 1,000,000) → 1,400,000
    assert [row.cumulative for row in ranking.rows] == [
        D("400000"),
        D("700000"),
        D("1200000"),
        D("1400000"),
    ]
    assert (ranking.line, ranking.automatic_line) == (2, 2)
    assert [row.above_line for row in ranking.rows] == [True, True, False, False]
    assert [row.line_above for row in ranking.rows] == [False, False, True, False]
    assert (ranking.allocated, ranking.remaining, ranking.over) == (
        D("700000"),
        D("300000"),
        False,
    )
    assert not ranking.is_what_if


def test_what_if_with_another_budget(four):
    ranking = build_ranking(four.call, budget=D("1300000"))
    # 1,200,000 fits 1,300,000; 1,400,000 does not
    assert (ranking.line, ranking.allocated, ranking.remaining) == (
        3,
        D("1200000"),
        D("100000"),
    )
    assert ranking.call_budget == D("1000000.00")
    assert ranking.is_what_if


def test_what_if_with_the_line_put_by_hand(four):
    ranking = build_ranking(four.call, line=4)
    assert (ranking.line, ranking.automatic_line) == (4, 2)
    assert (ranking.allocated, ranking.remaining, ranking.over, ranking.shortfall) == (
        D("1400000"),
        D("-400000"),
        True,
        D("400000"),
    )
    assert build_ranking(four.call, line=0).remaining == D("1000000")
    assert build_ranking(four.call, line=99).line == 4  # never past the last proposal


def test_the_order_by_normalised_mean_removes_leniency(db):
    """Lenient L gives P1 85 and P2 95; harsh H gives P2 60 and P3 70. Means: P1 85, P2 77.5,
    P3 70. Normalised (call mean 77.5, s = √(725/3); z = ±1/√2): P1 77.5 − 10.99 = 66.51,
    P2 77.50, P3 88.49. With 600,000 each and 1,000,000 to spend only the first fits."""
    call = make_call(total_budget=D("1000000"), ceiling_per_proposal=D("1000000"))
    lenient, harsh = reviewer_user(), reviewer_user()
    p1, p2, p3 = (proposal_in(call, amount=D("600000")) for _ in range(3))
    submitted_review(p1, lenient, 85)
    submitted_review(p2, lenient, 95)
    submitted_review(p2, harsh, 60)
    submitted_review(p3, harsh, 70)

    by_normalised = build_ranking(call)
    assert references(by_normalised) == [p3.reference, p2.reference, p1.reference]
    assert [row.stats.normalised_mean for row in by_normalised.rows] == [
        D("88.49"),
        D("77.50"),
        D("66.51"),
    ]
    by_mean = build_ranking(call, sort=SORT_MEAN)
    assert references(by_mean) == [p1.reference, p2.reference, p3.reference]
    assert [row.stats.mean for row in by_mean.rows] == [D("85.00"), D("77.50"), D("70.00")]
    assert [r.above_line for r in by_mean.rows] == [True, False, False]


def test_decided_proposals_are_listed_and_only_money_spent_counts(four):
    call = four.call
    first, second, third, fourth = four.proposals
    Proposal.objects.filter(pk=first.pk).update(
        state=S.APPROVED, approved_amount=D("150000")
    )  # approved for less than asked
    Proposal.objects.filter(pk=second.pk).update(state=S.REJECTED)
    Proposal.objects.filter(pk=third.pk).update(state=S.REVISION)
    unscored = proposal_in(call, amount=D("50000"))
    proposal_in(call, state=S.SUBMITTED)  # not yet screened: not on the ranking
    proposal_in(call, state=S.WITHDRAWN)

    ranking = build_ranking(call)
    rows = {row.proposal.pk: row for row in ranking.rows}
    assert references(ranking) == [
        first.reference,
        second.reference,
        third.reference,
        fourth.reference,
        unscored.reference,  # no review yet: last
    ]
    assert [row.decided for row in ranking.rows] == [True, True, True, False, False]
    assert rows[first.pk].amount == D("150000")
    assert rows[first.pk].requested_amount == D("400000")
    assert rows[second.pk].cumulative is rows[third.pk].cumulative is None
    # 150,000 → 350,000 → 400,000
    assert [rows[p].cumulative for p in (first.pk, fourth.pk, unscored.pk)] == [
        D("150000"),
        D("350000"),
        D("400000"),
    ]
    assert [rows[p].position for p in (first.pk, fourth.pk, unscored.pk)] == [1, 2, 3]
    assert rows[second.pk].position is None
    assert (ranking.counted, ranking.line, ranking.remaining) == (3, 3, D("600000"))
    assert rows[unscored.pk].stats is None


# The page


@pytest.fixture
def people(four):
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    four.call.programme.managers.add(manager)
    return {
        "funding_officer": UserFactory(roles=[Role.FUNDING_OFFICER]),
        "programme_manager": manager,
        "other_manager": UserFactory(roles=[Role.PROGRAMME_MANAGER]),
        "reviewer": reviewer_user(),
        "researcher": four.proposals[0].lead,
        "administrator": UserFactory(roles=[Role.ADMINISTRATOR]),
        "outsider": UserFactory(roles=[]),
        "anonymous": None,
    }


def page(call):
    return reverse("reviews:ranking", args=[call.code])


def test_officers_and_the_programme_managers_open_the_ranking(client, four, people):
    expected = {name: 403 for name in people} | {
        "funding_officer": 200,
        "programme_manager": 200,
        "anonymous": LOGIN,
    }
    assert_access(client, people, page(four.call), expected)
    client.force_login(people["funding_officer"])
    assert client.get(reverse("reviews:ranking", args=["NO-SUCH-CALL"])).status_code == 404


def test_the_page_draws_the_line_and_says_what_is_left(client, four, people):
    client.force_login(people["funding_officer"])
    text = client.get(page(four.call)).text
    second, third = four.proposals[1].reference, four.proposals[2].reference
    line = text.index('class="table-danger"')
    assert text.index(second) < line < text.index(third)
    assert "700,000.00" in text and "300,000.00" in text and "1,400,000.00" in text
    assert four.proposals[0].lead.display_name in text  # staff see names, even when blind


def test_the_page_shows_a_what_if(client, four, people):
    client.force_login(people["funding_officer"])
    response = client.get(page(four.call), {"line": 4, "sort": "mean"})
    assert response.context["ranking"].over
    assert "400,000.00" in response.text
    assert 'class="alert alert-danger"' in response.text
    response = client.get(page(four.call), {"budget": "1300000"})
    assert response.context["ranking"].line == 3
    assert "100,000.00" in response.text


def test_a_bad_what_if_is_shown_and_ignored(client, four, people):
    client.force_login(people["funding_officer"])
    response = client.get(page(four.call), {"budget": "lots", "line": "-1", "sort": "x"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"budget", "line", "sort"}
    ranking = response.context["ranking"]
    assert (ranking.budget, ranking.line) == (D("1000000.00"), 2)


def test_the_managers_pick_proposals_for_a_bulk_decision(client, four, people):
    client.force_login(people["programme_manager"])
    text = client.get(page(four.call)).text
    assert f'action="{reverse("reviews:decide_bulk", args=[four.call.code])}"' in text
    for proposal in four.proposals:
        assert f'name="proposal" value="{proposal.pk}"' in text
    client.force_login(people["funding_officer"])  # officers do not decide
    assert 'name="proposal"' not in client.get(page(four.call)).text


def test_the_ranking_runs_as_many_queries_with_200_proposals_as_with_5(client, db):
    call = make_call()
    officer = UserFactory(roles=[Role.FUNDING_OFFICER])
    reviewers = [reviewer_user() for _ in range(3)]
    made = []

    def make_rows(n):
        for _ in range(n):
            i = len(made)
            proposal = proposal_in(call, amount=D(10000 + i))
            for k, reviewer in enumerate(reviewers[: 1 + i % 3]):
                submitted_review(proposal, reviewer, 40 + (i * 7 + k * 11) % 60)
            made.append(proposal)
        # some of them decided
        Proposal.objects.filter(pk__in=[p.pk for p in made[::4]]).update(state=S.APPROVED)

    queries = assert_flat_queries(client, officer, page(call), make_rows, few=5, many=200)
    assert queries == 8
    context = client.get(page(call)).context
    assert len(context["ranking"].rows) == 200  # the whole call is ranked
    assert len(context["page"].object_list) == views.RANKING_PER_PAGE  # one page is shown


def test_a_later_page_of_the_ranking_keeps_the_whole_calls_cumulative_amounts(
    client, db, monkeypatch
):
    monkeypatch.setattr(views, "RANKING_PER_PAGE", 50)
    call = make_call(total_budget=D("600000"), ceiling_per_proposal=D("100000"))
    reviewer = reviewer_user()
    for _ in range(60):  # 10,000 baht each: all 60 fit the budget exactly
        proposal_in(call, amount=D(10000))
    for i, proposal in enumerate(Proposal.objects.filter(call=call).order_by("pk")):
        submitted_review(proposal, reviewer, 99 - i)
    client.force_login(UserFactory(roles=[Role.FUNDING_OFFICER]))
    response = client.get(page(call), {"sort": SORT_MEAN, "page": 2})
    rows = response.context["page"].object_list
    assert [row.position for row in rows] == list(range(51, 61))
    assert rows[0].cumulative == D("510000")
    assert rows[-1].cumulative == D("600000")
    assert all(row.above_line for row in rows)  # exactly the budget still fits
    assert 'sort=mean&amp;page=1"' in response.text  # the order is kept across pages
    budget = client.get(page(call), {"budget": "250000", "page": 2})
    assert budget.context["ranking"].line == 25
    assert 'href="?budget=250000&amp;page=1"' in budget.text  # the page of the funding line
