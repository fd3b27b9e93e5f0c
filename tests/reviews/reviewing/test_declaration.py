"""The conflict-of-interest declaration: nothing of the proposal before it, the assignment
ended by a conflict, both kept in the audit log."""

import pytest
from django.urls import reverse

from accounts.audit import action_label, history
from accounts.models import Notification
from accounts.roles import Role
from reviews.models import Assignment, AssignmentState
from tests.helpers import assert_access
from tests.reviews.reviewing.conftest import assign

pytestmark = pytest.mark.django_db

NOBODY_ELSE = {
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
NO_CONFLICT = {"answer": "none", "confirm": "on"}


def url(assignment):
    return reverse("reviews:declare", args=[assignment.pk])


def proposal_url(assignment):
    return reverse("reviews:review_proposal", args=[assignment.pk])


@pytest.fixture
def accepted(proposal, reviewer):
    return assign(proposal, reviewer, AssignmentState.ACCEPTED)


def test_only_the_assigned_reviewer_sees_the_declaration(client, everyone, accepted):
    assert_access(client, everyone, url(accepted), {**NOBODY_ELSE, "reviewer": 200})


def test_only_the_assigned_reviewer_may_declare(client, everyone, accepted):
    expected = {**NOBODY_ELSE, "reviewer": 302}
    assert_access(client, everyone, url(accepted), expected, method="post", data=NO_CONFLICT)
    assert [entry.actor for entry in history(accepted)] == [everyone["reviewer"]]


def test_before_declaring_only_reference_title_and_call_are_shown(client, reviewer, accepted):
    proposal = accepted.proposal
    client.force_login(reviewer)
    page = client.get(url(accepted)).content.decode()
    assert proposal.reference in page
    assert proposal.title_th in page
    assert proposal.call.code in page
    for secret in (
        proposal.summary_th,
        "ข้อความ ",  # every narrative section starts so (make_complete_proposal)
        "รายการ personnel",  # a budget line
        "900,000",  # the budget's total
        "250,000",
        proposal.lead.display_name,
        proposal.lead.email,
        "letter.pdf",
        "สำรวจ",  # the work plan
    ):
        assert secret not in page, secret


@pytest.mark.parametrize("name", ["review_proposal", "review_attachment"])
def test_the_proposal_stays_closed_before_the_declaration(client, reviewer, accepted, name):
    attachment = accepted.proposal.attachments.get()
    args = [accepted.pk] + ([attachment.pk] if name == "review_attachment" else [])
    client.force_login(reviewer)
    response = client.get(reverse(f"reviews:{name}", args=args))
    if name == "review_proposal":
        assert response.url == url(accepted)
    else:
        assert response.status_code == 404


def test_an_invited_reviewer_is_sent_to_answer_first(client, reviewer, proposal):
    invited = assign(proposal, reviewer)
    client.force_login(reviewer)
    assert client.get(url(invited)).url == reverse("reviews:answer_assignment", args=[invited.pk])
    assert client.get(proposal_url(invited)).url == reverse(
        "reviews:answer_assignment", args=[invited.pk]
    )


def test_declaring_no_conflict_opens_the_proposal(client, reviewer, accepted):
    client.force_login(reviewer)
    response = client.post(url(accepted), NO_CONFLICT)
    assert response.url == proposal_url(accepted)
    accepted.refresh_from_db()
    assert accepted.coi_declared_at is not None
    assert accepted.is_cleared
    assert client.get(proposal_url(accepted)).status_code == 200


def test_no_conflict_is_kept_in_the_audit_log(client, reviewer, accepted):
    client.force_login(reviewer)
    client.post(url(accepted), NO_CONFLICT)
    [entry] = history(accepted)
    assert (entry.action, entry.actor) == ("assignment.no_conflict", reviewer)
    assert entry.data["statement"]
    assert action_label("assignment.no_conflict") != "assignment.no_conflict"


def test_no_conflict_needs_the_statement_ticked(client, reviewer, accepted):
    client.force_login(reviewer)
    response = client.post(url(accepted), {"answer": "none"})
    assert response.status_code == 200
    assert response.context["form"].errors["confirm"]
    accepted.refresh_from_db()
    assert accepted.coi_declared_at is None
    assert not history(accepted).exists()


def test_a_conflict_needs_a_note(client, reviewer, accepted):
    client.force_login(reviewer)
    response = client.post(url(accepted), {"answer": "conflict", "note": "  "})
    assert response.context["form"].errors["note"]
    assert Assignment.objects.get(pk=accepted.pk).state == AssignmentState.ACCEPTED


def test_a_conflict_ends_the_assignment_and_tells_the_officers(
    client, reviewer, accepted, trio, django_capture_on_commit_callbacks
):
    officers = trio(Role.FUNDING_OFFICER)
    note = "เป็นอาจารย์ในคณะเดียวกับหัวหน้าโครงการ"
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(accepted), {"answer": "conflict", "note": note})
    assert response.url == reverse("reviews:my_assignments")
    accepted.refresh_from_db()
    assert accepted.state == AssignmentState.CONFLICT
    assert accepted.conflict_note == note
    assert accepted.coi_declared_at is None
    assert not accepted.is_cleared
    notes = Notification.objects.filter(recipient__in=officers)
    assert notes.count() == 3
    assert all(note in n.body and accepted.proposal.reference in n.title for n in notes)
    # The assignment has ended: nothing of the proposal, and no second declaration.
    assert client.get(proposal_url(accepted)).status_code == 404
    assert client.get(url(accepted)).status_code == 404


def test_a_conflict_is_kept_in_the_audit_log(client, reviewer, accepted):
    client.force_login(reviewer)
    client.post(url(accepted), {"answer": "conflict", "note": "ญาติ"})
    [entry] = history(accepted)
    assert (entry.action, entry.actor, entry.comment) == ("assignment.conflict", reviewer, "ญาติ")
    assert (entry.from_state, entry.to_state) == (
        AssignmentState.ACCEPTED,
        AssignmentState.CONFLICT,
    )
    assert action_label("assignment.conflict") != "assignment.conflict"


def test_a_cleared_reviewer_is_sent_on_to_the_proposal(client, reviewer, proposal):
    cleared = assign(proposal, reviewer, cleared=True)
    client.force_login(reviewer)
    assert client.get(url(cleared)).url == proposal_url(cleared)
    client.post(url(cleared), {"answer": "conflict", "note": "late"})
    assert Assignment.objects.get(pk=cleared.pk).state == AssignmentState.ACCEPTED
