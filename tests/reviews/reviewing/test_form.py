"""The review form: who may open it, saving a draft, submitting (and what a submission needs),
read only once submitted, the version check between two tabs, and the round number."""

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from accounts.models import AuditEntry, Notification
from accounts.roles import Role
from proposals.models import Proposal, ProposalState
from reviews.models import AssignmentState, CriterionScore, Review, ReviewState
from reviews.scoring import services as form_services
from tests.factories import UserFactory
from tests.helpers import assert_access
from tests.reviews.reviewing.scoring_helpers import assign, make_call, proposal_in, reviewer_user

pytestmark = pytest.mark.django_db

LOGIN = 302


@pytest.fixture
def scene(db):
    call = make_call()
    fit, value = call.criteria.order_by("position")
    fit.guidance_th = "พิจารณาความสอดคล้องกับเมือง"
    fit.save()
    proposal = proposal_in(call)
    reviewer = reviewer_user()
    other_reviewer = reviewer_user()
    uncleared_reviewer = reviewer_user()
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    call.programme.managers.add(manager)
    return SimpleNamespace(
        call=call,
        fit=fit,
        value=value,
        proposal=proposal,
        reviewer=reviewer,
        assignment=assign(proposal, reviewer),
        other_assignment=assign(proposal, other_reviewer),
        uncleared=assign(proposal, uncleared_reviewer, cleared=False),
        people={
            "assigned_reviewer": reviewer,
            "other_reviewer": other_reviewer,
            "uncleared_reviewer": uncleared_reviewer,
            "funding_officer": UserFactory(roles=[Role.FUNDING_OFFICER]),
            "programme_manager": manager,
            "other_manager": UserFactory(roles=[Role.PROGRAMME_MANAGER]),
            "applicant": proposal.lead,
            "outsider": UserFactory(roles=[]),
            "anonymous": None,
        },
    )


def url(assignment):
    return reverse("reviews:review_form", args=[assignment.pk])


def data(scene, fit="", value="", *, action="save", version=0, **extra):
    return {
        "version": version,
        f"score_{scene.fit.pk}": fit,
        f"comment_{scene.fit.pk}": "เหมาะสมดี",
        f"score_{scene.value.pk}": value,
        f"comment_{scene.value.pk}": "",
        "comments_to_applicant": "ควรเพิ่มแผนการถ่ายทอด",
        "confidential_comments": "ทีมมีประสบการณ์น้อย",
        "recommendation": "fund",
        "budget_verdict": "appropriate",
        "action": action,
        **extra,
    }


def post(client, scene, payload, user=None):
    client.force_login(user or scene.reviewer)
    return client.post(url(scene.assignment), payload)


# Who may open the form


def test_only_the_assigned_cleared_reviewer_opens_the_form(client, scene):
    expected = {name: 404 for name in scene.people} | {
        "assigned_reviewer": 200,
        "anonymous": LOGIN,
    }
    assert_access(client, scene.people, url(scene.assignment), expected)


def test_nobody_but_the_reviewer_may_post_to_the_form(client, scene):
    expected = {name: 404 for name in scene.people} | {"anonymous": LOGIN}
    del expected["assigned_reviewer"]
    people = {name: user for name, user in scene.people.items() if name != "assigned_reviewer"}
    assert_access(client, people, url(scene.assignment), expected, "post", data(scene, 5, 3))
    assert not Review.objects.exists()


def test_a_reviewer_who_has_not_declared_is_told_to_declare_first(client, scene):
    client.force_login(scene.people["uncleared_reviewer"])
    response = client.get(url(scene.uncleared))
    assert response.status_code == 403
    assert response.context["access"] == "not_cleared"
    assert 'class="alert alert-warning"' in response.text
    assert 'name="action"' not in response.text
    assert f'href="{reverse("reviews:my_assignments")}"' in response.text
    assert reverse("reviews:review_proposal", args=[scene.uncleared.pk]) not in response.text
    response = client.post(url(scene.uncleared), data(scene, 5, 3))
    assert response.status_code == 403
    assert not Review.objects.exists()


