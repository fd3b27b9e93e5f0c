"""The review score matrix of a call: a row per proposal × reviewer with a score per
criterion, and the ranking's aggregates on a second sheet, equal to what scoring and ranking
work out."""

from decimal import Decimal

import pytest
from django.utils import translation

from accounts.roles import Role
from proposals.models import ProposalState
from reports import documents
from reports.excel import SCORES
from reports.excel.rules import may_export_scores
from reports.excel.scores import build_scores
from reviews.models import CriterionScore, Recommendation, Review, ReviewState
from reviews.ranking.selectors import SORT_MEAN, build_ranking
from reviews.scoring.statistics import weighted_total
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS, OUTSIDER
from tests.reports.excel_helpers import (
    answers_of,
    data_of,
    decimal,
    excel_time,
    flat_queries,
    header_of,
    open_book,
    rows_of,
)
from tests.reviews.reviewing.scoring_helpers import (
    make_call,
    proposal_in,
    reviewer_user,
    submitted_review,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """In English: these sheets' words are new to the Thai catalogue (the register's tests
    read Thai)."""
    with translation.override("en"):
        yield


D = Decimal
S = ProposalState


def scored(proposal, reviewer, scores, **kwargs):
    """A submitted review with a score per criterion of the call (in their order)."""
    criteria = list(proposal.call.criteria.all())
    total = weighted_total(list(zip(criteria, scores, strict=True)))
    review = submitted_review(proposal, reviewer, total, **kwargs)
    for criterion, score in zip(criteria, scores, strict=True):
        CriterionScore.objects.create(review=review, criterion=criterion, score=score)
    return review


@pytest.fixture
def call(db):
    """Three proposals in review scored by two reviewers (criteria 60/40 on 1–5), one
    without a review yet, a draft review and a review of an earlier round."""
    call = make_call(code="SLC-2568", total_budget=D("700000"), ceiling_per_proposal=D("500000"))
    anna = reviewer_user(full_name_th="อรรณา ผู้ทรง", full_name_en="Anna Expert")
    boon = reviewer_user(full_name_th="บุญ ผู้ทรง", full_name_en="Boon Expert")
    best = proposal_in(call, amount=D("400000"))
    middle = proposal_in(call, amount=D("300000"))
    last = proposal_in(call, amount=D("200000"))
    proposal_in(call, amount=D("100000"))  # no review yet
    scored(best, anna, (5, 5))
    scored(best, boon, (4, 5), recommendation=Recommendation.FUND_AFTER_REVISION)
    scored(middle, anna, (3, 4))
    scored(middle, boon, (4, 2))
    scored(last, anna, (2, 1), recommendation=Recommendation.DO_NOT_FUND)
    submitted_review(last, boon, None, state=ReviewState.DRAFT)  # not submitted: not counted
    earlier = proposal_in(call, round=2)
    scored(earlier, anna, (1, 1), round=1)  # an earlier round: not counted
    return call


def test_the_matrix_has_a_row_per_submitted_review_with_each_criterion_score(call, officer):
    output = build_scores(call, user=officer, options={})
    book = open_book(output)
    assert book.sheetnames == ["Scores", "Ranking"]
    sheet = book["Scores"]
    assert header_of(sheet) == [
        "Reference",
        "Title",
        "Reviewer",
        "Fit (1–5)",
        "Value (1–5)",
        "Score (0–100)",
        "Recommendation",
        "Budget verdict",
        "Submitted at",
    ]
    rows = [[*row[:5], decimal(row[5]), *row[6:]] for row in data_of(sheet, totals=False)]
    expected = []
    reviews = Review.objects.filter(
        assignment__proposal__call=call, state=ReviewState.SUBMITTED
    ).select_related("assignment__proposal", "assignment__reviewer")
    for review in reviews:
        proposal = review.assignment.proposal
        if review.assignment.round != proposal.round:
            continue
        scores = [score.score for score in review.scores.order_by("criterion__position")]
        expected.append(
            [
                proposal.reference,
                proposal.title_en,
                review.assignment.reviewer.full_name_en,
                *scores,
                review.total_score,
                str(review.get_recommendation_display()),
                str(review.get_budget_verdict_display()),
                excel_time(review.submitted_at),
            ]
        )
    by_review = lambda row: (row[0], row[2])  # noqa: E731
    assert sorted(rows, key=by_review) == sorted(expected, key=by_review)
    assert len(rows) == 5  # neither the draft nor the earlier round's review
    assert [row[:6] for row in rows[:2]] == [
        [rows[0][0], rows[0][1], "Anna Expert", 5, 5, D("100.00")],
        [rows[0][0], rows[0][1], "Boon Expert", 4, 5, D("85.00")],
    ]
    assert sheet["D2"].number_format == "#,##0"
    assert sheet["F2"].number_format == "0.00"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:I6"


def test_the_ranking_sheet_says_what_the_ranking_says(call, manager):
    call.programme.managers.add(manager)
    sheet = open_book(build_scores(call, user=manager, options={}))["Ranking"]
    ranking = build_ranking(call)
    rows = data_of(sheet)
    assert [row[1] for row in rows] == [row.proposal.reference for row in ranking.rows]
    first, unscored = rows[0], rows[3]
    stats = ranking.rows[0].stats
    assert first[0] == 1 and unscored[0] is None
    assert [decimal(value) for value in first[6:12]] == [
        stats.mean,
        stats.median,
        stats.std,
        stats.minimum,
        stats.maximum,
        stats.normalised_mean,
    ]
    assert first[5] == stats.count == 2
    assert [decimal(row[13]) for row in rows[:4]] == [
        row.requested_amount for row in ranking.rows[:4]
    ]
    assert [decimal(row[15]) for row in rows[:4]] == [row.cumulative for row in ranking.rows[:4]]
    # The budget of 700,000 takes the first two (400,000 + 300,000).
    assert [row[16] for row in rows[:4]] == ["Yes", "Yes", "No", "No"]
    assert rows_of(sheet)[-1][13] == f"=SUM(N2:N{len(rows) + 1})"


def test_the_ranking_sheet_takes_the_what_if_of_the_ranking_page(call, officer):
    options = {"sort": SORT_MEAN, "budget": "1000000", "line": "1"}
    sheet = open_book(build_scores(call, user=officer, options=options))["Ranking"]
    ranking = build_ranking(call, sort=SORT_MEAN, budget=D("1000000"), line=1)
    rows = data_of(sheet)
    assert [row[1] for row in rows] == [row.proposal.reference for row in ranking.rows]
    assert [row[16] for row in rows[:3]] == ["Yes", "No", "No"]


def test_an_invalid_what_if_is_left_out_as_on_the_page(call, officer):
    sheet = open_book(build_scores(call, user=officer, options={"budget": "lots"}))["Ranking"]
    assert [row[16] for row in data_of(sheet)[:3]] == ["Yes", "Yes", "No"]


def test_a_call_without_reviews_gives_empty_sheets(officer):
    call = make_call()
    book = open_book(build_scores(call, user=officer, options={}))
    assert data_of(book["Scores"], totals=False) == []
    assert rows_of(book["Ranking"])[1][0] == "Total"


def test_the_score_matrix_runs_the_same_queries_for_few_and_many_proposals(officer):
    call = make_call()
    reviewers = [reviewer_user() for _n in range(3)]

    def make(count):
        for n in range(count):
            proposal = proposal_in(call)
            for reviewer in reviewers:
                scored(proposal, reviewer, (1 + n % 5, 5 - n % 5))

    queries = flat_queries(lambda: build_scores(call, user=officer, options={}), make)
    # criteria, reviews, their scores, and the ranking (2 of statistics, the proposals' values,
    # the proposals, the panels' consensus)
    assert queries == 8


def test_who_may_have_the_score_matrix(call, personas):
    answers = answers_of(may_export_scores, call, personas)
    assert answers == {
        Role.RESEARCHER.value: False,
        Role.FUNDING_OFFICER.value: True,
        Role.REVIEWER.value: False,
        Role.PROGRAMME_MANAGER.value: False,  # not a manager of this programme
        Role.ADMINISTRATOR.value: False,
        "mentor": False,
        "finance": False,
        OUTSIDER: False,
        ANONYMOUS: False,
    }
    manager_of_it = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    call.programme.managers.add(manager_of_it)
    assert may_export_scores(manager_of_it, call)


def test_the_score_matrix_is_in_the_catalogue():
    assert documents.get("scores", documents.XLSX) is SCORES
    assert (SCORES.scope, SCORES.options) == (documents.CALL, ("sort", "budget", "line"))
    assert build_scores.__name__ == SCORES.build.__name__
