"""The score arithmetic against hand-computed cases: a review's weighted total, a proposal's
count, mean, median, sample deviation, range, disagreement, and the normalised mean."""

from dataclasses import replace
from decimal import Decimal
from types import SimpleNamespace

import pytest

from proposals.models import BudgetCategory, BudgetLine, Proposal
from reviews.models import Recommendation, ReviewState
from reviews.scoring.statistics import (
    call_leniency,
    proposal_statistics,
    review_statistics,
    streamed_statistics,
    weighted_total,
)
from tests.reviews.reviewing.scoring_helpers import (
    make_call,
    proposal_in,
    reviewer_user,
    submitted_review,
)

D = Decimal


def criterion(weight, low=1, high=5):
    return SimpleNamespace(weight=D(weight), scale_min=low, scale_max=high)


# weighted_total: Σ w·(s − min)/(max − min) / Σ w × 100.


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        # 60 × 4/4 + 40 × 2/4 = 60 + 20
        ([(criterion(60), 5), (criterion(40), 3)], D("80.00")),
        # 60 × 1/4 + 40 × 3/4 = 15 + 30
        ([(criterion(60), 2), (criterion(40), 4)], D("45.00")),
        ([(criterion(60), 1), (criterion(40), 1)], D("0.00")),
        ([(criterion(60), 5), (criterion(40), 5)], D("100.00")),
        # mixed scales: 50 × 7/10 + 25 × 1/2 + 25 × 3/4 = 35 + 12.5 + 18.75
        ([(criterion(50, 0, 10), 7), (criterion(25, 1, 3), 2), (criterion(25), 4)], D("66.25")),
        # weights not adding up to 100: (1 × 2/4 + 2 × 4/4) / 3 = 2.5 / 3 = 0.8333…
        ([(criterion(1), 3), (criterion(2), 5)], D("83.33")),
        # (1 × 1/4 + 7 × 0) / 8 = 0.03125 → 3.125, rounded half up
        ([(criterion(1), 2), (criterion(7), 1)], D("3.13")),
    ],
)
def test_weighted_total_matches_the_hand_computation(scores, expected):
    assert weighted_total(scores) == expected


def test_weighted_total_reads_rows_with_a_criterion_and_a_score():
    rows = [
        SimpleNamespace(criterion=criterion(60), score=5),
        SimpleNamespace(criterion=criterion(40), score=3),
    ]
    assert weighted_total(rows) == D("80.00")


@pytest.mark.parametrize(
    "scores",
    [
        [(criterion(60), None), (criterion(40), 3)],
        [(criterion(60), 6), (criterion(40), 3)],
        [(criterion(60), 0), (criterion(40), 3)],
        [],
    ],
    ids=["missing", "above the scale", "below the scale", "no criterion"],
)
def test_weighted_total_refuses_an_incomplete_or_off_scale_review(scores):
    with pytest.raises(ValueError):
        weighted_total(scores)


# proposal_statistics


@pytest.fixture
def small_call(db):
    """Three reviewers; A: 60, 70, 80; B: 55; C: 50, 75; D: no review."""
    call = make_call()
    r1, r2, r3 = reviewer_user(), reviewer_user(), reviewer_user()
    a = proposal_in(call, amount=D("300000"))
    b = proposal_in(call, amount=D("250000.50"))
    c = proposal_in(call, amount=D("400000"))
    d = proposal_in(call, amount=D("100000"))
    submitted_review(a, r1, 60, recommendation=Recommendation.FUND)
    submitted_review(a, r2, 70, recommendation=Recommendation.FUND_AFTER_REVISION)
    submitted_review(a, r3, 80, recommendation=Recommendation.FUND)
    submitted_review(b, r1, 55, recommendation=Recommendation.DO_NOT_FUND)
    submitted_review(c, r2, 50)
    submitted_review(c, r3, 75)
    return SimpleNamespace(call=call, a=a, b=b, c=c, d=d)


def test_statistics_of_three_reviews(small_call):
    stats = proposal_statistics(small_call.call)[small_call.a.pk]
    # mean 70; deviations −10, 0, 10; sample variance (100 + 0 + 100) / 2 = 100
    assert (stats.count, stats.mean, stats.median, stats.std) == (3, D("70.00"), D("70.00"), 10)
    assert (stats.minimum, stats.maximum) == (D("60.00"), D("80.00"))
    assert stats.requested_amount == D("300000.00")
    assert stats.recommendations == {"fund": 2, "revise": 1, "reject": 0}
    assert stats.disagreement is False


