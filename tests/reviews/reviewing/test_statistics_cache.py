"""A call's review statistics are kept in the cache, and every change to what they are worked
out from shows at once: a review submitted or reopened, a budget line, the call's threshold, a
proposal's new round."""

from decimal import Decimal

import pytest

from accounts.roles import Role
from core import versioned_cache
from core.versioned_cache import shared as process_shared
from proposals.models import BudgetLine
from reviews.decisions.services import decide
from reviews.models import PanelSummary
from reviews.ranking.selectors import build_ranking
from reviews.scoring import cache as statistics_cache
from reviews.scoring.services import reopen_review
from reviews.scoring.statistics import review_statistics
from tests.factories import UserFactory
from tests.helpers import count_queries
from tests.reviews.reviewing.scoring_helpers import (
    make_call,
    proposal_in,
    reviewer_user,
    submitted_review,
)

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def shared_cache(monkeypatch):
    """The tests' cache is local memory, one process: taken here for a shared one."""
    monkeypatch.setattr(versioned_cache, "shared", lambda: True)


@pytest.fixture
def call():
    return make_call(disagreement_threshold=D("20"))


@pytest.fixture
def proposal(call):
    proposal = proposal_in(call, amount=D("100000"))
    submitted_review(proposal, reviewer_user(), 80)
    return proposal


def figures(call, proposal):
    stats = review_statistics(call).proposals.get(proposal.pk)
    return stats and (stats.count, stats.mean, stats.disagreement, stats.requested_amount)


def test_the_statistics_are_read_once_and_then_kept(call, proposal):
    assert count_queries(lambda: review_statistics(call)) == 2  # the totals, the amounts
    assert count_queries(lambda: review_statistics(call)) == 0
    assert figures(call, proposal) == (1, D("80.00"), False, D("100000"))


def test_nothing_is_kept_without_a_cache_shared_by_every_process(call, proposal, monkeypatch):
    monkeypatch.setattr(versioned_cache, "shared", lambda: False)
    review_statistics(call)
    assert count_queries(lambda: review_statistics(call)) == 2


def test_a_process_s_own_cache_is_not_shared():
    assert process_shared() is False  # the tests' cache: local memory


def test_a_submitted_review_shows_at_once(call, proposal):
    figures(call, proposal)
    submitted_review(proposal, reviewer_user(), 40)
    assert figures(call, proposal) == (2, D("60.00"), True, D("100000"))
    assert build_ranking(call).rows[0].stats.count == 2


def test_a_reopened_review_leaves_at_once(call, proposal):
    second = submitted_review(proposal, reviewer_user(), 40)
    assert figures(call, proposal)[0] == 2
    officer = UserFactory(roles=[Role.FUNDING_OFFICER])
    reopen_review(actor=officer, review=second, reason="ทบทวน")
    assert figures(call, proposal) == (1, D("80.00"), False, D("100000"))


def test_a_budget_line_changes_the_requested_amount_at_once(call, proposal):
    figures(call, proposal)
    line = BudgetLine.objects.get(proposal=proposal)
    line.unit_cost = D("250000")
    line.save()
    assert figures(call, proposal)[3] == D("250000")
    line.delete()
    assert figures(call, proposal)[3] == D("0")


def test_the_calls_threshold_changes_the_disagreement_at_once(call, proposal):
    submitted_review(proposal, reviewer_user(), 40)
    assert figures(call, proposal)[2] is True
    call.disagreement_threshold = D("50")
    call.save()
    assert figures(call, proposal)[2] is False


def test_a_new_round_drops_the_earlier_rounds_reviews_at_once(call, proposal):
    assert figures(call, proposal)[0] == 1
    proposal.round += 1
    proposal.save(update_fields=["round"])
    assert figures(call, proposal) is None


def test_each_call_and_stage_has_its_own_figures(call, proposal):
    other = make_call()
    submitted_review(proposal_in(other), reviewer_user(), 20)
    assert review_statistics(other).mean == D("20")
    assert review_statistics(call).mean == D("80")
    assert review_statistics(call, stage="concept").count == 0


def test_a_version_is_kept_per_call(call):
    before = statistics_cache.version(call.pk)
    assert statistics_cache.version(call.pk) == before
    statistics_cache.forget(call.pk)
    assert statistics_cache.version(call.pk) != before


def test_a_process_reuses_what_it_read_until_the_version_changes(call, proposal):
    first = review_statistics(call)
    assert review_statistics(call) is first  # no unpickling of the whole call again
    submitted_review(proposal, reviewer_user(), 40)
    assert review_statistics(call) is not first
    assert figures(call, proposal)[0] == 2


# The ranking is kept under the same versions.


def test_the_ranking_is_worked_out_once_and_its_page_rows_are_copies(call, proposal):
    build_ranking(call, proposals=False)
    assert count_queries(lambda: build_ranking(call, proposals=False)) == 0
    shown = build_ranking(call)  # the documents' ranking: every row with its Proposal
    assert shown.rows[0].proposal.title == proposal.title
    kept = build_ranking(call, proposals=False)
    assert kept.rows[0].proposal.pk == proposal.pk
    assert not hasattr(kept.rows[0].proposal, "title")  # what was kept was not changed


def test_a_panel_summary_and_the_calls_budget_change_the_ranking_at_once(call, proposal):
    assert build_ranking(call, proposals=False).rows[0].panel is None
    chair = reviewer_user()
    PanelSummary.objects.create(
        proposal=proposal, round=proposal.round, chair=chair, score=D("91"), recommendation="fund"
    )
    assert build_ranking(call, proposals=False).rows[0].panel.score == D("91")
    call.total_budget = call.total_budget + D("12345")
    call.save()
    assert build_ranking(call, proposals=False).budget == call.total_budget


def test_a_decision_and_its_approved_amount_show_in_the_ranking_at_once(call, proposal):
    assert build_ranking(call, proposals=False).rows[0].decided is False
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    call.programme.managers.add(manager)
    decide(
        proposal=proposal,
        outcome="approve",
        actor=manager,
        comment="ทุนตามที่ขอ ลดลงเล็กน้อย",
        approved_amount=D("90000"),
    )
    row = build_ranking(call, proposals=False).rows[0]
    assert (row.decided, row.amount) == (True, D("90000"))
