"""The scoring formula of a call (issue #13, item 10): score ÷ full marks × weight (the Thai
committee form, the default of new calls) or rescaled from the lowest score; the review form,
the ranking and the review summary say which; the formula stays once a review is submitted."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from accounts.roles import Role
from proposals.calls import services as call_services
from proposals.models import Call, ScoringFormula
from reviews.models import Review
from reviews.scoring.statistics import weighted_total
from tests.factories import UserFactory
from tests.proposals.formdata import edit_data
from tests.proposals.test_services import call_data
from tests.reviews.reviewing.scoring_helpers import (
    assign,
    make_call,
    proposal_in,
    reviewer_user,
    submitted_review,
)

D = Decimal
pytestmark = pytest.mark.django_db


def criterion(weight, low=1, high=5):
    return SimpleNamespace(weight=D(weight), scale_min=low, scale_max=high)


FIT, VALUE = criterion(60), criterion(40)


@pytest.mark.parametrize(
    ("scores", "full_marks", "rescaled"),
    [
        # 60 × 5/5 + 40 × 3/5 = 84; rescaled 60 × 4/4 + 40 × 2/4 = 80.
        ((5, 3), D("84.00"), D("80.00")),
        # 1 of 5 earns a fifth of the weight: 20; rescaled, nothing.
        ((1, 1), D("20.00"), D("0.00")),
        # 4 of 5 everywhere: 80; rescaled (4 − 1)/(5 − 1) = 75.
        ((4, 4), D("80.00"), D("75.00")),
    ],
)
def test_each_formula_by_hand(scores, full_marks, rescaled):
    pairs = list(zip((FIT, VALUE), scores, strict=True))
    assert weighted_total(pairs, ScoringFormula.FULL_MARKS) == full_marks
    assert weighted_total(pairs, ScoringFormula.RESCALED) == rescaled


def test_full_marks_on_a_scale_from_zero():
    # 0–10, score 7, weight 100: 7 ÷ 10 = 70 either way.
    pairs = [(criterion(100, 0, 10), 7)]
    assert weighted_total(pairs, ScoringFormula.FULL_MARKS) == D("70.00")
    assert weighted_total(pairs, ScoringFormula.RESCALED) == D("70.00")


def test_a_new_call_scores_by_full_marks(officer):
    call = call_services.create_call(actor=officer, data=call_data())
    assert call.scoring_formula == ScoringFormula.FULL_MARKS


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_existing_calls_on_the_rescaled_formula():
    executor = MigrationExecutor(connection)
    # The funder as it was then too: a later migration gives it a column the old state lacks.
    before = [
        ("proposals", "0004_move_projects_out"),
        ("indicators", "0007_letterhead_and_letters_sent"),
    ]
    after = [("proposals", "0005_call_scoring_formula")]
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        programme = apps.get_model("indicators", "Programme").objects.create(
            code="OLD",
            name_th="แผนงานเก่า",
            name_en="Old programme",
            funder=apps.get_model("indicators", "Funder").objects.create(
                name_th="ผู้ให้ทุน", name_en="Funder"
            ),
        )
        year = apps.get_model("indicators", "FiscalYear").objects.get_or_create(year_be=2567)[0]
        apps.get_model("proposals", "Call").objects.create(
            programme=programme,
            fiscal_year=year,
            code="OLD-2567",
            title_th="ประกาศเก่า",
            title_en="Old call",
            opens_at="2023-11-01T09:00:00+07:00",
            closes_at="2024-01-31T16:30:00+07:00",
            total_budget=D("1000000"),
            ceiling_per_proposal=D("100000"),
        )
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        apps = executor.loader.project_state(after).apps
        old = apps.get_model("proposals", "Call").objects.get(code="OLD-2567")
        assert old.scoring_formula == ScoringFormula.RESCALED
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def scene(db):
    call = make_call(scoring_formula=ScoringFormula.FULL_MARKS)
    fit, value = call.criteria.order_by("position")
    proposal = proposal_in(call)
    reviewer = reviewer_user()
    officer = UserFactory(roles=[Role.FUNDING_OFFICER])
    return SimpleNamespace(
        call=call,
        fit=fit,
        value=value,
        proposal=proposal,
        reviewer=reviewer,
        officer=officer,
        assignment=assign(proposal, reviewer),
    )


def test_a_submitted_review_is_totalled_by_its_calls_formula(client, scene):
    client.force_login(scene.reviewer)
    response = client.get(reverse("reviews:review_form", args=[scene.assignment.pk]))
    assert "คะแนน ÷ คะแนนเต็ม × น้ำหนัก" in response.content.decode()

    client.post(
        reverse("reviews:review_form", args=[scene.assignment.pk]),
        {
            "version": 0,
            f"score_{scene.fit.pk}": 5,
            f"score_{scene.value.pk}": 3,
            "recommendation": "fund",
            "budget_verdict": "appropriate",
            "action": "submit",
        },
    )

    # 60 × 5/5 + 40 × 3/5 = 84 (80 by rescaling).
    assert Review.objects.get().total_score == D("84.00")


def test_the_ranking_and_the_review_summary_say_which_formula(client, scene):
    submitted_review(scene.proposal, reviewer_user(), 84)
    client.force_login(scene.officer)

    ranking = client.get(reverse("reviews:ranking", args=[scene.call.code])).content.decode()
    summary = client.get(reverse("reviews:review_summary", args=[scene.proposal.pk]))

    for page in (ranking, summary.content.decode()):
        assert "คะแนน ÷ คะแนนเต็ม × น้ำหนัก" in page
        assert 'data-formula="full_marks"' in page


def test_the_formula_stays_once_a_review_is_submitted(client, scene, officer):
    call = scene.call
    data = edit_data(call)
    submitted_review(scene.proposal, reviewer_user(), 84)
    client.force_login(officer)

    form = client.get(reverse("proposals:call_edit", args=[call.code])).context["form"]
    assert form.fields["scoring_formula"].disabled
    response = client.post(
        reverse("proposals:call_edit", args=[call.code]),
        {**data, "scoring_formula": ScoringFormula.RESCALED},
    )
    assert response.status_code == 302
    assert Call.objects.get(pk=call.pk).scoring_formula == ScoringFormula.FULL_MARKS

    with pytest.raises(ValidationError):
        call_services.update_call(
            actor=officer, call=call, data={"scoring_formula": ScoringFormula.RESCALED}
        )
    assert Call.objects.get(pk=call.pk).scoring_formula == ScoringFormula.FULL_MARKS


def test_the_formula_may_change_before_any_review_is_submitted(client, scene, officer):
    call = scene.call
    client.force_login(officer)
    response = client.post(
        reverse("proposals:call_edit", args=[call.code]),
        {**edit_data(call), "scoring_formula": ScoringFormula.RESCALED},
    )
    assert response.status_code == 302
    assert Call.objects.get(pk=call.pk).scoring_formula == ScoringFormula.RESCALED
