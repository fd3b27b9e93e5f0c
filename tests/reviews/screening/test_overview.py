"""The review overview: the list of calls and one call's proposals with their screening and
reviewers; officers and the call's programme managers read it, in a fixed number of queries."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from proposals.models import ProposalState
from reviews.models import Assignment, AssignmentState, Review, ReviewState, ScreeningCheck
from reviews.models import ScreeningVerdict as V
from tests.factories import UserFactory
from tests.helpers import assert_access, assert_flat_queries
from tests.reviews.screening.builders import (
    a_call,
    a_reviewer,
    assign,
    checklist,
    cleared,
    submitted,
)

pytestmark = pytest.mark.django_db

LOGIN = 302
READERS = {
    "researcher": 403,
    "funding_officer": 200,
    "reviewer": 403,
    "programme_manager": 200,
    "administrator": 403,
    "mentor": 403,
    "finance": 403,
    "outsider": 403,
    "anonymous": LOGIN,
}


def test_the_calls_page_is_for_officers_and_managers(client, personas):
    assert_access(client, personas, reverse("reviews:calls"), READERS)


def test_the_call_overview_is_for_officers_and_the_calls_managers(client, personas, manager):
    call = a_call()
    call.programme.managers.add(manager)
    url = reverse("reviews:call_overview", args=[call.code])
    assert_access(client, personas, url, READERS)
    other = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert client.get(reverse("reviews:call_overview", args=["NOPE"])).status_code == 404


def test_a_manager_lists_only_the_calls_of_their_programmes(client, manager, officer):
    mine, other = a_call(), a_call()
    mine.programme.managers.add(manager)
    from indicators.models import Funder, Programme

    elsewhere = Programme.objects.create(
        code="ELSE", name_th="อื่น", name_en="Else", funder=Funder.objects.first()
    )
    type(other).objects.filter(pk=other.pk).update(programme=elsewhere)
    client.force_login(manager)
    listed = [c.code for c in client.get(reverse("reviews:calls")).context["calls"]]
    assert listed == [mine.code]
    client.force_login(officer)
    listed = {c.code for c in client.get(reverse("reviews:calls")).context["calls"]}
    assert {mine.code, other.code} <= listed


def test_the_calls_page_counts_proposals_by_state(client, officer):
    call = a_call()
    submitted(call)
    submitted(call)
    submitted(call, state=ProposalState.IN_REVIEW)
    submitted(call, state=ProposalState.DRAFT)
    client.force_login(officer)
    row = next(c for c in client.get(reverse("reviews:calls")).context["calls"] if c == call)
    assert (row.count_submitted, row.count_in_review, row.count_revision) == (2, 1, 0)


def test_the_overview_shows_screening_and_reviewers_per_round(client, officer):
    call = a_call(reviewers_per_proposal=2)
    items = checklist(call, 2)
    waiting = submitted(call)
    ScreeningCheck.objects.create(proposal=waiting, item=items[0], verdict=V.MET)
    failing = submitted(call)
    ScreeningCheck.objects.create(proposal=failing, item=items[0], verdict=V.NOT_MET)
    revised = submitted(call, state=ProposalState.IN_REVIEW, round=2)
    old = cleared(revised, a_reviewer(), round=1)
    Assignment.objects.filter(pk=old.pk).update(state=AssignmentState.SUBMITTED)
    Review.objects.create(assignment=old, state=ReviewState.SUBMITTED)
    cleared(revised, a_reviewer())
    assign(revised, a_reviewer())
    assign(revised, a_reviewer(), AssignmentState.DECLINED)
    draft = submitted(call, state=ProposalState.DRAFT)
    client.force_login(officer)
    rows = client.get(reverse("reviews:call_overview", args=[call.code])).context["rows"]
    by_pk = {row["proposal"].pk: row for row in rows}
    assert draft.pk not in by_pk
    assert by_pk[waiting.pk]["screening"] == {
        "key": "started",
        "judged": 1,
        "total": 2,
    }
    assert by_pk[failing.pk]["screening"] == {"key": "not_met", "count": 1}
    assert by_pk[revised.pk]["screening"] == {"key": "passed"}
    assert by_pk[revised.pk]["current"] == {"assigned": 2, "cleared": 1, "submitted": 0}
    assert by_pk[revised.pk]["earlier"] == [(1, {"assigned": 1, "cleared": 1, "submitted": 1})]


def test_the_overview_links_to_the_officers_pages(client, officer, manager):
    call = a_call()
    call.programme.managers.add(manager)
    proposal = submitted(call)
    url = reverse("reviews:call_overview", args=[call.code])
    client.force_login(officer)
    html = client.get(url).content.decode()
    for link in [
        reverse("reviews:screen", args=[proposal.pk]),
        reverse("reviews:assign", args=[proposal.pk]),
        reverse("reviews:screening_items", args=[call.code]),
        reverse("reviews:assign_call", args=[call.code]),
    ]:
        assert link in html
    client.force_login(manager)
    html = client.get(url).content.decode()
    assert reverse("reviews:screen", args=[proposal.pk]) not in html
    assert reverse("reviews:assign_call", args=[call.code]) not in html


def test_the_officer_dashboard_links_to_the_calls(client, officer):
    client.force_login(officer)
    page = client.get(reverse("dashboard_for_role", args=["funding_officer"]))
    assert reverse("reviews:calls") in page.content.decode()
    assert reverse("reviews:pool") in page.content.decode()


def test_the_call_overview_runs_a_fixed_number_of_queries(client, officer):
    call = a_call(reviewers_per_proposal=2)
    items = checklist(call, 2)

    def make_rows(count):
        for _n in range(count):
            proposal = submitted(call)
            ScreeningCheck.objects.create(proposal=proposal, item=items[0], verdict=V.MET)
            cleared(proposal, a_reviewer())
            assign(proposal, a_reviewer())

    queries = assert_flat_queries(
        client, officer, reverse("reviews:call_overview", args=[call.code]), make_rows, many=8
    )
    assert queries == 7


def test_the_call_overview_pages_and_filters_by_state_in_the_url(client, officer, monkeypatch):
    from reviews.screening import views

    monkeypatch.setattr(views, "OVERVIEW_PER_PAGE", 2)
    call = a_call()
    made = [submitted(call) for _ in range(3)] + [submitted(call, state=ProposalState.REVISION)]
    client.force_login(officer)
    url = reverse("reviews:call_overview", args=[call.code])
    first = client.get(url)
    assert [row["proposal"] for row in first.context["rows"]] == made[:2]
    second = client.get(url, {"page": 2})
    assert [row["proposal"] for row in second.context["rows"]] == made[2:]
    revision = client.get(url, {"state": ProposalState.REVISION})
    assert [row["proposal"] for row in revision.context["rows"]] == made[3:]
    submitted_only = client.get(url, {"state": ProposalState.SUBMITTED})
    assert submitted_only.context["page"].paginator.num_pages == 2
    assert "state=submitted&amp;page=2" in submitted_only.text  # the filter is kept


def test_the_calls_page_runs_a_fixed_number_of_queries(client, officer):
    def make_rows(count):
        for _n in range(count):
            submitted(a_call())

    assert_flat_queries(client, officer, reverse("reviews:calls"), make_rows, many=6)


def test_the_overview_links_the_ranking_and_each_review_summary(client, officer):
    call = a_call()
    proposal = submitted(call)
    client.force_login(officer)
    response = client.get(reverse("reviews:call_overview", args=[call.code]))
    assert response.context["ranking_url"] == reverse("reviews:ranking", args=[call.code])
    assert response.context["rows"][0]["reviews_url"] == reverse(
        "reviews:review_summary", args=[proposal.pk]
    )