def test_a_single_review_has_no_spread(small_call):
    stats = proposal_statistics(small_call.call)[small_call.b.pk]
    assert (stats.count, stats.mean, stats.median, stats.std) == (1, D("55"), D("55"), 0)
    assert (stats.minimum, stats.maximum) == (D("55"), D("55"))
    assert stats.requested_amount == D("250000.50")


def test_two_reviews_median_and_sample_deviation(small_call):
    stats = proposal_statistics(small_call.call)[small_call.c.pk]
    # mean 62.5; sample variance (12.5² + 12.5²) / 1 = 312.5; √312.5 = 17.677…
    assert (stats.count, stats.mean, stats.median, stats.std) == (
        2,
        D("62.50"),
        D("62.50"),
        D("17.68"),
    )
    assert stats.disagreement is True  # 17.68 > the call's 15


def test_a_proposal_without_submitted_reviews_has_no_statistics(small_call):
    assert small_call.d.pk not in proposal_statistics(small_call.call)


def test_the_requested_amount_adds_up_every_budget_line(small_call):
    BudgetLine.objects.create(
        proposal=small_call.a,
        category=BudgetCategory.objects.get(call=small_call.call, code="services"),
        fiscal_year=small_call.call.fiscal_year,
        description="จ้างเหมา",
        quantity=D("2"),
        unit_cost=D("12500.25"),
    )
    stats = proposal_statistics(small_call.call)[small_call.a.pk]
    assert stats.requested_amount == D("325000.50")


def test_call_wide_mean_and_sample_deviation(small_call):
    result = review_statistics(small_call.call)
    # totals 60, 70, 80, 55, 50, 75: mean 65; squares 25+25+225+100+225+100 = 700; 700/5 = 140
    assert result.count == 6
    assert result.mean == D("65")
    assert round(result.std, 6) == round(D(140).sqrt(), 6)


@pytest.mark.parametrize(
    ("threshold", "flagged"), [("10.00", False), ("9.99", True), ("10.01", False)]
)
def test_disagreement_is_a_deviation_strictly_above_the_threshold(small_call, threshold, flagged):
    call = small_call.call
    call.disagreement_threshold = D(threshold)
    call.save(update_fields=["disagreement_threshold"])
    assert proposal_statistics(call)[small_call.a.pk].disagreement is flagged  # std 10.00


def test_only_submitted_reviews_of_the_current_round_count(db):
    call = make_call()
    proposal = proposal_in(call, round=2)
    submitted_review(proposal, reviewer_user(), 10, round=1)  # the earlier round
    submitted_review(proposal, reviewer_user(), 80)
    submitted_review(proposal, reviewer_user(), None, state=ReviewState.DRAFT)
    stats = proposal_statistics(call)[proposal.pk]
    assert (stats.count, stats.mean) == (1, D("80"))


def test_an_empty_call_has_no_statistics(db):
    result = review_statistics(make_call())
    assert (result.proposals, result.count, result.mean) == ({}, 0, None)


# The normalised mean


def test_normalised_mean_of_a_lenient_and_a_harsh_reviewer(db):
    """Lenient L gives 90 and 80, harsh H 60 and 40.

    L: mean 85, s = √50; H: mean 50, s = √200 — both z = +1/√2 on P1 and −1/√2 on P2.
    Call: 90, 80, 60, 40: mean 67.5, s = √(1475/3) = 22.1736.
    P1: 67.5 + 22.1736/√2 = 67.5 + √(1475/6) = 67.5 + 15.6791 = 83.18; P2: 67.5 − 15.6791 = 51.82.
    """
    call = make_call()
    lenient, harsh = reviewer_user(), reviewer_user()
    p1, p2 = proposal_in(call), proposal_in(call)
    submitted_review(p1, lenient, 90)
    submitted_review(p2, lenient, 80)
    submitted_review(p1, harsh, 60)
    submitted_review(p2, harsh, 40)
    stats = proposal_statistics(call)
    assert (stats[p1.pk].mean, stats[p1.pk].normalised_mean) == (D("75.00"), D("83.18"))
    assert (stats[p2.pk].mean, stats[p2.pk].normalised_mean) == (D("60.00"), D("51.82"))
    leniency = review_statistics(call).reviewers
    assert (leniency[lenient.pk].count, leniency[lenient.pk].mean) == (2, D("85"))
    assert round(leniency[harsh.pk].std, 6) == round(D(200).sqrt(), 6)


