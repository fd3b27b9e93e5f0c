"""An officer reopens a submitted review with a reason: back to draft, the assignment accepted
again, the reason audited and the reviewer notified."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import AuditEntry, Notification
from accounts.roles import Role
from proposals.models import Proposal, ProposalState
from reviews.models import AssignmentState, Review, ReviewState
from reviews.scoring.services import reopen_review
from tests.factories import UserFactory
from tests.helpers import assert_access
from tests.reviews.reviewing.scoring_helpers import (
    make_call,
    proposal_in,
    reviewer_user,
    submitted_review,
)

pytestmark = pytest.mark.django_db

LOGIN = 302


@pytest.fixture
def scene(db):
    call = make_call()
    proposal = proposal_in(call)
    reviewer = reviewer_user()
    review = submitted_review(proposal, reviewer, 80)
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    call.programme.managers.add(manager)
    officer = UserFactory(roles=[Role.FUNDING_OFFICER])
    return SimpleNamespace(
        proposal=proposal,
        reviewer=reviewer,
        review=review,
        officer=officer,
        people={
            "reviewer": reviewer,
            "other_reviewer": reviewer_user(),
            "funding_officer": officer,
            "programme_manager": manager,
            "other_manager": UserFactory(roles=[Role.PROGRAMME_MANAGER]),
            "applicant": proposal.lead,
            "administrator": UserFactory(roles=[Role.ADMINISTRATOR]),
            "outsider": UserFactory(roles=[]),
            "anonymous": None,
        },
    )


def url(review):
    return reverse("reviews:reopen_review", args=[review.pk])


def test_only_funding_officers_open_the_reopen_page(client, scene):
    expected = {name: 403 for name in scene.people} | {"funding_officer": 200, "anonymous": LOGIN}
    assert_access(client, scene.people, url(scene.review), expected)


def test_only_funding_officers_reopen(client, scene):
    others = {k: v for k, v in scene.people.items() if k != "funding_officer"}
    expected = {name: 403 for name in others} | {"anonymous": LOGIN}
    assert_access(client, others, url(scene.review), expected, "post", {"reason": "แก้คะแนน"})
    assert Review.objects.get().state == ReviewState.SUBMITTED
    client.force_login(scene.officer)
    response = client.post(url(scene.review), {"reason": "แก้คะแนน"})
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:review_summary", args=[scene.proposal.pk])


def test_reopening_sends_the_review_back_as_a_draft(
    client, scene, django_capture_on_commit_callbacks
):
    client.force_login(scene.officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(scene.review), {"reason": "คะแนนเกณฑ์ที่ 2 ไม่ตรงกับความเห็น"})
    review = Review.objects.select_related("assignment").get()
    assert (review.state, review.submitted_at, review.total_score) == (
        ReviewState.DRAFT,
        None,
        None,
    )
    assert review.version == scene.review.version + 1
    assert review.assignment.state == AssignmentState.ACCEPTED
    entry = AuditEntry.objects.get(action="review.reopened")
    assert (entry.actor, entry.comment, entry.from_state, entry.to_state) == (
        scene.officer,
        "คะแนนเกณฑ์ที่ 2 ไม่ตรงกับความเห็น",
        "submitted",
        "draft",
    )
    notice = Notification.objects.get(recipient=scene.reviewer)
    assert "คะแนนเกณฑ์ที่ 2 ไม่ตรงกับความเห็น" in notice.body
    assert notice.url == reverse("reviews:review_form", args=[review.assignment_id])


def test_the_reviewer_may_change_and_submit_a_reopened_review(client, scene):
    reopen_review(actor=scene.officer, review=scene.review, reason="ทบทวน")
    client.force_login(scene.reviewer)
    form_url = reverse("reviews:review_form", args=[scene.review.assignment_id])
    response = client.get(form_url)
    assert 'value="submit"' in response.text
    fit, value = scene.proposal.call.criteria.order_by("position")
    client.post(
        form_url,
        {
            "version": Review.objects.get().version,
            f"score_{fit.pk}": 3,
            f"score_{value.pk}": 3,
            "recommendation": "revise",
            "budget_verdict": "too_high",
            "action": "submit",
        },
    )
    review = Review.objects.get()
    assert (review.state, str(review.total_score)) == (ReviewState.SUBMITTED, "50.00")


def test_a_reason_is_required(client, scene):
    client.force_login(scene.officer)
    response = client.post(url(scene.review), {"reason": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Review.objects.get().state == ReviewState.SUBMITTED
    with pytest.raises(ValidationError):
        reopen_review(actor=scene.officer, review=scene.review, reason="")


@pytest.mark.parametrize(
    "situation", ["draft", "decided", "earlier round"], ids=lambda s: s.replace(" ", "_")
)
def test_only_a_submitted_review_of_the_current_round_in_review_reopens(client, scene, situation):
    if situation == "draft":
        Review.objects.update(state=ReviewState.DRAFT)
    elif situation == "decided":
        Proposal.objects.update(state=ProposalState.APPROVED)
    else:
        Proposal.objects.update(round=2)
    with pytest.raises(ValidationError):
        reopen_review(actor=scene.officer, review=scene.review, reason="ทบทวน")
    client.force_login(scene.officer)
    response = client.post(url(scene.review), {"reason": "ทบทวน"})
    assert response.status_code == 200
    assert not AuditEntry.objects.filter(action="review.reopened").exists()


def test_the_service_refuses_anyone_but_an_officer(scene):
    with pytest.raises(PermissionDenied):
        reopen_review(actor=scene.people["programme_manager"], review=scene.review, reason="x")
