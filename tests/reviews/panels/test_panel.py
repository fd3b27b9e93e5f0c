"""The panel discussion of a proposal: open to its reviewers once their own review is in and
to the programme's staff, never to the applicants; comments mention members, who are
notified; the page's queries stay flat in the number of comments."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import AuditEntry, Notification
from accounts.roles import Role
from reports.pdf.committee_sheet import sheet_context
from reviews.assignment.services import cancel_assignment
from reviews.decisions.services import decide
from reviews.models import Assignment, PanelComment, PanelRole, PanelSummary
from reviews.panels import services
from reviews.panels.selectors import outcome_for
from reviews.ranking.selectors import SORT_MEAN, SORT_PANEL, build_ranking
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS, assert_access, assert_flat_queries
from tests.reviews.reviewing.scoring_helpers import (
    assign,
    make_call,
    proposal_in,
    reviewer_user,
    submitted_review,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel():
    """A proposal in review with a chair and a reviewer who submitted, and one who has not."""
    call = make_call()
    proposal = proposal_in(call)
    chair, member, late = reviewer_user(), reviewer_user(), reviewer_user()
    Assignment.objects.filter(pk=submitted_review(proposal, chair, 82).assignment_id).update(
        panel_role=PanelRole.CHAIR
    )
    submitted_review(proposal, member, 64)
    assign(proposal, late)
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    call.programme.managers.add(manager)
    return {
        "proposal": proposal,
        "chair": chair,
        "member": member,
        "late": late,
        "manager": manager,
    }


def url(proposal):
    return reverse("reviews:panel", args=[proposal.pk])


def test_who_may_open_the_panel_page(client, panel, personas):
    proposal = panel["proposal"]
    people = {
        **personas,
        "chair": panel["chair"],
        "member": panel["member"],
        "late": panel["late"],
        "the_programme_manager": panel["manager"],
        "lead": proposal.lead,
    }
    expected = {name: 404 for name in people} | {ANONYMOUS: 302}
    expected |= {
        Role.FUNDING_OFFICER.value: 200,
        "chair": 200,
        "member": 200,
        "the_programme_manager": 200,
    }
    assert_access(client, people, url(proposal), expected)
    assert_access(client, people, url(proposal), expected | {ANONYMOUS: 302}, method="post")
    assert not PanelComment.objects.exists()  # the empty posts added nothing


def test_a_member_sees_the_others_scores_and_roles(client, panel):
    client.force_login(panel["member"])
    body = client.get(url(panel["proposal"]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "82.00" in body and "64.00" in body
    assert "Lead reviewer (chair)" in body
    assert "1 review still to come." in body


def test_a_comment_mentions_a_member_who_is_notified(
    client, panel, django_capture_on_commit_callbacks, mailoutbox
):
    proposal, chair, member = panel["proposal"], panel["chair"], panel["member"]
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(proposal), {"text": f"เห็นต่างเรื่องงบประมาณ @{chair.email} ครับ"})
    comment = PanelComment.objects.get()
    assert response.url == f"{url(proposal)}#comment-{comment.pk}"
    assert list(comment.mentions.all()) == [chair]
    assert Notification.objects.filter(recipient=chair).count() == 1
    assert [message.to for message in mailoutbox] == [[chair.email]]
    assert not Notification.objects.filter(recipient=proposal.lead).exists()
    entry = AuditEntry.objects.get(action="panel.comment")
    assert entry.data["mentions"] == [chair.pk]


def test_an_outsider_to_the_panel_cannot_comment_even_through_the_service(panel):
    with pytest.raises(PermissionDenied):
        services.post_comment(actor=panel["late"], proposal=panel["proposal"], text="ขอดูก่อน")
    with pytest.raises(PermissionDenied):
        services.post_comment(
            actor=panel["proposal"].lead, proposal=panel["proposal"], text="ขอบคุณครับ"
        )
    assert not PanelComment.objects.exists()


def test_an_empty_comment_is_refused(panel):
    with pytest.raises(ValidationError):
        services.post_comment(actor=panel["chair"], proposal=panel["proposal"], text="   ")


def test_the_page_runs_as_many_queries_with_many_comments(client, panel):
    proposal, chair, member = panel["proposal"], panel["chair"], panel["member"]

    def make_rows(count):
        for number in range(count):
            services.post_comment(
                actor=member, proposal=proposal, text=f"ความเห็นที่ {number} @{chair.email}"
            )

    queries = assert_flat_queries(client, chair, url(proposal), make_rows, few=2, many=30)
    assert queries == 7


def _role_url(assignment):
    return reverse("reviews:set_panel_role", args=[assignment.pk])


def test_only_funding_officers_give_roles_on_the_panel(client, panel, personas):
    assignment = Assignment.objects.get(reviewer=panel["member"])
    expected = {name: 403 for name in personas} | {ANONYMOUS: 302}
    expected[Role.FUNDING_OFFICER.value] = 302  # back to the assign page
    assert_access(
        client, personas, _role_url(assignment), expected, method="post", data={"role": "external"}
    )
    assert Assignment.objects.get(pk=assignment.pk).panel_role == PanelRole.EXTERNAL
    assert AuditEntry.objects.filter(action="panel.role").count() == 1


def test_a_round_has_one_chair(officer, panel):
    assignment = Assignment.objects.get(reviewer=panel["member"])
    with pytest.raises(ValidationError):
        services.set_panel_role(actor=officer, assignment=assignment, role=PanelRole.CHAIR)
    chair = Assignment.objects.get(reviewer=panel["chair"])
    services.set_panel_role(actor=officer, assignment=chair, role=PanelRole.REVIEWER)
    services.set_panel_role(actor=officer, assignment=assignment, role=PanelRole.CHAIR)
    assert Assignment.objects.get(pk=assignment.pk).panel_role == PanelRole.CHAIR


def test_the_assign_page_offers_the_roles(client, officer, panel):
    client.force_login(officer)
    body = client.get(reverse("reviews:assign", args=[panel["proposal"].pk])).content.decode()
    assignment = Assignment.objects.get(reviewer=panel["member"])
    assert _role_url(assignment) in body


def test_the_chair_writes_the_consensus_the_others_read_it(client, panel):
    proposal, chair, member = panel["proposal"], panel["chair"], panel["member"]
    client.force_login(member)
    assert client.get(url(proposal)).context["summary_form"] is None
    response = client.post(
        url(proposal), {"score": "75", "recommendation": "fund", "summary": "เห็นพ้อง"}
    )
    assert not PanelSummary.objects.exists()  # a member's post is only a comment attempt
    client.force_login(chair)
    response = client.post(
        url(proposal),
        {"score": "75.5", "recommendation": "revise", "summary": "คณะเห็นพ้องให้ปรับแผนงบประมาณ"},
    )
    assert response.url == f"{url(proposal)}#panel-summary"
    summary = PanelSummary.objects.get()
    assert (summary.score, summary.recommendation, summary.chair) == (D("75.50"), "revise", chair)
    client.force_login(member)
    assert "คณะเห็นพ้องให้ปรับแผนงบประมาณ" in client.get(url(proposal)).content.decode()
    assert AuditEntry.objects.filter(action="panel.summary").count() == 1


@pytest.mark.parametrize(
    ("score", "recommendation", "summary"),
    [("101", "fund", "ok"), ("50", "maybe", "ok"), ("50", "fund", "  ")],
)
def test_a_consensus_off_its_rules_is_refused(panel, score, recommendation, summary):
    with pytest.raises(ValidationError):
        services.save_summary(
            actor=panel["chair"],
            proposal=panel["proposal"],
            score=D(score),
            recommendation=recommendation,
            summary=summary,
        )
    with pytest.raises(PermissionDenied):
        services.save_summary(
            actor=panel["member"],
            proposal=panel["proposal"],
            score=D("50"),
            recommendation="fund",
            summary="ok",
        )
    assert not PanelSummary.objects.exists()


def test_the_ranking_can_order_by_the_panel_score(panel):
    proposal, chair = panel["proposal"], panel["chair"]
    other = proposal_in(proposal.call)
    submitted_review(other, reviewer_user(), 70)
    services.save_summary(
        actor=chair, proposal=proposal, score=D("60"), recommendation="revise", summary="ปรับ"
    )
    by_mean = build_ranking(proposal.call, sort=SORT_MEAN)
    by_panel = build_ranking(proposal.call, sort=SORT_PANEL)
    assert [row.proposal.pk for row in by_mean.rows] == [proposal.pk, other.pk]  # 73 > 70
    assert [row.proposal.pk for row in by_panel.rows] == [other.pk, proposal.pk]  # 70 > 60
    assert by_panel.rows[1].panel.score == D("60.00")
    sheet = sheet_context(proposal.call, {"sort": "panel"})
    assert sheet["ranking"].rows[1].panel.recommendation == "revise"


def test_reviewers_learn_the_outcome_and_the_panel_summary_after_the_decision(client, panel):
    proposal, chair, member = panel["proposal"], panel["chair"], panel["member"]
    services.save_summary(
        actor=chair, proposal=proposal, score=D("78"), recommendation="fund", summary="ให้ทุน"
    )
    page = reverse("reviews:review_proposal", args=[Assignment.objects.get(reviewer=member).pk])
    client.force_login(member)
    assert client.get(page).context["outcome"] is None  # not decided yet
    late = Assignment.objects.get(reviewer=panel["late"])
    cancel_assignment(actor=UserFactory(roles=[Role.FUNDING_OFFICER]), assignment=late, reason="ช้า")
    decide(
        proposal=proposal,
        outcome="approve",
        actor=panel["manager"],
        comment="อนุมัติ",
        approved_amount=D("100000"),
    )
    response = client.get(page)
    assert response.context["outcome"].outcome == "approve"
    assert "ให้ทุน" in response.content.decode()
    assert outcome_for(Assignment.objects.get(pk=late.pk)) == (None, None)  # did not review
