"""The versions list and the compare page: who sees them, what they show, how many queries."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from proposals.models import BudgetLine, Proposal, ProposalState, Section, TeamMember
from proposals.versions.selectors import with_version_count
from proposals.versions.snapshot import take_snapshot
from tests.factories import ProposalFactory, UserFactory
from tests.helpers import assert_access, assert_flat_queries, count_queries
from tests.proposals.versions.conftest import add_rows

pytestmark = pytest.mark.django_db

LOGIN = 302
VISIBLE = {
    "lead": 200,
    "accepted member": 200,
    "pending member": 404,
    "funding officer": 200,
    "manager of the programme": 200,
    "other manager": 404,
    "reviewer": 404,
    "administrator": 404,
    "mentor": 404,
    "finance": 404,
    "outsider": 404,
    "anonymous": LOGIN,
}


def set_state(proposal, state):
    Proposal.objects.filter(pk=proposal.pk).update(state=state)
    return Proposal.objects.get(pk=proposal.pk)


def versions_url(proposal):
    return reverse("proposals:proposal_versions", args=[proposal.pk])


def compare_url(proposal, a=None, b=None):
    url = reverse("proposals:proposal_compare", args=[proposal.pk])
    query = "&".join(f"{name}={value}" for name, value in (("a", a), ("b", b)) if value is not None)
    return f"{url}?{query}" if query else url


def resubmit_with_changes(proposal):
    """Version 1, then a dearer equipment line and a reworded method, then version 2."""
    take_snapshot(proposal=proposal, actor=proposal.lead)
    line = BudgetLine.objects.get(proposal=proposal, category__code="equipment")
    line.unit_cost = Decimal("4500")
    line.save()
    Section.objects.filter(proposal=proposal, key="method").update(
        text="สำรวจครัวเรือน 350 หลัง ด้วยแบบสอบถาม"
    )
    return take_snapshot(proposal=proposal, actor=proposal.lead)


@pytest.fixture
def submitted(full_proposal):
    Section.objects.filter(proposal=full_proposal, key="method").update(
        text="สำรวจครัวเรือน 200 หลัง ด้วยแบบสอบถาม"
    )
    resubmit_with_changes(full_proposal)
    return set_state(full_proposal, ProposalState.IN_REVIEW)


@pytest.fixture
def people(submitted, officer, reviewer, administrator, outsider, trio):
    managers = trio(Role.PROGRAMME_MANAGER)
    submitted.call.programme.managers.add(managers[0])
    member = submitted.team.exclude(user=submitted.lead).get().user
    pending = UserFactory(roles=[Role.RESEARCHER])
    TeamMember.objects.create(proposal=submitted, user=pending, email=pending.email)
    return {
        "lead": submitted.lead,
        "accepted member": member,
        "pending member": pending,
        "funding officer": officer,
        "manager of the programme": managers[0],
        "other manager": managers[1],
        "reviewer": reviewer,
        "administrator": administrator,
        "mentor": outsider,
        "finance": outsider,
        "outsider": outsider,
        "anonymous": None,
    }


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_the_list_is_seen_by_the_team_officers_and_the_programme_managers(
    client, people, submitted
):
    assert_access(client, people, versions_url(submitted), VISIBLE)


def test_the_comparison_is_seen_by_the_same_people(client, people, submitted):
    assert_access(client, people, compare_url(submitted, 1, 2), VISIBLE)


def test_the_comparison_with_the_current_text_is_seen_by_the_same_people(client, people, submitted):
    proposal = set_state(submitted, ProposalState.REVISION)
    assert_access(client, people, compare_url(proposal, 2, "current"), VISIBLE)


@pytest.mark.parametrize(
    "a, b", [(3, 2), (1, 3), ("one", 2), (0, 1), (1, "latest"), ("current", 9)]
)
def test_unknown_versions_are_not_found(client, submitted, a, b):
    client.force_login(submitted.lead)
    assert client.get(compare_url(submitted, a, b)).status_code == 404


def test_versions_of_another_proposal_are_not_found(client, submitted):
    other = ProposalFactory(lead=submitted.lead)
    client.force_login(submitted.lead)
    assert client.get(compare_url(other, 1, 2)).status_code == 404
    assert client.get(versions_url(other)).status_code == 200


def test_an_unknown_proposal_is_not_found(client, officer):
    client.force_login(officer)
    missing = Proposal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    url = reverse("proposals:proposal_versions", args=[missing + 1])
    assert client.get(url).status_code == 404


def test_comparing_without_any_version_is_not_found(client):
    proposal = ProposalFactory()
    client.force_login(proposal.lead)
    assert client.get(compare_url(proposal)).status_code == 404
    body = page(client, proposal.lead, versions_url(proposal)).content.decode()
    assert "ยังไม่มีฉบับ" in body or "has not been submitted yet" in body


def test_the_list_shows_each_version_with_its_date_and_author(client, submitted):
    response = page(client, submitted.lead, versions_url(submitted))
    body = response.content.decode()
    year_be = timezone.localtime().year + 543
    assert f"{year_be} เวลา" in body
    assert submitted.lead.display_name in body
    assert [v.number for v in response.context["versions"]] == [2, 1]


def test_the_list_offers_the_last_two_versions_by_default(client, submitted):
    context = page(client, submitted.lead, versions_url(submitted)).context
    assert (context["selected_a"], context["selected_b"]) == (1, 2)


def test_in_revision_it_offers_the_last_version_against_the_current_text(client, submitted):
    proposal = set_state(submitted, ProposalState.REVISION)
    context = page(client, proposal.lead, versions_url(proposal)).context
    assert (context["selected_a"], context["selected_b"]) == (2, "current")
    context = page(client, proposal.lead, compare_url(proposal)).context
    assert (context["a"].key, context["b"].key) == (2, "current")


def test_the_current_text_shows_changes_not_yet_submitted(client, submitted):
    proposal = set_state(submitted, ProposalState.REVISION)
    Section.objects.filter(proposal=proposal, key="risks").update(text="ความเสี่ยงใหม่")
    response = page(client, proposal.lead, compare_url(proposal, 2, "current"))
    sections = {item.key: item for item in response.context["diff"].sections}
    assert sections["risks"].changed and not sections["method"].changed
    assert "เสี่ยงใหม่</ins>" in response.content.decode()


def test_the_comparison_shows_the_changes_in_thai(client, submitted):
    body = page(client, submitted.lead, compare_url(submitted, 1, 2)).content.decode()
    # The equipment line's unit cost and amount, old → new, and the category totals.
    for amount in ("3,000.00", "4,500.00", "12,000.00", "18,000.00", "15,000.00", "21,000.00"):
        assert amount in body, amount
    assert "ค่าครุภัณฑ์" in body
    # The reworded method, word by word, with a text marker besides the colour.
    assert '<del class="diff-del"><span class="diff-mark" aria-hidden="true">−</span>' in body
    assert "200</del>" in body and "350</ins>" in body
    assert "สำรวจครัวเรือน " in body
    # Unchanged sections are folded away; nothing is justified.
    assert "<details" in body
    assert "justify" not in body


def test_the_comparison_shows_labels_and_dates_in_english(client, submitted):
    client.force_login(submitted.lead)
    body = client.get(compare_url(submitted, 1, 2), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Unit cost (baht)" in body and "Equipment" in body
    assert f"{timezone.localtime().year}," in body  # the Common Era in English


def test_the_same_version_twice_says_nothing_changed(client, submitted):
    client.force_login(submitted.lead)
    response = client.get(compare_url(submitted, 2, 2))
    assert not response.context["diff"].changed


def test_the_list_runs_as_many_queries_with_many_versions_as_with_one(client, full_proposal):
    def make(n):
        for _ in range(n):
            take_snapshot(proposal=full_proposal, actor=UserFactory())

    assert_flat_queries(client, full_proposal.lead, versions_url(full_proposal), make, 1, 8)


@pytest.mark.parametrize("b", ["2", "current"])
def test_the_comparison_runs_as_many_queries_with_many_rows_as_with_one(client, b):
    def queries_with(rows):
        proposal = ProposalFactory()
        add_rows(proposal, rows)
        take_snapshot(proposal=proposal, actor=proposal.lead)
        add_rows(proposal, rows)  # so that every table has added rows to show
        take_snapshot(proposal=proposal, actor=proposal.lead)
        proposal = set_state(proposal, ProposalState.REVISION)
        client.force_login(proposal.lead)
        url = compare_url(proposal, 1, b)
        response = client.get(url)
        assert response.context["diff"].change_count == 8 * rows
        return count_queries(lambda: client.get(url))

    assert queries_with(1) == queries_with(10)


def test_the_link_shows_the_annotated_count_without_a_query(submitted, django_assert_num_queries):
    proposal = with_version_count(Proposal.objects.filter(pk=submitted.pk)).get()
    assert proposal.version_count == 2
    with django_assert_num_queries(0):
        html = render_to_string("proposals/versions/_link.html", {"proposal": proposal})
    assert versions_url(submitted) in html and "(2)" in html


def test_the_link_counts_with_one_query_otherwise(submitted, django_assert_num_queries):
    with django_assert_num_queries(1):
        html = render_to_string("proposals/versions/_link.html", {"proposal": submitted})
    assert "(2)" in html


def test_the_link_is_hidden_before_the_first_submission():
    proposal = with_version_count(Proposal.objects.filter(pk=ProposalFactory().pk)).get()
    assert render_to_string("proposals/versions/_link.html", {"proposal": proposal}).strip() == ""
