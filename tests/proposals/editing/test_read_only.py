"""Once submitted (or whenever the reader may not edit), every page shows its rows without a
form, and a save is refused."""

from decimal import Decimal

import pytest
from django.urls import reverse

from proposals.models import Activity, Proposal, ProposalState
from tests.proposals.editing.posting import URL_NAMES, rows_data

pytestmark = pytest.mark.django_db

PAGES = [*URL_NAMES.values(), "proposals:edit_attachments"]


@pytest.fixture
def submitted(proposal):
    Activity.objects.create(
        proposal=proposal,
        name="สำรวจพื้นที่",
        start_month=1,
        end_month=2,
        deliverable="รายงาน",
        weight_percent=Decimal("100"),
    )
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.SUBMITTED)
    return Proposal.objects.get(pk=proposal.pk)


def is_read_only(response):
    text = response.content.decode()
    return (
        response.context["can_edit"] is False
        and 'enctype="multipart/form-data"' not in text
        and "TOTAL_FORMS" not in text
        and 'name="more_rows"' not in text
    )


@pytest.mark.parametrize("url_name", PAGES)
def test_a_submitted_proposal_is_read_only_for_its_team(client, submitted, member, url_name):
    for user in (submitted.lead, member):
        client.force_login(user)
        response = client.get(reverse(url_name, args=[submitted.pk]))
        assert response.status_code == 200
        assert is_read_only(response)


@pytest.mark.parametrize("key", URL_NAMES)
def test_saving_a_submitted_proposal_is_refused(client, submitted, key):
    data = rows_data(submitted, key)
    client.force_login(submitted.lead)
    assert client.post(reverse(URL_NAMES[key], args=[submitted.pk]), data).status_code == 403


def test_the_read_only_work_plan_shows_the_saved_rows(client, submitted, officer):
    client.force_login(officer)
    response = client.get(reverse("proposals:edit_activities", args=[submitted.pk]))
    text = response.content.decode()
    assert "สำรวจพื้นที่" in text
    assert "รายงาน" in text
    assert is_read_only(response)


def test_an_officer_reads_a_draft_without_a_form(client, proposal, officer):
    client.force_login(officer)
    response = client.get(reverse("proposals:edit_budget", args=[proposal.pk]))
    assert is_read_only(response)


def test_a_proposal_in_revision_is_editable_again(client, submitted):
    Proposal.objects.filter(pk=submitted.pk).update(state=ProposalState.REVISION)
    client.force_login(submitted.lead)
    response = client.get(reverse("proposals:edit_activities", args=[submitted.pk]))
    assert response.context["can_edit"] is True
    assert "TOTAL_FORMS" in response.content.decode()


def test_each_page_links_back_to_the_proposal(client, proposal):
    client.force_login(proposal.lead)
    back = reverse("proposals:proposal_detail", args=[proposal.pk])
    for url_name in PAGES:
        text = client.get(reverse(url_name, args=[proposal.pk])).content.decode()
        assert f'href="{back}"' in text, url_name
