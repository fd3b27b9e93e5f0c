"""The arithmetic of review scores, in one place: a review's weighted total, and per proposal of
a call the count, mean, median, spread, range and a normalised mean of its submitted reviews.

Choices, so that the numbers can be checked by hand:

- A review's total follows its call's formula (`Call.scoring_formula`). Full marks (the Thai
  committee form, the default of new calls): Σ wᵢ·sᵢ/maxᵢ / Σ wᵢ × 100, so 1 of 5 earns a fifth
  of the weight. Rescaled (the calls made before the choice existed): Σ wᵢ·(sᵢ − minᵢ)/(maxᵢ −
  minᵢ) / Σ wᵢ × 100, every score put on 0–1 within its own scale, so the lowest earns
  nothing. Rounded half up to two places, and stored when the review is submitted: the call's
  formula cannot change once a review of it is submitted, so the stored totals always follow
  it.
- Only the submitted reviews of each proposal's CURRENT round count (a revised proposal is
  judged afresh; the earlier round's reviews stay on the summary page).
- Standard deviations are SAMPLE deviations (n − 1), and 0 when there is a single review. They
  are worked out exactly in Decimal from the stored totals (read in one query, so a call of
  thousands of reviews costs the same number of queries on SQLite and PostgreSQL): the
  population deviation σ, turned into the sample one: s = σ·√(n / (n − 1)).
- The normalised mean removes each reviewer's leniency. For a review by reviewer k,
  z = (score − mean of k's reviews) / (sample deviation of k's reviews), over k's submitted
  reviews of the call; a reviewer with one review, or whose reviews are all equal, gives z = 0
  (nothing tells how lenient they are, so their reviews count as the call's average). The z is
  mapped back with the call's mean and sample deviation over every submitted review of the
  call (call mean + z × call deviation), kept within 0–100, and the proposal's normalised mean
  is the mean of its mapped scores.
- A proposal's reviewers disagree when its deviation, rounded as shown, is strictly above the
  call's disagreement threshold.
"""

import functools
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F

from core.numbers import cents
from proposals.editing.budget import requested_amounts
from proposals.models import Proposal, ProposalStage, ScoringFormula
from reviews.models import Recommendation, Review, ReviewState
from reviews.scoring import cache as statistics_cache

ZERO = Decimal("0")
HUNDRED = Decimal("100")


