"""Reads of the decision pages, each shaped so that its page runs a fixed number of queries.

What reaches the applicant is read as plain values (round, comments for the applicant), so
that a reviewer's name, email, confidential comments or scores are never even loaded."""

from dataclasses import dataclass, field

from proposals.editing.budget import with_requested_amount
from proposals.models import Proposal
from reviews.decisions.checks import SET_ASIDE
from reviews.models import Review, ReviewState


def proposals_for_decisions():
    """Proposals with what the decision pages and their permission checks read: the call,
    its programme's managers, the lead and the team."""
    return Proposal.objects.select_related("call", "call__programme", "lead").prefetch_related(
        "team"
    )


def _submitted_reviews(proposal, rounds):
    """The submitted reviews of `rounds` of `proposal` that count, in the stable order that
    numbers the reviewers: by round, then by when (and in which order) they were assigned."""
    return (
        Review.objects.filter(
            assignment__proposal=proposal,
            assignment__round__in=list(rounds),
            state=ReviewState.SUBMITTED,
        )
        .exclude(assignment__state__in=SET_ASIDE)
        .order_by("assignment__round", "assignment__assigned_at", "assignment_id")
    )


@dataclass
class ReviewerComment:
    """A reviewer's comment for the applicant, under a number instead of a name."""

    number: int
    text: str


def _number_by_round(rows):
    """{round: [ReviewerComment…]} numbering reviewers 1, 2… within each round."""
    numbered = {}
    for round_number, text in rows:
        comments = numbered.setdefault(round_number, [])
        comments.append(ReviewerComment(len(comments) + 1, text))
    return numbered


def applicant_comments(proposal, rounds):
    """{round: [ReviewerComment…]}: the reviewers' comments for the applicant, anonymised."""
    rows = _submitted_reviews(proposal, rounds).values_list(
        "assignment__round", "comments_to_applicant"
    )
    return _number_by_round(rows)


def decisions_for_applicant(proposal):
    """`proposal`'s decisions, newest first, each with `.reviewer_comments` of its round
    (anonymised) and `.is_current` for the latest one. Two queries."""
    decisions = list(proposal.decisions.order_by("-round", "-decided_at"))
    comments = applicant_comments(proposal, {decision.round for decision in decisions})
    for index, decision in enumerate(decisions):
        decision.reviewer_comments = comments.get(decision.round, [])
        decision.is_current = index == 0
    return decisions


@dataclass
class RoundReview:
    number: int
    score: object
    recommendation: str
    budget_verdict: str
    comments_to_applicant: str


@dataclass
class RoundSummary:
    """The submitted reviews of one round, numbered as the applicant will see them. (The
    statistics come from reviews.scoring.statistics, so that every page shows the same.)"""

    round: int
    reviews: list = field(default_factory=list)


def round_summary(proposal):
    """The summary of the reviews of `proposal`'s current round, for the decision page."""
    summary = RoundSummary(round=proposal.round)
    for index, review in enumerate(
        _submitted_reviews(proposal, [proposal.round]).only(
            "total_score", "recommendation", "budget_verdict", "comments_to_applicant"
        ),
        start=1,
    ):
        summary.reviews.append(
            RoundReview(
                number=index,
                score=review.total_score,
                recommendation=review.get_recommendation_display(),
                budget_verdict=review.get_budget_verdict_display(),
                comments_to_applicant=review.comments_to_applicant,
            )
        )
    return summary


def past_decisions(proposal):
    """Every decision of `proposal`, newest round first."""
    return list(proposal.decisions.order_by("-round", "-decided_at"))


def bulk_candidates(call, ids):
    """The proposals of `call` among `ids`, with their requested amount, by reference."""
    proposals = (
        Proposal.objects.filter(call=call, pk__in=ids, sequence__isnull=False)
        .select_related("call", "lead")
        .order_by("sequence")
    )
    return list(with_requested_amount(proposals))
