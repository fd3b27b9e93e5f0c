"""A proposal's draft parts through the API (a university's own system writing the
narrative): read by whoever reads the proposal, written by its team while it is a draft, with
the section page's service, version check and audit."""

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from accounts.roles import Role
from api.models import TokenScope
from api.tokens import services
from proposals.models import Proposal, ProposalState, Section
from tests.api.conftest import assert_api_access, call_api
from tests.factories import ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(researcher, manager):
    proposal = ProposalFactory(lead=researcher)
    proposal.call.programme.managers.add(manager)
    return proposal


def sections(proposal):
    return reverse("api:v1:sections", args=[proposal.pk])


def section(proposal, key="method"):
    return reverse("api:v1:section", args=[proposal.pk, key])


def test_who_reads_a_proposals_sections(client, personas, draft):
    expected = {
        **dict.fromkeys(personas, 404),
        Role.RESEARCHER.value: 200,
        Role.FUNDING_OFFICER.value: 200,
        Role.PROGRAMME_MANAGER.value: 200,
        "anonymous": 401,
    }
    assert_api_access(client, personas, sections(draft), expected)


def test_who_writes_a_section(client, personas, draft):
    expected = {
        **dict.fromkeys(personas, 404),
        Role.RESEARCHER.value: 200,
        Role.FUNDING_OFFICER.value: 403,
        Role.PROGRAMME_MANAGER.value: 403,
        "anonymous": 401,
    }
    data = {"text": "วิธีการ", "version": 1}
    assert_api_access(client, personas, section(draft), expected, "put", data)


def test_a_section_is_saved_with_its_version_and_audited(client, draft, researcher):
    key = services.create_token(actor=researcher, name="t", scope=TokenScope.WRITE)[1]
    listed = call_api(client, key, sections(draft)).json()
    assert [item["key"] for item in listed][:2] == ["problem", "objectives"]
    response = call_api(
        client, key, section(draft), "put", {"text": "สำรวจ\r\nวิเคราะห์", "version": 1}
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    assert Section.objects.get(proposal=draft, key="method").text == "สำรวจ\nวิเคราะห์"
    assert AuditEntry.objects.filter(action="proposal.section_saved").count() == 1
    stale = call_api(client, key, section(draft), "put", {"text": "อื่น", "version": 1})
    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    assert Section.objects.get(proposal=draft, key="method").text == "สำรวจ\nวิเคราะห์"


def test_a_submitted_proposal_is_not_written(client, draft, researcher):
    Proposal.objects.filter(pk=draft.pk).update(state=ProposalState.SUBMITTED)
    key = services.create_token(actor=researcher, name="t", scope=TokenScope.WRITE)[1]
    response = call_api(client, key, section(draft), "put", {"text": "x", "version": 1})
    assert response.status_code == 403


def test_an_unknown_section_or_bad_body_is_named(client, draft, researcher):
    key = services.create_token(actor=researcher, name="t", scope=TokenScope.WRITE)[1]
    assert (
        call_api(client, key, section(draft, "nope"), "put", {"text": "", "version": 1}).status_code
        == 404
    )
    response = call_api(client, key, section(draft), "put", {"text": "x"})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["version"]