def test_a_reviewer_with_one_review_or_equal_scores_counts_as_the_call_average(db):
    """z = 0 for them: their reviews map onto the call's mean, here (90 + 50 + 70 + 70) / 4."""
    call = make_call()
    single_high, single_low, flat = reviewer_user(), reviewer_user(), reviewer_user()
    p1, p2 = proposal_in(call), proposal_in(call)
    submitted_review(p1, single_high, 90)
    submitted_review(p2, single_low, 50)
    submitted_review(p1, flat, 70)
    submitted_review(p2, flat, 70)
    stats = proposal_statistics(call)
    assert stats[p1.pk].normalised_mean == stats[p2.pk].normalised_mean == D("70.00")


def test_normalised_scores_stay_within_0_and_100(db):
    """L: 100 and 99 (z ±1/√2); M: 100 and 100 (z 0); N: 0 alone (z 0).
    Call: mean 79.8, s = √(7960.8/4) = 44.612; P1: 79.8 + 31.545 = 111.35 → 100;
    P2: 79.8 − 31.545 = 48.25."""
    call = make_call()
    lenient, flat, single = reviewer_user(), reviewer_user(), reviewer_user()
    p1, p2, p3, p4, p5 = (proposal_in(call) for _ in range(5))
    submitted_review(p1, lenient, 100)
    submitted_review(p2, lenient, 99)
    submitted_review(p3, flat, 100)
    submitted_review(p4, flat, 100)
    submitted_review(p5, single, 0)
    stats = proposal_statistics(call)
    assert stats[p1.pk].normalised_mean == D("100.00")
    assert stats[p2.pk].normalised_mean == D("48.25")
    assert stats[p3.pk].normalised_mean == stats[p5.pk].normalised_mean == D("79.80")


# Queries


@pytest.mark.parametrize("proposals", [1, 12])
def test_statistics_run_two_queries_whatever_the_number_of_proposals(
    db, django_assert_num_queries, proposals
):
    call = make_call()
    reviewers = [reviewer_user() for _ in range(3)]
    for n in range(proposals):
        proposal = proposal_in(call)
        for k, reviewer in enumerate(reviewers):
            submitted_review(proposal, reviewer, 50 + n + 10 * k)
    with django_assert_num_queries(2):
        result = proposal_statistics(call)
    assert len(result) == proposals


def test_streamed_statistics_are_those_of_the_call_in_the_order_of_the_proposals(db):
    """What the register export reads, a proposal at a time: the same figures (the requested
    amount aside), for the proposals asked, in their order; the leniency over the whole call."""
    call = make_call()
    lenient, harsh, single = reviewer_user(), reviewer_user(), reviewer_user()
    p1, p2, p3, unreviewed = (proposal_in(call) for _ in range(4))
    for proposal, scores in ((p1, (90, 60, 71)), (p2, (80, 40, None)), (p3, (85, 55, None))):
        for reviewer, total in zip((lenient, harsh, single), scores, strict=True):
            if total is not None:
                submitted_review(proposal, reviewer, total)
    submitted_review(p3, reviewer_user(), 10, round=0)  # an earlier round: left out
    expected = review_statistics(call)
    proposals = Proposal.objects.filter(pk__in=[p1.pk, p3.pk, unreviewed.pk]).order_by("-pk")

    streamed = list(streamed_statistics([call], proposals))

    assert [pk for pk, _stats in streamed] == [p3.pk, p1.pk]
    for pk, stats in streamed:
        assert stats == replace(expected.proposals[pk], requested_amount=D("0"))
    leniency = call_leniency(call)
    assert (leniency.mean, leniency.std, leniency.count) == (
        expected.mean,
        expected.std,
        expected.count,
    )
    assert leniency.reviewers == expected.reviewers
