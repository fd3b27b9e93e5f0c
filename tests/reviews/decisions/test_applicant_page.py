"""What the team reads: the decisions, their letters and the reviewers' comments, anonymised.
Reviewer identities, confidential comments and individual scores never reach it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import Role
from proposals.lifecycle.services import transition
from proposals.models import Proposal, ProposalState
from reviews.decisions import services
from reviews.models import AssignmentState, Decision, ReviewState
from tests.factories import UserFactory
from tests.helpers import assert_access, assert_flat_queries

from .conftest import assign, in_review

pytestmark = pytest.mark.django_db

S = ProposalState
SECRET = "ข้อมูลลับสำหรับเจ้าหน้าที่เท่านั้น"


def url(proposal):
    return reverse("reviews:decision", args=[proposal.pk])


def named_reviewer(n):
    return UserFactory(
        email=f"secret.reviewer{n}@example.org",
        full_name_th=f"ผู้ประเมิน ลับ{n}",
        full_name_en=f"Hidden Reviewer{n}",
        organisation=f"สถาบันลับ{n}",
        roles=[Role.REVIEWER],
    )


@pytest.fixture
def reviewed(call):
    """In review with three named reviewers: two submitted, one declined."""
    proposal = in_review(call)
    first = assign(
        proposal,
        named_reviewer(1),
        comments="ควรเพิ่มแผนการถ่ายทอดเทคโนโลยีให้ชัดเจน",
        confidential=SECRET,
        score=Decimal("87.35"),
    )
    assign(proposal, named_reviewer(2), state=AssignmentState.DECLINED, review_state=None)
    second = assign(
        proposal,
        named_reviewer(3),
        comments="The budget for materials looks high.",
        confidential="Between us: weak team.",
        score=Decimal("61.20"),
    )
    return proposal, [first, second]


def decide(proposal, manager, outcome, comment="ความเห็นของแผนงาน", amount=None):
    return services.decide(
        proposal=Proposal.objects.get(pk=proposal.pk),
        outcome=outcome,
        actor=manager,
        comment=comment,
        approved_amount=amount,
    )


def test_the_team_reads_the_letter_and_anonymised_comments(client, reviewed, programme_manager):
    proposal, assignments = reviewed
    decision = decide(proposal, programme_manager, "approve", amount=Decimal("750000"))
    client.force_login(proposal.lead)
    response = client.get(url(proposal))
    html = response.content.decode()
    assert response.status_code == 200
    assert decision.letter_th.splitlines()[0] in html
    assert "750,000.00" in html
    assert "ความเห็นของแผนงาน" in html
    (shown,) = response.context["decisions"]
    assert [(c.number, c.text) for c in shown.reviewer_comments] == [
        (1, "ควรเพิ่มแผนการถ่ายทอดเทคโนโลยีให้ชัดเจน"),
        (2, "The budget for materials looks high."),
    ]
    assert "ผู้ทรงคุณวุฒิ 1" in html
    assert "ผู้ทรงคุณวุฒิ 2" in html
    for assignment in assignments:
        reviewer = assignment.reviewer
        for secret in (reviewer.email, reviewer.full_name_th, reviewer.full_name_en,
                       reviewer.organisation):  # fmt: skip
            assert secret not in html
    for secret in (SECRET, "Between us", "87.35", "87.3", "61.20", "61.2"):
        assert secret not in html


def test_each_reader_gets_the_letter_in_their_language(client, reviewed, programme_manager):
    proposal, _assignments = reviewed
    decision = decide(proposal, programme_manager, "reject")
    english = UserFactory(preferred_language="en", roles=[Role.RESEARCHER])
    proposal.team.create(user=english, email=english.email, accepted_at=proposal.created_at)
    client.force_login(english)
    html = client.get(url(proposal)).content.decode()
    assert decision.letter_en.splitlines()[0] in html
    assert "Reviewer 1" in html
    assert "เรียน" not in html


def test_a_revision_request_says_what_to_change_and_links_to_the_workspace(
    client, reviewed, programme_manager
):
    proposal, _assignments = reviewed
    decide(proposal, programme_manager, "request_revision", comment="ปรับแผนงบประมาณ")
    client.force_login(proposal.lead)
    response = client.get(url(proposal))
    html = response.content.decode()
    assert response.context["can_revise"]
    box = html[html.index('class="alert alert-warning"') :]
    box = box[: box.index("</section>")]
    assert "ปรับแผนงบประมาณ" in box
    assert "ควรเพิ่มแผนการถ่ายทอดเทคโนโลยีให้ชัดเจน" in box
    assert reverse("proposals:proposal_detail", args=[proposal.pk]) in box


def test_a_revision_round_keeps_each_decision_with_its_own_round(
    client, reviewed, programme_manager
):
    proposal, _assignments = reviewed
    decide(proposal, programme_manager, "request_revision", comment="ปรับแผนงบประมาณ")
    resubmitted = transition(
        proposal=Proposal.objects.get(pk=proposal.pk), name="resubmit", actor=proposal.lead
    )
    assert (resubmitted.state, resubmitted.round) == (S.IN_REVIEW, 2)
    # The new round needs its own reviews: those of round 1 do not count.
    with pytest.raises(services.DecisionError):
        decide(proposal, programme_manager, "approve", amount=Decimal("900000"))
    assign(resubmitted, named_reviewer(9), comments="แก้ไขครบถ้วนแล้ว", confidential=SECRET)
    decide(resubmitted, programme_manager, "approve", amount=Decimal("900000"))

    client.force_login(proposal.lead)
    response = client.get(url(proposal))
    decisions = response.context["decisions"]
    assert [(d.round, d.outcome) for d in decisions] == [(2, "approve"), (1, "request_revision")]
    assert [c.text for c in decisions[0].reviewer_comments] == ["แก้ไขครบถ้วนแล้ว"]
    assert [c.number for c in decisions[1].reviewer_comments] == [1, 2]
    assert not response.context["can_revise"]
    html = response.content.decode()
    assert html.index('id="round-2"') < html.index('id="round-1"')
    assert SECRET not in html
    assert Decision.objects.filter(proposal=proposal).count() == 2


def test_no_decision_yet(client, reviewed):
    proposal, _assignments = reviewed
    client.force_login(proposal.lead)
    response = client.get(url(proposal))
    assert response.status_code == 200
    assert response.context["decisions"] == []


def test_only_submitted_reviews_of_standing_assignments_are_shown(client, call, programme_manager):
    proposal = in_review(call)
    assign(proposal, comments="shown")
    assign(proposal, state=AssignmentState.CANCELLED, review_state=ReviewState.DRAFT,
           comments="never submitted")  # fmt: skip
    assign(proposal, state=AssignmentState.CANCELLED, comments="cancelled after writing")
    decide(proposal, programme_manager, "reject")
    client.force_login(proposal.lead)
    (decision,) = client.get(url(proposal)).context["decisions"]
    assert [c.text for c in decision.reviewer_comments] == ["shown"]


def test_who_may_read_the_decision(client, people, proposal):
    decide(proposal, people["programme_manager"], "reject")
    expected = {
        "lead": 200,
        "co_researcher": 200,
        "programme_manager": 200,
        "other_manager": 404,
        "funding_officer": 200,
        "reviewer": 404,
        "researcher": 404,
        "administrator": 404,
        "mentor": 404,
        "finance": 404,
        "outsider": 404,
        "anonymous": 302,
    }
    assert_access(client, people, url(proposal), expected)


def test_the_page_runs_a_fixed_number_of_queries(client, call, programme_manager):
    proposal = in_review(call)
    assign(proposal, comments="first")
    decision = decide(proposal, programme_manager, "request_revision")

    def make_rows(count):
        for n in range(count):
            assign(proposal, comments=f"more {n}")

    assert decision.round == 1
    assert_flat_queries(client, proposal.lead, url(proposal), make_rows, many=10)


def test_many_rounds_run_as_many_queries_as_one(client, call, programme_manager):
    proposal = in_review(call)
    assign(proposal, comments="round 1")
    decide(proposal, programme_manager, "request_revision")
    rounds = iter(range(2, 20))

    def make_rows(count):
        for _ in range(count):
            number = next(rounds)
            assign(proposal, comments=f"round {number}", round_number=number)
            Decision.objects.create(
                proposal=proposal, round=number, outcome="request_revision", comment="again"
            )

    assert_flat_queries(client, proposal.lead, url(proposal), make_rows, few=0, many=6)
