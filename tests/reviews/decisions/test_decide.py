"""Deciding on one proposal: the page, the service, the letter and who may."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEntry, Notification
from proposals.models import Proposal, ProposalState
from reviews.decisions import services
from reviews.decisions.letter_defaults import DEFAULT_TEXTS
from reviews.models import (
    AssignmentState,
    Decision,
    DecisionLetterTemplate,
)
from tests.factories import UserFactory
from tests.helpers import assert_access, assert_flat_queries

from .conftest import REQUESTED, assign, in_review

pytestmark = pytest.mark.django_db

S = ProposalState
COMMENT = "โครงการมีความเหมาะสม ควรปรับลดงบวัสดุ"


def english(user):
    """Pages answer `user` in English (messages are translated during the request)."""
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])


def url(proposal):
    return reverse("reviews:decide", args=[proposal.pk])


def post(client, proposal, **data):
    payload = {"outcome": "approve", "approved_amount": "800000", "comment": COMMENT, **data}
    return client.post(url(proposal), payload)


def stored(proposal):
    return Proposal.objects.get(pk=proposal.pk)


def nothing_saved(proposal):
    assert stored(proposal).state == S.IN_REVIEW
    assert stored(proposal).approved_amount is None
    assert not Decision.objects.exists()
    assert not AuditEntry.objects.filter(action__in=["decision.recorded", "proposal.approve"])
    return True


def test_approving_records_the_decision_the_amount_and_the_letters(
    client, proposal, programme_manager
):
    client.force_login(programme_manager)
    response = post(client, proposal)
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:decision", args=[proposal.pk])
    decision = Decision.objects.get()
    assert (decision.proposal, decision.round, decision.outcome) == (proposal, 1, "approve")
    assert (decision.approved_amount, decision.comment) == (Decimal("800000.00"), COMMENT)
    assert decision.decided_by == programme_manager
    assert "800,000.00 บาท (แปดแสนบาทถ้วน)" in decision.letter_th
    assert COMMENT in decision.letter_th
    assert "800,000.00 baht" in decision.letter_en
    after = stored(proposal)
    assert (after.state, after.approved_amount) == (S.APPROVED, Decimal("800000.00"))
    assert AuditEntry.objects.filter(action="proposal.approve").count() == 1
    entry = AuditEntry.objects.get(action="decision.recorded")
    assert entry.data["outcome"] == "approve"
    assert entry.data["approved_amount"] == "800000.00"
    # The call had no letters of its own: the defaults were saved with the first decision.
    assert (
        DecisionLetterTemplate.objects.get(call=proposal.call).approve_th
        == (DEFAULT_TEXTS["approve_th"])
    )


def test_the_whole_requested_amount_may_be_approved(client, proposal, programme_manager):
    client.force_login(programme_manager)
    assert post(client, proposal, approved_amount=str(REQUESTED)).status_code == 302
    assert stored(proposal).approved_amount == REQUESTED


@pytest.mark.parametrize(
    ("outcome", "state"),
    [("reject", S.REJECTED), ("request_revision", S.REVISION)],
)
def test_rejecting_or_asking_for_a_revision_records_no_amount(
    client, proposal, programme_manager, outcome, state
):
    client.force_login(programme_manager)
    assert post(client, proposal, outcome=outcome).status_code == 302
    decision = Decision.objects.get()
    assert (decision.outcome, decision.approved_amount) == (outcome, None)
    assert (stored(proposal).state, stored(proposal).approved_amount) == (state, None)
    assert AuditEntry.objects.filter(action=f"proposal.{outcome}").count() == 1


def test_the_letter_comes_from_the_calls_own_template(client, proposal, programme_manager):
    DecisionLetterTemplate.objects.create(
        call=proposal.call,
        **{**DEFAULT_TEXTS, "reject_th": "เรียน {lead} ไม่อนุมัติ {reference}: {comment}"},
    )
    client.force_login(programme_manager)
    post(client, proposal, outcome="reject")
    letter = Decision.objects.get().letter_th
    assert letter == f"เรียน {proposal.lead.full_name_th} ไม่อนุมัติ {proposal.reference}: {COMMENT}"


@pytest.mark.parametrize(
    ("amount", "error"),
    [
        ("900000.01", "The approved amount may not exceed the requested 900,000.00 baht."),
        ("1000000", "The approved amount may not exceed the requested 900,000.00 baht."),
        ("0", "The approved amount must be more than zero."),
        ("-5", "The approved amount must be more than zero."),
        ("", "Give the approved amount."),
    ],
)
def test_a_wrong_approved_amount_is_refused(client, proposal, programme_manager, amount, error):
    english(programme_manager)
    client.force_login(programme_manager)
    with translation.override("en"):
        response = post(client, proposal, approved_amount=amount)
    assert response.status_code == 200
    with translation.override("en"):  # the form's errors are lazy: read them in English
        assert [str(e) for e in response.context["form"].errors["approved_amount"]] == [error]
    assert nothing_saved(proposal)


@pytest.mark.parametrize("outcome", ["approve", "reject", "request_revision"])
def test_a_comment_is_required(client, proposal, programme_manager, outcome):
    client.force_login(programme_manager)
    response = post(client, proposal, outcome=outcome, comment="   ")
    assert response.status_code == 200
    assert "comment" in response.context["form"].errors
    assert nothing_saved(proposal)


def test_the_service_says_every_reason_at_once(proposal, programme_manager):
    assign(proposal, state=AssignmentState.ACCEPTED, review_state=None)
    with translation.override("en"), pytest.raises(services.DecisionError) as refused:
        services.decide(
            proposal=proposal,
            outcome="approve",
            actor=programme_manager,
            comment="",
            approved_amount=Decimal("950000"),
        )
    assert refused.value.messages == [
        "Write a comment: the applicant reads it in the decision letter.",
        "The approved amount may not exceed the requested 900,000.00 baht.",
        "1 review of round 1 is still missing. A funding officer may cancel an assignment, "
        "with a reason, to decide without it.",
    ]
    assert nothing_saved(proposal)


def test_missing_reviews_refuse_the_decision_and_say_how_many(client, proposal, programme_manager):
    assign(proposal, state=AssignmentState.INVITED, review_state=None)
    assign(proposal, state=AssignmentState.ACCEPTED, review_state=None)
    english(programme_manager)
    client.force_login(programme_manager)
    with translation.override("en"):
        page = client.get(url(proposal)).content.decode()
        response = post(client, proposal)
    assert "2 reviews of round 1 are still missing." in page
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert shown[0].startswith("2 reviews of round 1 are still missing.")
    assert nothing_saved(proposal)


def test_a_cancelled_assignment_is_the_officers_override(client, proposal, programme_manager):
    assign(proposal, state=AssignmentState.CANCELLED, review_state=None)
    client.force_login(programme_manager)
    assert post(client, proposal).status_code == 302
    assert stored(proposal).state == S.APPROVED


def test_a_proposal_without_reviews_cannot_be_decided(client, call, programme_manager):
    bare = in_review(call)
    english(programme_manager)
    client.force_login(programme_manager)
    with translation.override("en"):
        response = post(client, bare)
    assert [str(m) for m in response.context["messages"]] == [
        "No review of round 1 has been submitted yet."
    ]
    assert stored(bare).state == S.IN_REVIEW


def test_a_decided_proposal_is_not_decided_twice(client, proposal, programme_manager):
    english(programme_manager)
    client.force_login(programme_manager)
    post(client, proposal)
    page = client.get(url(proposal))
    response = post(client, proposal, outcome="reject")
    assert not page.context["in_review"]
    assert "A decision is possible only while the proposal is in review" in page.content.decode()
    assert [str(m) for m in response.context["messages"]] == [
        "“Reject” is not possible while the proposal is “Approved”."
    ]
    assert Decision.objects.count() == 1


def test_the_letter_is_emailed_to_the_team_in_each_language_after_the_commit(
    client, proposal, people, django_capture_on_commit_callbacks
):
    client.force_login(people["programme_manager"])
    with django_capture_on_commit_callbacks(execute=True):
        post(client, proposal)
        assert mail.outbox == []
    decision = Decision.objects.get()
    # The lifecycle's own notice goes out too; the letters are the emails that hold one.
    letters = {
        email.to[0]: email.body
        for email in mail.outbox
        if decision.letter_th in email.body or decision.letter_en in email.body
    }
    assert set(letters) == {people["lead"].email, people["co_researcher"].email}
    assert decision.letter_th in letters[people["lead"].email]
    assert decision.letter_en in letters[people["co_researcher"].email]
    link = reverse("reviews:decision", args=[proposal.pk])
    assert all(link in body for body in letters.values())
    notes = Notification.objects.filter(url=link)
    assert {n.recipient for n in notes} == {people["lead"], people["co_researcher"]}


def test_no_email_leaves_when_the_decision_is_refused(
    client, proposal, programme_manager, django_capture_on_commit_callbacks
):
    client.force_login(programme_manager)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, proposal, approved_amount="2000000")
    assert mail.outbox == []


def test_the_page_shows_the_summary_and_the_requested_amount(client, proposal, programme_manager):
    client.force_login(programme_manager)
    response = client.get(url(proposal))
    summary, statistics = response.context["summary"], response.context["statistics"]
    assert ([r.number for r in summary.reviews], summary.round) == ([1, 2], 1)
    assert (statistics.count, statistics.mean) == (2, Decimal("80.00"))
    assert response.context["summary_url"] == reverse("reviews:review_summary", args=[proposal.pk])
    assert response.context["ranking_url"] == reverse("reviews:ranking", args=[proposal.call.code])
    assert response.context["requested"] == REQUESTED
    html = response.content.decode()
    assert "900,000.00" in html
    for assignment in proposal.assignments.select_related("reviewer"):
        assert assignment.reviewer.email not in html


def test_who_may_decide(client, call, people):
    proposal = Proposal.objects.get(call=call)
    expected = {
        "lead": 403,
        "co_researcher": 403,
        "programme_manager": 200,
        "other_manager": 404,
        "funding_officer": 403,
        "reviewer": 404,
        "researcher": 404,
        "administrator": 404,
        "mentor": 404,
        "finance": 404,
        "outsider": 404,
        "anonymous": 302,
    }
    assert_access(client, people, url(proposal), expected)
    assert stored(proposal).state == S.IN_REVIEW
    # Only the manager's press decides; every other persona's changes nothing.
    decided = {**expected, "programme_manager": 302}
    data = {"outcome": "reject", "comment": COMMENT}
    assert_access(client, people, url(proposal), decided, method="post", data=data)
    assert stored(proposal).state == S.REJECTED
    assert Decision.objects.get().decided_by == people["programme_manager"]


def test_the_page_runs_a_fixed_number_of_queries(client, call, programme_manager):
    proposal = in_review(call)

    def make_rows(count):
        for _ in range(count):
            assign(proposal, reviewer=UserFactory(), comments="ok")

    assert_flat_queries(client, programme_manager, url(proposal), make_rows, many=8)