def test_the_form_shows_each_criterion_its_guidance_scale_and_the_round(client, scene):
    Proposal.objects.filter(pk=scene.proposal.pk).update(round=2)
    scene.assignment.round = 2
    scene.assignment.save()
    client.force_login(scene.reviewer)
    response = client.get(url(scene.assignment))
    text = response.text
    assert response.status_code == 200
    assert "ความเหมาะสม" in text and "ความคุ้มค่า" in text
    assert "พิจารณาความสอดคล้องกับเมือง" in text
    for score in range(1, 6):
        assert f'name="score_{scene.fit.pk}" value="{score}"' in text
    assert f'name="score_{scene.fit.pk}" value="6"' not in text
    assert re.search(r'class="badge text-bg-dark[^"]*">[^<]*\b2\b', text)
    assert 'value="save"' in text and 'value="submit"' in text
    assert f'href="{reverse("reviews:review_proposal", args=[scene.assignment.pk])}"' in text
    assert f'href="{reverse("reviews:my_assignments")}"' in text


# Saving a draft


def test_a_draft_keeps_whatever_is_there_even_blank_scores(client, scene):
    response = post(client, scene, data(scene, 4, "", recommendation="", budget_verdict=""))
    assert response.status_code == 302
    review = Review.objects.get(assignment=scene.assignment)
    assert (review.state, review.version, review.total_score) == (ReviewState.DRAFT, 1, None)
    assert review.recommendation == ""
    scores = dict(CriterionScore.objects.values_list("criterion_id", "score"))
    assert scores == {scene.fit.pk: 4, scene.value.pk: None}
    assert review.comments_to_applicant == "ควรเพิ่มแผนการถ่ายทอด"
    scene.assignment.refresh_from_db()
    assert scene.assignment.state == AssignmentState.ACCEPTED


def test_a_second_draft_save_updates_the_same_review(client, scene):
    post(client, scene, data(scene, 4, ""))
    post(client, scene, data(scene, 2, 5, version=1))
    review = Review.objects.get()
    assert review.version == 2
    assert dict(CriterionScore.objects.values_list("criterion_id", "score")) == {
        scene.fit.pk: 2,
        scene.value.pk: 5,
    }


def test_the_form_shows_the_saved_draft(client, scene):
    post(client, scene, data(scene, 4, ""))
    response = client.get(url(scene.assignment))
    assert re.search(rf'name="score_{scene.fit.pk}" value="4"[^>]*checked', response.text)
    assert 'name="version" value="1"' in response.text


# Submitting


def test_submitting_computes_the_total_locks_audits_and_tells_the_officers(
    client, scene, django_capture_on_commit_callbacks
):
    officer = scene.people["funding_officer"]
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, scene, data(scene, 5, 3, action="submit"))
    assert response.status_code == 302
    review = Review.objects.get()
    # 60 × (5 − 1)/4 + 40 × (3 − 1)/4 = 60 + 20
    assert (review.state, review.total_score) == (ReviewState.SUBMITTED, Decimal("80.00"))
    assert review.submitted_at is not None
    scene.assignment.refresh_from_db()
    assert scene.assignment.state == AssignmentState.SUBMITTED
    entry = AuditEntry.objects.get(action="review.submitted")
    assert (entry.actor, entry.object_id, entry.to_state) == (
        scene.reviewer,
        str(review.pk),
        "submitted",
    )
    notice = Notification.objects.get(recipient=officer)
    assert notice.url == reverse("reviews:review_summary", args=[scene.proposal.pk])
    assert not Notification.objects.filter(recipient=scene.proposal.lead).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"fit": ""}, "fit"),
        ({"value": ""}, "value"),
        ({"fit": "9"}, "fit"),
        ({"fit": "0"}, "fit"),
        ({"recommendation": ""}, "recommendation"),
        ({"budget_verdict": ""}, "budget_verdict"),
        ({"recommendation": "maybe"}, "recommendation"),
    ],
    ids=[
        "missing score",
        "other missing score",
        "above the scale",
        "below the scale",
        "missing recommendation",
        "missing budget verdict",
        "unknown recommendation",
    ],
)
def test_an_incomplete_submission_saves_nothing(client, scene, changes, field):
    scores = {"fit": 5, "value": 3}
    scores.update({k: v for k, v in changes.items() if k in scores})
    extra = {k: v for k, v in changes.items() if k not in scores}
    payload = data(scene, scores["fit"], scores["value"], action="submit", **extra)
    response = post(client, scene, payload)
    assert response.status_code == 200
    assert not Review.objects.exists()
    assert not CriterionScore.objects.exists()
    name = {"fit": f"score_{scene.fit.pk}", "value": f"score_{scene.value.pk}"}.get(field, field)
    assert response.context["form"].errors[name]


