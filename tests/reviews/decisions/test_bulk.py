"""Several proposals of a call decided at once, each on its own."""

import pytest
from django.urls import reverse

from proposals.models import Proposal, ProposalState
from reviews.models import AssignmentState, Decision
from tests.helpers import assert_access, count_queries

from .conftest import REQUESTED, assign, in_review

pytestmark = pytest.mark.django_db

S = ProposalState
COMMENT = "ผ่านการพิจารณาของคณะกรรมการ"


def url(call):
    return reverse("reviews:decide_bulk", args=[call.code])


def english(user):
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])


@pytest.fixture
def mixed(call, proposal):
    """Ready, waiting for a review, and already approved."""
    waiting = in_review(call)
    assign(waiting)
    assign(waiting, state=AssignmentState.ACCEPTED, review_state=None)
    approved = in_review(call)
    Proposal.objects.filter(pk=approved.pk).update(state=S.APPROVED)
    return {"ready": proposal, "waiting": waiting, "approved": approved}


def ids(*proposals):
    return [p.pk for p in proposals]


def test_each_proposal_is_decided_or_refused_on_its_own(client, call, mixed, programme_manager):
    english(programme_manager)
    client.force_login(programme_manager)
    data = {
        "proposal": ids(*mixed.values()),
        "outcome": "approve",
        "comment": COMMENT,
        "confirm": "1",
    }
    response = client.post(url(call), data)
    assert response.status_code == 200
    succeeded = [r.proposal.pk for r in response.context["succeeded"]]
    refused = {r.proposal.pk: r.messages for r in response.context["refused"]}
    assert succeeded == [mixed["ready"].pk]
    assert refused == {
        mixed["waiting"].pk: [
            "1 review of round 1 is still missing. A funding officer may cancel an assignment, "
            "with a reason, to decide without it."
        ],
        mixed["approved"].pk: ["This proposal is already “Approved”: nothing was changed."],
    }
    decision = Decision.objects.get()
    assert (decision.proposal, decision.approved_amount, decision.comment) == (
        mixed["ready"],
        REQUESTED,
        COMMENT,
    )
    ready = Proposal.objects.get(pk=mixed["ready"].pk)
    assert (ready.state, ready.approved_amount) == (S.APPROVED, REQUESTED)
    assert Proposal.objects.get(pk=mixed["waiting"].pk).state == S.IN_REVIEW
    html = response.content.decode()
    assert "1 review of round 1 is still missing." in html


def test_rejecting_several_writes_a_letter_for_each(client, call, proposal, programme_manager):
    other = in_review(call)
    assign(other)
    client.force_login(programme_manager)
    data = {"proposal": ids(proposal, other), "outcome": "reject", "comment": COMMENT}
    client.post(url(call), {**data, "confirm": "1"})
    decisions = Decision.objects.order_by("proposal__sequence")
    assert [(d.proposal, d.outcome) for d in decisions] == [
        (proposal, "reject"),
        (other, "reject"),
    ]
    assert all(d.approved_amount is None and COMMENT in d.letter_th for d in decisions)


@pytest.mark.parametrize("method", ["get", "post"])
def test_without_confirm_it_only_shows_what_will_happen(
    client, call, mixed, programme_manager, method
):
    """The ranking's form posts the chosen proposals without `confirm`."""
    client.force_login(programme_manager)
    data = {"proposal": ids(*mixed.values()), "outcome": "reject", "comment": COMMENT}
    response = getattr(client, method)(url(call), data)
    assert response.status_code == 200
    rows = {row["proposal"].pk: row for row in response.context["rows"]}
    assert list(rows) == ids(*mixed.values())
    assert rows[mixed["ready"].pk]["blockers"] == []
    assert rows[mixed["waiting"].pk]["blockers"]
    assert not rows[mixed["approved"].pk]["in_review"]
    assert rows[mixed["ready"].pk]["proposal"].requested_amount == REQUESTED
    form = response.context["form"]
    assert (form["outcome"].value(), form["comment"].value()) == ("reject", COMMENT)
    assert not Decision.objects.exists()
    assert Proposal.objects.get(pk=mixed["ready"].pk).state == S.IN_REVIEW


def test_a_missing_comment_decides_nothing(client, call, proposal, programme_manager):
    client.force_login(programme_manager)
    data = {"proposal": ids(proposal), "outcome": "reject", "comment": " ", "confirm": "1"}
    response = client.post(url(call), data)
    assert response.status_code == 200
    assert "comment" in response.context["form"].errors
    assert not Decision.objects.exists()


def test_proposals_of_another_call_are_left_out(client, call, proposal, programme_manager):
    from .conftest import call_for_complete_proposals

    stranger = in_review(call_for_complete_proposals())
    client.force_login(programme_manager)
    response = client.get(url(call), {"proposal": [proposal.pk, stranger.pk, "x"]})
    assert [row["proposal"] for row in response.context["rows"]] == [proposal]
    assert response.context["left_out"] == 1
    client.post(url(call), {"proposal": [stranger.pk], "outcome": "reject", "comment": COMMENT,
                            "confirm": "1"})  # fmt: skip
    assert Proposal.objects.get(pk=stranger.pk).state == S.IN_REVIEW


def test_who_may_decide_in_bulk(client, call, people, proposal):
    expected = {
        "lead": 403,
        "co_researcher": 403,
        "programme_manager": 200,
        "other_manager": 403,
        "funding_officer": 403,
        "reviewer": 403,
        "researcher": 403,
        "administrator": 403,
        "mentor": 403,
        "finance": 403,
        "outsider": 403,
        "anonymous": 302,
    }
    query = {"proposal": [proposal.pk]}
    assert_access(client, people, url(call), expected, data=query)
    data = {**query, "outcome": "reject", "comment": COMMENT, "confirm": "1"}
    assert_access(client, people, url(call), expected, method="post", data=data)
    assert Decision.objects.get().decided_by == people["programme_manager"]


def test_the_confirmation_runs_a_fixed_number_of_queries(client, call, programme_manager):
    client.force_login(programme_manager)
    proposals = [in_review(call)]
    assign(proposals[0])

    def queries():
        response = client.get(url(call), {"proposal": ids(*proposals)})
        assert response.status_code == 200
        assert len(response.context["rows"]) == len(proposals)

    few = count_queries(queries)
    for _ in range(4):
        proposals.append(in_review(call))
        assign(proposals[-1])
    assert count_queries(queries) == few
