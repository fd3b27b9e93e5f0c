"""The review summary of a proposal: for the officers and managers, every round's scores per
criterion and reviewer (named), each review's total, the statistics of the current round and
the comments; for the applicant, only what their decision page shows (each decision with the
reviewers' comments for the applicant, the reviewers numbered 1, 2 …)."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.numbers import cents
from proposals.stages.selectors import stage_criteria
from reports.pdf.common import DocumentUnavailable, amount_words, filename, issuer, subject_key
from reports.pdf.render import render_pdf
from reviews.decisions.selectors import decisions_for_applicant, proposals_for_decisions
from reviews.models import DecisionOutcome, ReviewState
from reviews.scoring.selectors import review_rounds
from reviews.scoring.statistics import proposal_statistics

LABEL = gettext_lazy("Review summary")
APPLICANT_LABEL = gettext_lazy("Review summary for the applicant")
# More reviewers than this in a round turn the page: their columns would not fit upright.
UPRIGHT_REVIEWERS = 4


def _mean(values):
    values = [Decimal(value) for value in values if value is not None]
    return cents(sum(values) / len(values)) if values else None


def _matrix(criteria, reviews):
    """One row per criterion: its scores in the order of `reviews` and their mean."""
    rows = []
    for index, criterion in enumerate(criteria):
        scores = [review.blocks[index]["score"] for review in reviews]
        rows.append({"criterion": criterion, "scores": scores, "mean": _mean(scores)})
    return rows


def submitted_rounds(proposal, criteria):
    """Every round, newest first (`reviews.scoring.selectors.review_rounds`): its submitted
    reviews (each with `blocks`, the scores and comments per criterion), the criterion ×
    reviewer matrix, and the assignments still without a submitted review. Two queries."""
    rounds = []
    for round_ in review_rounds(proposal, criteria):
        reviews, pending = [], []
        for entry in round_["entries"]:
            review = entry["review"]
            if review is not None and review.state == ReviewState.SUBMITTED:
                review.blocks = entry["blocks"]
                reviews.append(review)
            else:
                pending.append(entry["assignment"])
        rounds.append(
            {
                "round": round_["round"],
                "current": round_["current"],
                "reviews": reviews,
                "pending": pending,
                "matrix": _matrix(criteria, reviews),
                "mean_total": _mean(review.total_score for review in reviews),
            }
        )
    return rounds


def _proposal(proposal):
    return proposals_for_decisions().select_related("call__programme__funder").get(pk=proposal.pk)


def summary_context(proposal):
    criteria = stage_criteria(proposal)
    rounds = submitted_rounds(proposal, criteria)
    stats = proposal_statistics(proposal.call, proposal.stage).get(proposal.pk)
    return {
        "proposal": proposal,
        "call": proposal.call,
        "issuer": issuer(proposal.call.programme),
        "criteria": criteria,
        "rounds": rounds,
        "stats": stats,
        "requested_words": amount_words(stats.requested_amount) if stats else "",
    }


def build_review_summary(proposal):
    """(file name, PDF bytes) of the review summary with the reviewers' names."""
    proposal = _proposal(proposal)
    context = summary_context(proposal)
    widest = max((len(entry["reviews"]) for entry in context["rounds"]), default=0)
    key = subject_key(proposal)
    content = render_pdf(
        "reports/pdf/review_summary.html",
        context,
        title=_("Review summary"),
        reference=key,
        landscape=widest > UPRIGHT_REVIEWERS,
    )
    return filename(key, "review-summary"), content


def applicant_context(proposal):
    decisions = decisions_for_applicant(proposal)
    for decision in decisions:
        decision.is_approval = decision.outcome == DecisionOutcome.APPROVE
        decision.amount_words = amount_words(decision.approved_amount)
    return {
        "proposal": proposal,
        "call": proposal.call,
        "issuer": issuer(proposal.call.programme),
        "decisions": decisions,
    }


def build_applicant_summary(proposal):
    """(file name, PDF bytes) of the decisions and the reviewers' comments for the applicant,
    anonymised: no names, scores or confidential comments are even read."""
    proposal = _proposal(proposal)
    context = applicant_context(proposal)
    if not context["decisions"]:
        raise DocumentUnavailable(_("No decision has been taken on this proposal yet."))
    key = subject_key(proposal)
    content = render_pdf(
        "reports/pdf/review_summary_applicant.html",
        context,
        title=_("Decision and reviewers' comments"),
        reference=key,
    )
    return filename(key, "review-summary-applicant"), content