def test_an_incomplete_submission_leaves_the_draft_as_it_was(client, scene):
    post(client, scene, data(scene, 4, "", recommendation=""))
    response = post(client, scene, data(scene, 2, "", action="submit", version=1))
    assert response.status_code == 200
    review = Review.objects.get()
    assert (review.state, review.version) == (ReviewState.DRAFT, 1)
    assert CriterionScore.objects.get(criterion=scene.fit).score == 4


def test_a_draft_with_a_score_off_the_scale_is_refused(client, scene):
    response = post(client, scene, data(scene, 6, ""))
    assert response.status_code == 200
    assert "1" in response.context["form"].errors[f"score_{scene.fit.pk}"][0]
    assert not Review.objects.exists()


def test_the_service_checks_the_scale_too(scene):
    payload = form_services.ReviewInput(scores={scene.fit.pk: 7, scene.value.pk: 3})
    with pytest.raises(form_services.ReviewRefused) as refused:
        form_services.save_review(
            actor=scene.reviewer, assignment=scene.assignment, data=payload, version=0
        )
    assert f"score_{scene.fit.pk}" in refused.value.message_dict
    assert not Review.objects.exists()


# After submission


def test_a_submitted_review_is_read_only(client, scene):
    post(client, scene, data(scene, 5, 3, action="submit"))
    response = client.get(url(scene.assignment))
    assert response.status_code == 200
    assert 'value="submit"' not in response.text
    assert "80.00" in response.text
    assert "ทีมมีประสบการณ์น้อย" in response.text  # the reviewer reads their own confidential note
    response = post(client, scene, data(scene, 1, 1, action="submit", version=1))
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.state, review.total_score, review.version) == (
        ReviewState.SUBMITTED,
        Decimal("80.00"),
        1,
    )


def test_the_form_closes_when_the_proposal_leaves_review(client, scene):
    Proposal.objects.filter(pk=scene.proposal.pk).update(state=ProposalState.APPROVED)
    client.force_login(scene.reviewer)
    response = client.get(url(scene.assignment))
    assert response.status_code == 200
    assert 'value="save"' not in response.text
    assert post(client, scene, data(scene, 5, 3)).status_code == 302
    assert not Review.objects.exists()


def test_an_assignment_of_an_earlier_round_is_read_only(client, scene):
    Proposal.objects.filter(pk=scene.proposal.pk).update(round=2)
    client.force_login(scene.reviewer)
    assert 'value="save"' not in client.get(url(scene.assignment)).text


# Two tabs


def test_a_save_from_a_stale_tab_is_refused(client, scene):
    # Both tabs loaded the empty form (version 0); the first one saves.
    assert post(client, scene, data(scene, 4, 4)).status_code == 302
    response = post(client, scene, data(scene, 1, 1, comments_to_applicant="แท็บที่สอง"))
    assert response.status_code == 409
    review = Review.objects.get()
    assert review.version == 1
    assert review.comments_to_applicant == "ควรเพิ่มแผนการถ่ายทอด"
    assert CriterionScore.objects.get(criterion=scene.fit).score == 4
    # The stale tab keeps what was typed so that the reviewer can copy it.
    assert "แท็บที่สอง" in response.text


def test_a_stale_tab_cannot_submit_either(client, scene):
    post(client, scene, data(scene, 4, 4))
    post(client, scene, data(scene, 3, 3, version=1))
    response = post(client, scene, data(scene, 5, 5, action="submit", version=1))
    assert response.status_code == 409
    assert Review.objects.get().state == ReviewState.DRAFT
