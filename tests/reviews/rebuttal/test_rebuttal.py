"""Rebuttal in revision rounds: the team answers each reviewer's comments point by point
while a revision is asked for; the next round's reviewers, the officers and the managers read
the answers; nobody else."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import AuditEntry
from accounts.roles import Role
from proposals.models import Proposal, ProposalState
from reviews.models import RebuttalAnswer
from reviews.rebuttal import services
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS, OUTSIDER, assert_access, assert_flat_queries
from tests.reviews.reviewing.scoring_helpers import (
    assign,
    make_call,
    proposal_in,
    reviewer_user,
    submitted_review,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def revision():
    """A proposal whose round 1 asked for a revision after two reviews."""
    call = make_call()
    proposal = proposal_in(call, state=ProposalState.REVISION)
    first = submitted_review(proposal, reviewer_user(), 70)
    second = submitted_review(proposal, reviewer_user(), 60)
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    call.programme.managers.add(manager)
    return {"proposal": proposal, "reviews": [first, second], "manager": manager}


def url(proposal):
    return reverse("reviews:rebuttal", args=[proposal.pk])


def test_who_may_open_the_answers_page(client, revision, personas):
    proposal = revision["proposal"]
    first_reviewer = revision["reviews"][0].assignment.reviewer
    people = {
        **personas,
        "lead": proposal.lead,
        "the_programme_manager": revision["manager"],
        "first_round_reviewer": first_reviewer,
    }
    expected = {name: 404 for name in people} | {ANONYMOUS: 302}
    expected |= {Role.FUNDING_OFFICER.value: 200, "lead": 200, "the_programme_manager": 200}
    assert_access(client, people, url(proposal), expected)
    assert personas[OUTSIDER] is not None


def test_the_team_answers_each_review_and_the_next_round_reads_them(client, revision):
    proposal = revision["proposal"]
    first, second = revision["reviews"]
    client.force_login(proposal.lead)
    response = client.post(
        url(proposal),
        {f"answer-{first.pk}": "ปรับแผนงานตามข้อ 1 แล้ว", f"answer-{second.pk}": ""},
    )
    assert response.status_code == 302
    assert RebuttalAnswer.objects.get().review == first
    assert AuditEntry.objects.filter(action="rebuttal.saved").count() == 1
    # Resubmitted: round 2, a new reviewer reads the answers; the team no longer edits them.
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.IN_REVIEW, round=2)
    proposal = Proposal.objects.get(pk=proposal.pk)
    newcomer = reviewer_user()
    assign(proposal, newcomer)
    client.force_login(newcomer)
    body = client.get(url(proposal)).content.decode()
    assert "ปรับแผนงานตามข้อ 1 แล้ว" in body
    assert first.assignment.reviewer.display_name not in body  # reviewers stay anonymous
    client.force_login(proposal.lead)
    assert client.post(url(proposal), {f"answer-{first.pk}": "แก้"}).status_code == 404
    assert RebuttalAnswer.objects.get().text == "ปรับแผนงานตามข้อ 1 แล้ว"


def test_an_answer_to_another_round_saves_nothing(revision):
    proposal = revision["proposal"]
    other = submitted_review(proposal, reviewer_user(), 50, round=3)
    with pytest.raises(ValidationError):
        services.save_rebuttal(
            actor=proposal.lead,
            proposal=proposal,
            answers={revision["reviews"][0].pk: "ตอบ", other.pk: "ตอบ"},
        )
    assert not RebuttalAnswer.objects.exists()
    with pytest.raises(PermissionDenied):
        services.save_rebuttal(
            actor=revision["manager"], proposal=proposal, answers={other.pk: "ตอบ"}
        )


def test_the_page_runs_as_many_queries_with_many_reviews(client, revision):
    proposal = revision["proposal"]

    def make_rows(count):
        for _ in range(count):
            review = submitted_review(proposal, reviewer_user(), 65)
            RebuttalAnswer.objects.create(review=review, text="ตอบแล้ว")

    queries = assert_flat_queries(client, proposal.lead, url(proposal), make_rows, few=1, many=12)
    assert queries == 5
