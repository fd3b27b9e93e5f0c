"""Accepting or declining an invitation to review."""

import pytest
from django.urls import reverse

from accounts.audit import history
from accounts.models import Notification
from accounts.roles import Role
from reviews.models import Assignment, AssignmentState
from tests.helpers import assert_access
from tests.reviews.reviewing.conftest import assign

pytestmark = pytest.mark.django_db

ONLY_THE_REVIEWER = {
    "researcher": 404,
    "funding_officer": 404,
    "programme_manager": 404,
    "administrator": 404,
    "mentor": 404,
    "finance": 404,
    "outsider": 404,
    "other reviewer": 404,
    "anonymous": 302,
}


def url(assignment):
    return reverse("reviews:answer_assignment", args=[assignment.pk])


@pytest.fixture
def invited(proposal, reviewer):
    return assign(proposal, reviewer)


def test_only_the_assigned_reviewer_sees_the_invitation(client, everyone, invited):
    assert_access(client, everyone, url(invited), {**ONLY_THE_REVIEWER, "reviewer": 200})


def test_only_the_assigned_reviewer_may_answer(client, everyone, invited):
    expected = {**ONLY_THE_REVIEWER, "reviewer": 302}
    data = {"answer": "decline"}
    assert_access(client, everyone, url(invited), expected, method="post", data=data)
    assert Assignment.objects.get(pk=invited.pk).state == AssignmentState.DECLINED
    assert [entry.actor for entry in history(invited)] == [everyone["reviewer"]]


def test_a_form_without_an_answer_changes_nothing(client, reviewer, invited):
    client.force_login(reviewer)
    response = client.post(url(invited), {"reason": "?"})
    assert response.status_code == 200
    assert Assignment.objects.get(pk=invited.pk).state == AssignmentState.INVITED


def test_the_invitation_shows_only_reference_title_and_call(client, reviewer, invited):
    client.force_login(reviewer)
    page = client.get(url(invited)).content.decode()
    proposal = invited.proposal
    assert proposal.reference in page
    assert proposal.title_th in page
    assert proposal.call.code in page
    assert proposal.summary_th not in page
    assert proposal.lead.display_name not in page


def test_accepting_leads_to_the_declaration(client, reviewer, invited):
    client.force_login(reviewer)
    response = client.post(url(invited), {"answer": "accept"})
    assert response.url == reverse("reviews:declare", args=[invited.pk])
    invited.refresh_from_db()
    assert invited.state == AssignmentState.ACCEPTED
    assert invited.responded_at is not None
    assert invited.coi_declared_at is None
    [entry] = history(invited)
    assert (entry.action, entry.actor, entry.to_state) == (
        "assignment.accepted",
        reviewer,
        AssignmentState.ACCEPTED,
    )


def test_declining_tells_every_funding_officer_with_the_reason(
    client, reviewer, invited, trio, django_capture_on_commit_callbacks
):
    officers = trio(Role.FUNDING_OFFICER)
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(invited), {"answer": "decline", "reason": "ไปต่างประเทศ"})
    assert response.url == reverse("reviews:my_assignments")
    invited.refresh_from_db()
    assert invited.state == AssignmentState.DECLINED
    notes = Notification.objects.filter(recipient__in=officers)
    assert notes.count() == 3
    assert all("ไปต่างประเทศ" in note.body for note in notes)
    assert not Notification.objects.filter(recipient=reviewer).exists()
    [entry] = history(invited)
    assert (entry.action, entry.comment) == ("assignment.declined", "ไปต่างประเทศ")


def test_a_reason_is_optional_when_declining(client, reviewer, invited):
    client.force_login(reviewer)
    client.post(url(invited), {"answer": "decline"})
    assert Assignment.objects.get(pk=invited.pk).state == AssignmentState.DECLINED


def test_an_answered_invitation_cannot_be_answered_again(client, reviewer, invited):
    client.force_login(reviewer)
    client.post(url(invited), {"answer": "decline"})
    response = client.post(url(invited), {"answer": "accept"})
    assert response.url == reverse("reviews:my_assignments")
    assert Assignment.objects.get(pk=invited.pk).state == AssignmentState.DECLINED
    assert history(invited).count() == 1


def test_a_cancelled_assignment_cannot_be_accepted(client, reviewer, proposal):
    cancelled = assign(proposal, reviewer, AssignmentState.CANCELLED)
    client.force_login(reviewer)
    client.post(url(cancelled), {"answer": "accept"})
    assert Assignment.objects.get(pk=cancelled.pk).state == AssignmentState.CANCELLED
