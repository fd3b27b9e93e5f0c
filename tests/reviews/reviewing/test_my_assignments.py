"""The reviewer's list of assignments and the reviewer dashboard."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from reviews.models import AssignmentState
from tests.helpers import assert_access, assert_flat_queries
from tests.proposals.lifecycle.conftest import call_for_complete_proposals
from tests.reviews.reviewing.conftest import assign, proposal_in_review

pytestmark = pytest.mark.django_db

URL = reverse("reviews:my_assignments")
DASHBOARD = reverse("dashboard_for_role", args=[Role.REVIEWER.value])


def test_only_reviewers_open_the_list(client, personas):
    assert_access(
        client,
        personas,
        URL,
        {
            "researcher": 403,
            "funding_officer": 403,
            "reviewer": 200,
            "programme_manager": 403,
            "administrator": 403,
            "mentor": 403,
            "finance": 403,
            "outsider": 403,
            "anonymous": 302,
        },
    )


def test_it_lists_only_the_reviewers_own_assignments(client, reviewer, trio, proposal):
    other = trio(Role.REVIEWER)[0]
    assign(proposal, reviewer)
    theirs = proposal_in_review()
    assign(theirs, other)
    client.force_login(reviewer)
    page = client.get(URL).content.decode()
    assert proposal.reference in page
    assert theirs.reference not in page


def test_it_shows_reference_title_call_round_due_date_and_state(client, reviewer, proposal):
    due = datetime.date(2026, 3, 5)
    assign(proposal, reviewer, due_date=due)
    client.force_login(reviewer)
    page = client.get(URL).content.decode()
    assert proposal.reference in page
    assert proposal.title_th in page
    assert proposal.call.code in page
    assert "5 มี.ค. 2569" in page  # the due date in the Buddhist era
    assert str(AssignmentState.INVITED.label) in page


def test_it_never_shows_the_team_of_a_blind_call(client, reviewer):
    proposal = proposal_in_review(blind=True)
    assign(proposal, reviewer)
    client.force_login(reviewer)
    page = client.get(URL).content.decode()
    assert proposal.lead.display_name not in page
    assert proposal.lead.email not in page


@pytest.mark.parametrize(
    ("state", "cleared", "link"),
    [
        (AssignmentState.INVITED, False, "reviews:answer_assignment"),
        (AssignmentState.ACCEPTED, False, "reviews:declare"),
        (AssignmentState.ACCEPTED, True, "reviews:review_proposal"),
        (AssignmentState.SUBMITTED, True, "reviews:review_proposal"),
    ],
)
def test_each_row_links_to_the_next_step(client, reviewer, proposal, state, cleared, link):
    assignment = assign(proposal, reviewer, state, cleared=cleared)
    if state == AssignmentState.SUBMITTED:
        assignment.coi_declared_at = timezone.now()
        assignment.save()
    client.force_login(reviewer)
    page = client.get(URL).content.decode()
    assert reverse(link, args=[assignment.pk]) in page


@pytest.mark.parametrize(
    "state", [AssignmentState.DECLINED, AssignmentState.CONFLICT, AssignmentState.CANCELLED]
)
def test_an_ended_assignment_offers_no_step(client, reviewer, proposal, state):
    assignment = assign(proposal, reviewer, state)
    client.force_login(reviewer)
    page = client.get(URL).content.decode()
    for name in ("answer_assignment", "declare", "review_proposal"):
        assert reverse(f"reviews:{name}", args=[assignment.pk]) not in page


def test_an_open_assignment_past_its_due_date_is_flagged_overdue(client, reviewer, proposal):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assign(proposal, reviewer, due_date=yesterday)
    client.force_login(reviewer)
    response = client.get(URL)
    [row] = response.context["assignments"]
    assert row.is_overdue
    assert "overdue" in response.content.decode() or "เลยกำหนด" in response.content.decode()


def test_a_submitted_review_is_not_overdue(client, reviewer, proposal):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assign(proposal, reviewer, AssignmentState.SUBMITTED, due_date=yesterday)
    client.force_login(reviewer)
    [row] = client.get(URL).context["assignments"]
    assert not row.is_overdue


def test_waiting_assignments_come_first(client, reviewer):
    done = assign(proposal_in_review(), reviewer, AssignmentState.DECLINED)
    waiting = assign(proposal_in_review(), reviewer)
    client.force_login(reviewer)
    rows = client.get(URL).context["assignments"]
    assert [row.pk for row in rows] == [waiting.pk, done.pk]


def _rows_for(reviewer):
    call = call_for_complete_proposals()
    states = [AssignmentState.INVITED, AssignmentState.ACCEPTED, AssignmentState.SUBMITTED]

    def make(n):
        for i in range(n):
            assign(proposal_in_review(call=call), reviewer, states[i % 3], round=1 + i % 2)

    return make


def test_the_list_runs_a_fixed_number_of_queries(client, reviewer, monkeypatch):
    from reviews.reviewing import views

    monkeypatch.setattr(views, "ASSIGNMENTS_PER_PAGE", 4)  # many rows: more than a page
    queries = assert_flat_queries(client, reviewer, URL, _rows_for(reviewer), few=1, many=6)
    assert queries == 5


def test_the_list_pages_and_shows_only_what_waits_when_asked(client, reviewer, monkeypatch):
    from reviews.reviewing import views

    monkeypatch.setattr(views, "ASSIGNMENTS_PER_PAGE", 2)
    waiting = [assign(proposal_in_review(), reviewer) for _ in range(3)]
    assign(proposal_in_review(), reviewer, AssignmentState.DECLINED)
    client.force_login(reviewer)
    assert client.get(URL).context["page"].paginator.count == 4
    only_open = client.get(URL, {"show": "open"})
    assert only_open.context["page"].paginator.count == 3
    assert "show=open&amp;page=2" in only_open.text
    last = client.get(URL, {"show": "open", "page": 2}).context["assignments"]
    assert [row.pk for row in last] == [waiting[2].pk]


def test_the_dashboard_shows_the_assignments(client, reviewer, proposal):
    assignment = assign(proposal, reviewer)
    client.force_login(reviewer)
    page = client.get(DASHBOARD).content.decode()
    assert proposal.reference in page
    assert reverse("reviews:answer_assignment", args=[assignment.pk]) in page
    assert URL in page


def test_the_dashboard_runs_a_fixed_number_of_queries(client, reviewer):
    assert_flat_queries(client, reviewer, DASHBOARD, _rows_for(reviewer), few=1, many=7)


def test_the_dashboard_leaves_out_what_no_longer_waits(client, reviewer, proposal):
    declined = assign(proposal, reviewer, AssignmentState.DECLINED)
    client.force_login(reviewer)
    response = client.get(DASHBOARD)
    assert proposal.reference not in response.content.decode()
    assert declined.pk not in [row.pk for row in response.context["assignments"]]
