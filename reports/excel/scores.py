"""The review score matrix of a call as a workbook.

Sheet 1: one row per proposal × reviewer (the submitted reviews of each proposal's current
round, the ones the statistics count), a column per criterion with its score, the review's
weighted total and recommendation. Sheet 2: one row per proposal in the order of the call's
ranking, with its statistics (count, mean, median, SD, min–max, normalised mean), its rank,
the cumulative amount and the funding line. Both come from reviews.scoring.statistics and
reviews.ranking.selectors, so the file says what the ranking page says; the ranking page's
what-if (order, budget, line) may be passed as options.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from reports.documents import XLSX, Output, no_progress
from reports.excel.writer import DATETIME, INTEGER, MONEY, NUMBER, Book, Column
from reviews.models import BudgetVerdict, Recommendation
from reviews.ranking.forms import RankingOptionsForm
from reviews.ranking.selectors import build_ranking
from reviews.scoring.statistics import current_submitted_reviews

OPTIONS = ("sort", "budget", "line")


def _labels(choices):
    return {choice.value: str(choice.label) for choice in choices}


def matrix_columns(criteria):
    return [
        Column(_("Reference"), width=16),
        Column(_("Title"), width=44),
        Column(_("Reviewer"), width=26),
        *(
            Column(f"{criterion.name} ({criterion.scale_min}–{criterion.scale_max})", INTEGER)
            for criterion in criteria
        ),
        Column(capfirst(_("score (0–100)")), NUMBER, width=12),
        Column(_("Recommendation"), width=22),
        Column(_("Budget verdict"), width=16),
        Column(capfirst(_("submitted at")), DATETIME, width=16),
    ]


def reviews_of(call):
    """The reviews the statistics count, with their proposal, reviewer and scores (two
    queries), by proposal reference and then in the order reviewers were assigned."""
    return (
        current_submitted_reviews(call)
        .select_related("assignment__proposal", "assignment__reviewer")
        .prefetch_related("scores")
        .order_by("assignment__proposal__reference", "assignment__assigned_at", "pk")
    )


def matrix_rows(call, criteria):
    recommendations = _labels(Recommendation)
    verdicts = _labels(BudgetVerdict)
    for review in reviews_of(call):
        proposal, reviewer = review.assignment.proposal, review.assignment.reviewer
        scores = {score.criterion_id: score.score for score in review.scores.all()}
        yield [
            proposal.reference,
            proposal.title,
            reviewer.display_name,
            *(scores.get(criterion.pk) for criterion in criteria),
            review.total_score,
            recommendations.get(review.recommendation, ""),
            verdicts.get(review.budget_verdict, ""),
            review.submitted_at,
        ]


def ranking_columns():
    return [
        Column(_("Rank"), INTEGER, width=8),
        Column(_("Reference"), width=16),
        Column(_("Title"), width=44),
        Column(_("Lead researcher"), width=26),
        Column(_("State"), width=18),
        Column(_("Reviews"), INTEGER, width=10),
        Column(_("Mean"), NUMBER, width=10),
        Column(_("Median"), NUMBER, width=10),
        Column(_("Std. dev."), NUMBER, width=10),
        Column(_("Minimum"), NUMBER, width=10),
        Column(_("Maximum"), NUMBER, width=10),
        Column(_("Normalised mean"), NUMBER, width=12),
        Column(_("Reviewers disagree"), width=12),
        Column(_("Requested (baht)"), MONEY, width=16, total=True),
        Column(_("Counted (baht)"), MONEY, width=16),
        Column(_("Cumulative (baht)"), MONEY, width=16),
        Column(_("Above the funding line"), width=12),
    ]


def ranking_rows(ranking):
    """The ranking's rows: the rank counts the proposals with a score, best first."""
    yes, no = _("Yes"), _("No")
    rank = 0
    for row in ranking.rows:
        stats, proposal = row.stats, row.proposal
        if stats is not None:
            rank += 1
        yield [
            rank if stats is not None else None,
            proposal.reference,
            proposal.title,
            proposal.lead.display_name,
            proposal.get_state_display(),
            stats.count if stats else 0,
            *(
                (stats.mean, stats.median, stats.std, stats.minimum, stats.maximum)
                if stats
                else (None,) * 5
            ),
            stats.normalised_mean if stats else None,
            (yes if stats.disagreement else no) if stats else None,
            row.requested_amount,
            row.amount if row.counts else None,
            row.cumulative if row.counts else None,
            (yes if row.above_line else no) if row.counts else None,
        ]


def filename(call):
    return f"{call.code}-scores.xlsx"


def build_scores(call, *, user=None, options=None, progress=no_progress):
    """The score matrix and the ranking of `call` as an .xlsx `Output`. `options` may carry
    the ranking page's what-if (sort, budget, line); an invalid one is left out, as there."""
    criteria = list(call.criteria.all())
    book = Book()
    book.add_sheet(_("Scores"), matrix_columns(criteria), matrix_rows(call, criteria))
    progress(50)
    form = RankingOptionsForm(options or None, call=call)
    ranking = build_ranking(call, **form.options())
    book.add_sheet(_("Ranking"), ranking_columns(), ranking_rows(ranking), totals=True)
    progress(100)
    return Output(filename(call), book.content(), XLSX)
