"""The review summary of a proposal for staff: every review of every round with the reviewers'
names, scores per criterion and confidential comments, the current round's statistics, and
the reopen buttons for officers."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from accounts.roles import Role
from proposals.models import Proposal
from reviews.models import CriterionScore
from tests.factories import UserFactory
from tests.helpers import assert_access, assert_flat_queries
from tests.reviews.reviewing.scoring_helpers import (
    assign,
    make_call,
    proposal_in,
    reviewer_user,
    submitted_review,
)

pytestmark = pytest.mark.django_db

LOGIN = 302


def scored(review, fit_score, value_score, comment="ดี"):
    fit, value = review.assignment.proposal.call.criteria.order_by("position")
    CriterionScore.objects.create(review=review, criterion=fit, score=fit_score, comment=comment)
    CriterionScore.objects.create(review=review, criterion=value, score=value_score)
    return review


@pytest.fixture
def scene(db):
    call = make_call()
    proposal = proposal_in(call, round=2)
    first = reviewer_user(full_name_th="สมชาย ผู้ทรงคุณวุฒิ")
    second = reviewer_user(full_name_th="สมหญิง ผู้ทรงคุณวุฒิ")
    old = scored(submitted_review(proposal, first, 45, round=1), 2, 3, "รอบแรกยังไม่ชัด")
    current = scored(submitted_review(proposal, first, 80), 5, 3, "ชัดเจนขึ้น")
    scored(submitted_review(proposal, second, 70), 4, 4)
    waiting = reviewer_user(full_name_th="สมศักดิ์ ยังไม่ส่ง")
    assign(proposal, waiting)
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    call.programme.managers.add(manager)
    return SimpleNamespace(
        call=call,
        proposal=proposal,
        old=old,
        current=current,
        people={
            "funding_officer": UserFactory(roles=[Role.FUNDING_OFFICER]),
            "programme_manager": manager,
            "other_manager": UserFactory(roles=[Role.PROGRAMME_MANAGER]),
            "assigned_reviewer": first,
            "applicant": proposal.lead,
            "administrator": UserFactory(roles=[Role.ADMINISTRATOR]),
            "outsider": UserFactory(roles=[]),
            "anonymous": None,
        },
    )


def page(proposal):
    return reverse("reviews:review_summary", args=[proposal.pk])


def test_officers_and_the_programme_managers_read_the_reviews(client, scene):
    expected = {name: 404 for name in scene.people} | {
        "funding_officer": 200,
        "programme_manager": 200,
        "anonymous": LOGIN,
    }
    assert_access(client, scene.people, page(scene.proposal), expected)


def test_the_summary_shows_every_round_with_names_scores_and_confidential_comments(client, scene):
    client.force_login(scene.people["programme_manager"])
    response = client.get(page(scene.proposal))
    text = response.text
    for name in ("สมชาย ผู้ทรงคุณวุฒิ", "สมหญิง ผู้ทรงคุณวุฒิ", "สมศักดิ์ ยังไม่ส่ง"):
        assert name in text
    assert "รอบแรกยังไม่ชัด" in text and "ชัดเจนขึ้น" in text
    assert "ความเห็นลับถึงเจ้าหน้าที่" in text
    assert [r["round"] for r in response.context["rounds"]] == [2, 1]
    # Round 2 only: 80 and 70 → mean 75, median 75, sample deviation √50 = 7.07.
    stats = response.context["stats"]
    assert (stats.count, str(stats.mean), str(stats.median), str(stats.std)) == (
        2,
        "75.00",
        "75.00",
        "7.07",
    )
    assert 'name="reason"' not in text  # managers do not reopen


def test_officers_get_a_reopen_button_on_the_current_rounds_submitted_reviews(client, scene):
    client.force_login(scene.people["funding_officer"])
    text = client.get(page(scene.proposal)).text
    assert reverse("reviews:reopen_review", args=[scene.current.pk]) in text
    assert reverse("reviews:reopen_review", args=[scene.old.pk]) not in text


def test_the_summary_runs_as_many_queries_with_many_reviews_as_with_one(client, db):
    call = make_call()
    proposal = proposal_in(call, round=1)
    officer = UserFactory(roles=[Role.FUNDING_OFFICER])

    def make_rows(n):
        for i in range(n):
            review = submitted_review(proposal, reviewer_user(), 50 + i)
            scored(review, 1 + i % 5, 5 - i % 5)
        Proposal.objects.filter(pk=proposal.pk).update(round=1)

    queries = assert_flat_queries(client, officer, page(proposal), make_rows, few=1, many=12)
    assert queries == 9
    assert len(client.get(page(proposal)).context["rounds"][0]["entries"]) == 12
