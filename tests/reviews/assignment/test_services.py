"""Assigning one reviewer, cancelling an assignment and keeping a reviewer's profile: each
refusal, the audit entries, and the reviewer's notification and email after the commit."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import AuditEntry, Notification
from accounts.roles import Role
from proposals.models import ProposalState
from reviews.assignment import services
from reviews.models import Assignment, AssignmentState, ReviewerProfile
from tests.factories import UserFactory
from tests.reviews.screening.builders import a_call, a_reviewer, assign, submitted

pytestmark = pytest.mark.django_db

IN_TWO_WEEKS = timezone.localdate() + datetime.timedelta(days=14)


@pytest.fixture
def proposal():
    return submitted(a_call(), keywords="GIS", organisation="มหาวิทยาลัยผู้ยื่น")


def refusal(proposal, reviewer, officer, due_date=IN_TWO_WEEKS):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.assign_reviewer(
            actor=officer, proposal=proposal, reviewer=reviewer, due_date=due_date
        )
    return refused.value.messages


def test_assigning_creates_an_audited_invitation_for_this_round(proposal, officer):
    reviewer = a_reviewer()
    assignment = services.assign_reviewer(
        actor=officer, proposal=proposal, reviewer=reviewer, due_date=IN_TWO_WEEKS
    )
    assert (assignment.round, assignment.state, assignment.due_date, assignment.assigned_by) == (
        1,
        AssignmentState.INVITED,
        IN_TWO_WEEKS,
        officer,
    )
    entry = AuditEntry.objects.get(action="assignment.create")
    assert (entry.actor, entry.object_id, entry.data) == (
        officer,
        str(assignment.pk),
        {"round": 1, "due_date": IN_TWO_WEEKS.isoformat()},
    )


def test_the_due_date_defaults_to_two_weeks_ahead():
    assert services.default_due_date() == IN_TWO_WEEKS


def test_the_reviewer_is_told_only_after_the_commit(
    proposal, officer, django_capture_on_commit_callbacks
):
    reviewer = a_reviewer()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.assign_reviewer(
            actor=officer, proposal=proposal, reviewer=reviewer, due_date=IN_TWO_WEEKS
        )
        assert not Notification.objects.exists()
        assert mail.outbox == []
    assert callbacks
    note = Notification.objects.get()
    assert note.recipient == reviewer
    assert proposal.reference in note.title
    assert note.url == reverse("reviews:my_assignments")
    (email,) = mail.outbox
    assert email.to == [reviewer.email]
    assert proposal.reference in email.subject


def test_a_conflict_of_interest_refuses(proposal, officer):
    colleague = a_reviewer(organisation="มหาวิทยาลัยผู้ยื่น")
    assert refusal(proposal, colleague, officer) == [
        "Conflict of interest: Same organisation as team member "
        f"{proposal.lead.full_name_th} (มหาวิทยาลัยผู้ยื่น)."  # the name on the team
    ]
    assert not Assignment.objects.exists()


def test_a_reviewer_at_their_maximum_refuses(proposal, officer):
    full = a_reviewer(profile={"max_per_call": 2})
    assign(submitted(proposal.call), full)
    assign(submitted(proposal.call), full, AssignmentState.SUBMITTED)
    assign(submitted(proposal.call), full, AssignmentState.DECLINED)  # does not count
    (message,) = refusal(proposal, full, officer)
    assert message.endswith("already reviews 2 proposals of this call, their maximum.")


def test_loads_in_other_calls_do_not_count(proposal, officer):
    reviewer = a_reviewer(profile={"max_per_call": 1})
    assign(submitted(a_call()), reviewer)
    services.assign_reviewer(
        actor=officer, proposal=proposal, reviewer=reviewer, due_date=IN_TWO_WEEKS
    )


def test_an_unavailable_reviewer_refuses(proposal, officer):
    away = a_reviewer(profile={"is_available": False})
    (message,) = refusal(proposal, away, officer)
    assert message.endswith("is not available for new assignments.")


@pytest.mark.parametrize("state", [AssignmentState.INVITED, AssignmentState.DECLINED])
def test_someone_already_asked_in_this_round_refuses(proposal, officer, state):
    reviewer = a_reviewer()
    assign(proposal, reviewer, state)
    (message,) = refusal(proposal, reviewer, officer)
    assert "is already assigned in round 1" in message


def test_a_reviewer_of_an_earlier_round_may_be_asked_again(officer):
    proposal = submitted(a_call(), state=ProposalState.IN_REVIEW, round=2)
    reviewer = a_reviewer(profile={"max_per_call": 1})
    assign(proposal, reviewer, AssignmentState.SUBMITTED, round=1)
    assignment = services.assign_reviewer(
        actor=officer, proposal=proposal, reviewer=reviewer, due_date=IN_TWO_WEEKS
    )
    assert assignment.round == 2


@pytest.mark.parametrize("roles", [[Role.RESEARCHER], [Role.FUNDING_OFFICER], []])
def test_someone_without_the_reviewer_role_refuses(proposal, officer, roles):
    person = UserFactory(roles=roles, organisation="ที่อื่น")
    (message,) = refusal(proposal, person, officer)
    assert message.endswith("is not a reviewer.")


def test_a_due_date_in_the_past_refuses(proposal, officer):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert refusal(proposal, a_reviewer(), officer, due_date=yesterday) == [
        "The due date is in the past."
    ]


@pytest.mark.parametrize("state", [ProposalState.DRAFT, ProposalState.APPROVED])
def test_a_proposal_outside_screening_and_review_refuses(officer, state):
    proposal = submitted(a_call(), state=state)
    (message,) = refusal(proposal, a_reviewer(), officer)
    assert message.startswith("Reviewers are assigned while a proposal is submitted or in review")


def test_every_reason_is_given_at_once(proposal, officer):
    reviewer = a_reviewer(organisation="มหาวิทยาลัยผู้ยื่น", profile={"is_available": False})
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert len(refusal(proposal, reviewer, officer, due_date=yesterday)) == 3


# Cancelling.


def test_cancelling_ends_the_assignment_with_its_reason(
    proposal, officer, django_capture_on_commit_callbacks
):
    reviewer = a_reviewer()
    assignment = assign(proposal, reviewer, AssignmentState.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_assignment(actor=officer, assignment=assignment, reason=" ไม่ตอบ ")
        assert mail.outbox == []
    assignment.refresh_from_db()
    assert (assignment.state, assignment.cancel_reason) == (AssignmentState.CANCELLED, "ไม่ตอบ")
    entry = AuditEntry.objects.get(action="assignment.cancel")
    assert (entry.from_state, entry.to_state, entry.comment) == ("accepted", "cancelled", "ไม่ตอบ")
    note = Notification.objects.get()
    assert (note.recipient, "ไม่ตอบ" in note.body) == (reviewer, True)
    assert [m.to for m in mail.outbox] == [[reviewer.email]]


def test_cancelling_needs_a_reason(proposal, officer):
    assignment = assign(proposal, a_reviewer())
    with pytest.raises(ValidationError):
        services.cancel_assignment(actor=officer, assignment=assignment, reason="  ")
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.INVITED


@pytest.mark.parametrize(
    "state",
    [
        AssignmentState.SUBMITTED,
        AssignmentState.DECLINED,
        AssignmentState.CONFLICT,
        AssignmentState.CANCELLED,
    ],
)
def test_only_a_pending_or_accepted_assignment_is_cancelled(proposal, officer, state):
    assignment = assign(proposal, a_reviewer(), state)
    with pytest.raises(ValidationError):
        services.cancel_assignment(actor=officer, assignment=assignment, reason="เหตุผล")
    assert not AuditEntry.objects.filter(action="assignment.cancel").exists()


# The reviewer's profile.


def test_the_profile_is_created_on_first_save_then_updated(officer):
    reviewer = a_reviewer()
    data = {"keywords_th": "ผังเมือง", "keywords_en": "GIS", "max_per_call": 3, "is_available": True}
    services.save_reviewer_profile(actor=officer, reviewer=reviewer, data=data)
    services.save_reviewer_profile(
        actor=officer, reviewer=reviewer, data={**data, "is_available": False}
    )
    profile = ReviewerProfile.objects.get(user=reviewer)
    assert (profile.keywords_th, profile.max_per_call, profile.is_available) == (
        "ผังเมือง",
        3,
        False,
    )
    entries = AuditEntry.objects.filter(action="reviewer_profile.saved").order_by("id")
    assert [e.data for e in entries] == [
        {"created": True, "changed": ["keywords_th", "keywords_en", "max_per_call"]},
        {"created": False, "changed": ["is_available"]},
    ]