def _decimal(value):
    """A float from the database as a Decimal, without its binary noise (72.4999999 → 72.5)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    return Decimal(format(value, ".9f"))


@functools.cache
def _bessel(count):
    """√(n / (n − 1)), worked out once per n (a call's proposals have two or three reviews)."""
    return (Decimal(count) / Decimal(count - 1)).sqrt()


def _sample_std(population_std, count):
    """The sample deviation (n − 1) from the population one (n); 0 for fewer than two."""
    if count < 2 or not population_std:
        return ZERO
    return _decimal(population_std) * _bessel(count)


def weighted_total(scores, formula=ScoringFormula.RESCALED):
    """The weighted total of a review on 0–100 by `formula` (a `ScoringFormula`: the call's),
    as a Decimal with two places.

    `scores` is an iterable of (criterion, score) pairs, or of objects with `.criterion` and
    `.score` (CriterionScore rows); a criterion has `weight`, `scale_min` and `scale_max`.
    Raises ValueError when a score is missing or off its scale, or when there is no weight.

    Weights 60 and 40 on 1–5, scores 5 and 3: rescaled (60 × 4/4 + 40 × 2/4) / 100 × 100 =
    80.00; full marks (60 × 5/5 + 40 × 3/5) / 100 × 100 = 84.00."""
    weighted = ZERO
    weights = ZERO
    for item in scores:
        criterion, score = (item.criterion, item.score) if hasattr(item, "criterion") else item
        if score is None:
            raise ValueError(f"no score for {criterion}")
        if not criterion.scale_min <= score <= criterion.scale_max:
            raise ValueError(f"score {score} off the scale of {criterion}")
        weight = Decimal(criterion.weight)
        if formula == ScoringFormula.FULL_MARKS:
            weighted += weight * Decimal(score) / Decimal(criterion.scale_max)
        else:
            span = Decimal(criterion.scale_max - criterion.scale_min)
            weighted += weight * Decimal(score - criterion.scale_min) / span
        weights += weight
    if not weights:
        raise ValueError("no weighted criterion")
    return cents(weighted / weights * HUNDRED)


@dataclass(frozen=True)
class ProposalStatistics:
    """The submitted reviews of one proposal's current round, on 0–100 (two places)."""

    count: int
    mean: Decimal
    median: Decimal
    std: Decimal  # sample standard deviation (n − 1); 0 for a single review
    minimum: Decimal
    maximum: Decimal
    normalised_mean: Decimal
    disagreement: bool  # std > the call's disagreement threshold
    requested_amount: Decimal
    recommendations: dict = field(default_factory=dict)  # Recommendation value → count

    @property
    def recommendation_tally(self):
        """[(label, count)] in the order of Recommendation, for pages."""
        tally = self.recommendations
        return [(choice.label, tally.get(choice.value, 0)) for choice in Recommendation]


@dataclass(frozen=True)
class ReviewerLeniency:
    """One reviewer's submitted reviews of the call: how many, their mean and sample deviation."""

    count: int
    mean: Decimal
    std: Decimal


@dataclass
class CallStatistics:
    """Everything `review_statistics` works out for a call.

    `proposals` maps a proposal's pk to its ProposalStatistics (only proposals with at least one
    submitted review of their current round); `reviewers` maps a reviewer's pk to their
    ReviewerLeniency; `requested` maps every proposal of the call with budget lines to its
    requested amount; `mean`, `std` (sample) and `count` are over every submitted review of the
    call (None, 0 and 0 when there is none)."""

    mean: Decimal | None = None
    std: Decimal = ZERO
    count: int = 0
    proposals: dict = field(default_factory=dict)
    reviewers: dict = field(default_factory=dict)
    requested: dict = field(default_factory=dict)


def current_submitted_reviews(call, stage=None):
    """The submitted reviews of the call's proposals (of `stage`, when given), each of its
    proposal's current round."""
    reviews = Review.objects.filter(
        state=ReviewState.SUBMITTED,
        total_score__isnull=False,
        assignment__proposal__call=call,
        assignment__round=F("assignment__proposal__round"),
    ).order_by()
    return reviews if stage is None else reviews.filter(assignment__proposal__stage=stage)


def call_has_submitted_reviews(call):
    """Whether a review of `call` (of any round) is submitted, its total stored; one query."""
    return Review.objects.filter(
        state=ReviewState.SUBMITTED, assignment__proposal__call=call
    ).exists()


def _spread(totals):
    """Count, mean and population deviation of `totals` (Decimals), exactly."""
    count = len(totals)
    mean = sum(totals, ZERO) / count
    return count, mean, (sum(((t - mean) ** 2 for t in totals), ZERO) / count).sqrt()


def _mapped(total, leniency, call_mean, call_std):
    """A review's total with its reviewer's leniency removed, on the call's scale (0–100)."""
    known = leniency.count > 1 and leniency.std
    z = (total - leniency.mean) / leniency.std if known else ZERO
    return min(max(call_mean + z * call_std, ZERO), HUNDRED)


def review_statistics(call, stage=None):
    """The statistics of a call's reviews (see CallStatistics; of one stage's proposals when
    `stage` is given, so that concepts and full proposals are normalised apart), in two
    queries whatever the number of proposals and reviews: the reviews' totals (every spread is
    worked out from them in one pass) and the requested amounts. Kept in the cache until a
    review, an assignment, a proposal or a budget line of the call changes, or the call does
    (`reviews.scoring.cache`): no query then, and none of the arithmetic."""
    return statistics_cache.cached(call.pk, (stage,), lambda: _review_statistics(call, stage))


def _review_statistics(call, stage):
    rows = list(
        current_submitted_reviews(call, stage).values_list(
            "assignment__proposal_id", "assignment__reviewer_id", "total_score", "recommendation"
        )
    )
    result = CallStatistics(requested=requested_amounts(Proposal.objects.filter(call=call)))
    if not rows:
        return result
    rows = [(p, r, _decimal(total), recommendation) for p, r, total, recommendation in rows]
    result.count, result.mean, whole_std = _spread([row[2] for row in rows])
    result.std = _sample_std(whole_std, result.count)
    by_reviewer = {}
    for _proposal, reviewer_id, total, _recommendation in rows:
        by_reviewer.setdefault(reviewer_id, []).append(total)
    for reviewer_id, totals in by_reviewer.items():
        count, mean, pop_std = _spread(totals)
        result.reviewers[reviewer_id] = ReviewerLeniency(
            count=count, mean=mean, std=_sample_std(pop_std, count)
        )

    per_proposal = {}
    for proposal_id, reviewer_id, total, recommendation in rows:
        per_proposal.setdefault(proposal_id, []).append((reviewer_id, total, recommendation))
    threshold = call.disagreement_threshold
    for proposal_id, reviews in per_proposal.items():
        result.proposals[proposal_id] = _of_proposal(
            reviews, result, threshold, result.requested.get(proposal_id, ZERO)
        )
    return result


RECOMMENDATIONS = [choice.value for choice in Recommendation]


def _of_proposal(reviews, call_statistics, threshold, requested_amount):
    """The ProposalStatistics of one proposal's `reviews` [(reviewer pk, total,
    recommendation)], its reviewers' leniency and the call's figures in `call_statistics`."""
    totals, mapped, tally = [], [], {}
    for reviewer_id, total, recommendation in reviews:
        totals.append(total)
        leniency = call_statistics.reviewers[reviewer_id]
        mapped.append(_mapped(total, leniency, call_statistics.mean, call_statistics.std))
        if recommendation:
            tally[recommendation] = tally.get(recommendation, 0) + 1
    count, mean, pop_std = _spread(totals)
    std = cents(_sample_std(pop_std, count))
    return ProposalStatistics(
        count=count,
        mean=cents(mean),
        median=cents(statistics.median(totals)),
        std=std,
        minimum=cents(min(totals)),
        maximum=cents(max(totals)),
        normalised_mean=cents(sum(mapped) / len(mapped)),
        disagreement=std > threshold,
        requested_amount=requested_amount,
        recommendations={value: tally.get(value, 0) for value in RECOMMENDATIONS},
    )


STREAM_CHUNK = 1000


def call_leniency(call, stage=None):
    """A CallStatistics with the call's mean, deviation and count and each reviewer's
    leniency as `review_statistics` works them out (no proposals, no requested amounts), from
    two passes over the reviews' totals streamed from the database — their sums, then their
    squares about the means — so that memory grows with the reviewers, not the reviews. Two
    queries."""
    totals = current_submitted_reviews(call, stage).values_list(
        "assignment__reviewer_id", "total_score"
    )
    count, whole, sums = 0, ZERO, {}
    for reviewer_id, total in totals.iterator(chunk_size=STREAM_CHUNK):
        total = _decimal(total)
        count += 1
        whole += total
        reviewed, summed = sums.get(reviewer_id, (0, ZERO))
        sums[reviewer_id] = (reviewed + 1, summed + total)
    result = CallStatistics()
    if not count:
        return result
    result.count, result.mean = count, whole / count
    means = {reviewer_id: summed / reviewed for reviewer_id, (reviewed, summed) in sums.items()}
    whole_squares, squares = ZERO, dict.fromkeys(sums, ZERO)
    for reviewer_id, total in totals.iterator(chunk_size=STREAM_CHUNK):
        if reviewer_id not in means:  # submitted between the two passes
            continue
        total = _decimal(total)
        whole_squares += (total - result.mean) ** 2
        squares[reviewer_id] += (total - means[reviewer_id]) ** 2
    result.std = _sample_std((whole_squares / count).sqrt(), count)
    for reviewer_id, (reviewed, _summed) in sums.items():
        population_std = (squares[reviewer_id] / reviewed).sqrt()
        result.reviewers[reviewer_id] = ReviewerLeniency(
            count=reviewed, mean=means[reviewer_id], std=_sample_std(population_std, reviewed)
        )
    return result


def streamed_statistics(calls, proposals):
    """(proposal pk, ProposalStatistics) of each of `proposals` (a queryset of proposals of
    `calls`, ordered) with a submitted review of its current round, in the order of
    `proposals`: the reviews are streamed in that order and each proposal's figures yielded
    as soon as its reviews are read, so that a long export holds the reviewers' leniency, not
    every review. The figures are those of `review_statistics` (a two-stage call's stages
    normalised apart), without the requested amount (0). Two queries per call (per stage of
    a two-stage call), and one for the reviews."""
    lenient, two_stage, thresholds = {}, {}, {}
    for call in calls:
        two_stage[call.pk] = call.has_concept_stage
        thresholds[call.pk] = call.disagreement_threshold
        stages = (ProposalStage.CONCEPT, ProposalStage.FULL) if call.has_concept_stage else (None,)
        for stage in stages:
            lenient[(call.pk, stage)] = call_leniency(call, stage)
    order = [
        f"-assignment__proposal__{name[1:]}"
        if name.startswith("-")
        else f"assignment__proposal__{name}"
        for name in proposals.query.order_by
    ]
    reviews = (
        Review.objects.filter(
            state=ReviewState.SUBMITTED,
            total_score__isnull=False,
            assignment__proposal__in=proposals.values("pk"),
            assignment__proposal__call__in=[call.pk for call in calls],
            assignment__round=F("assignment__proposal__round"),
        )
        .order_by(*order, "pk")
        .values_list(
            "assignment__proposal_id",
            "assignment__proposal__call_id",
            "assignment__proposal__stage",
            "assignment__reviewer_id",
            "total_score",
            "recommendation",
        )
    )
    current, key, gathered = None, None, []
    for proposal_id, call_id, stage, reviewer_id, total, recommendation in reviews.iterator(
        chunk_size=STREAM_CHUNK
    ):
        if proposal_id != current:
            if gathered:
                yield current, _of_proposal(gathered, lenient[key], thresholds[key[0]], ZERO)
            current, key, gathered = (
                proposal_id,
                (call_id, stage if two_stage[call_id] else None),
                [],
            )
        if reviewer_id in lenient[key].reviewers:  # submitted while the export runs: left out
            gathered.append((reviewer_id, _decimal(total), recommendation))
    if gathered:
        yield current, _of_proposal(gathered, lenient[key], thresholds[key[0]], ZERO)


def proposal_statistics(call, stage=None):
    """{proposal pk: ProposalStatistics} for every proposal of `call` with at least one
    submitted review of its current round (two queries, none when cached; see
    review_statistics)."""
    return review_statistics(call, stage).proposals
