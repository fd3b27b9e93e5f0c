"""The Excel exports through the document address: who gets each file, and that the file is
the export (with the register page's filters from the query string)."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from proposals.models import ProposalState
from reports.documents import CONTENT_TYPES, XLSX
from tests.helpers import ANONYMOUS, OUTSIDER, assert_access
from tests.reports.excel_helpers import data_of, open_book
from tests.reviews.reviewing.scoring_helpers import (
    make_call,
    proposal_in,
    reviewer_user,
    submitted_review,
)

pytestmark = pytest.mark.django_db

LOGIN = 302
STAFF_ONLY = {
    Role.RESEARCHER.value: 404,
    Role.FUNDING_OFFICER.value: 200,
    Role.REVIEWER.value: 404,
    Role.PROGRAMME_MANAGER.value: 404,  # manages another programme (none here)
    Role.ADMINISTRATOR.value: 404,
    "mentor": 404,
    "finance": 404,
    OUTSIDER: 404,
    ANONYMOUS: LOGIN,
}


@pytest.fixture
def call(db):
    call = make_call(code="SLC-2568")
    proposal = proposal_in(call)
    submitted_review(proposal, reviewer_user(), 75)
    proposal_in(call, state=ProposalState.REJECTED)
    return call


def url(kind, key, query=""):
    return reverse("reports:document", args=[kind, XLSX, key]) + query


@pytest.mark.parametrize("kind", ["register", "scores", "budget", "budget-proposal"])
def test_only_the_staff_of_the_programme_get_the_exports(client, personas, call, kind):
    key = {
        "register": call.programme.code,
        "budget-proposal": call.proposals.order_by("pk").first().reference,
    }.get(kind, call.code)
    assert_access(client, personas, url(kind, key), STAFF_ONLY)


def test_the_team_gets_its_proposals_budget(client, call):
    proposal = call.proposals.order_by("pk").first()
    client.force_login(proposal.lead)
    response = client.get(url("budget-proposal", proposal.reference))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[XLSX]
    assert f'filename="{proposal.reference}-budget.xlsx"' in response["Content-Disposition"]


def test_the_register_download_takes_the_register_pages_filters(client, call, manager):
    call.programme.managers.add(manager)
    client.force_login(manager)
    response = client.get(url("register", call.programme.code, "?state=rejected&page=3"))
    assert response.status_code == 200
    book = open_book(b"".join(response.streaming_content))
    assert [row[6] for row in data_of(book.active)] == [str(ProposalState.REJECTED.label)]
