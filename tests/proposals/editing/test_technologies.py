"""Technologies: active catalogue items, each once, with their planned use."""

import pytest

from accounts.models import AuditEntry
from proposals.models import ProposalTechnology
from tests.proposals.editing.posting import assert_refused, cell_errors, said, save

pytestmark = pytest.mark.django_db


def row(technology, planned_use="สำรวจเมือง"):
    return {"technology": technology.pk, "planned_use": planned_use}


def test_the_team_adds_technologies_with_their_planned_use(client, proposal, technologies):
    response = save(
        client, proposal.lead, proposal, "technologies", new=[row(t) for t in technologies]
    )
    assert response.status_code == 302
    assert list(
        ProposalTechnology.objects.filter(proposal=proposal).values_list("technology", flat=True)
    ) == [t.pk for t in technologies]
    assert AuditEntry.objects.get(action="proposal.technologies_changed").data["added"] == [
        str(t) for t in technologies
    ]


def refused(client, proposal, message, **changes):
    assert_refused(
        client,
        proposal,
        "technologies",
        message,
        ProposalTechnology,
        "proposal.technologies_changed",
        **changes,
    )


def test_a_technology_listed_twice_is_refused(client, proposal, technologies):
    refused(
        client,
        proposal,
        said("This technology is listed twice; keep one row for it."),
        new=[row(technologies[0]), row(technologies[0], "อีกครั้ง")],
    )


def test_the_planned_use_is_required(client, proposal, technologies):
    refused(
        client,
        proposal,
        said("Say how the project will use this technology."),
        new=[row(technologies[0], planned_use="")],
    )


def test_an_inactive_technology_cannot_be_chosen(client, proposal, technologies):
    technologies[0].is_active = False
    technologies[0].save()
    refused(
        client,
        proposal,
        said("Choose a technology of the catalogue."),
        new=[row(technologies[0])],
    )


def test_a_row_keeps_a_technology_retired_after_it_was_chosen(client, proposal, technologies):
    ProposalTechnology.objects.create(
        proposal=proposal, technology=technologies[0], planned_use="เดิม"
    )
    technologies[0].is_active = False
    technologies[0].save()
    response = save(
        client, proposal.lead, proposal, "technologies", edit={0: {"planned_use": "ใหม่"}}
    )
    assert response.status_code == 302
    assert ProposalTechnology.objects.get().planned_use == "ใหม่"


def test_switching_a_row_to_a_retired_technology_is_refused(client, proposal, technologies):
    ProposalTechnology.objects.create(proposal=proposal, technology=technologies[0])
    ProposalTechnology.objects.create(proposal=proposal, technology=technologies[1])
    technologies[0].is_active = False
    technologies[0].save()
    response = save(
        client,
        proposal.lead,
        proposal,
        "technologies",
        edit={0: {"planned_use": "ก"}, 1: {"technology": technologies[0].pk, "planned_use": "ข"}},
        remove=[0],
    )
    assert response.status_code == 200
    assert said("This technology is no longer offered by the catalogue.") in cell_errors(response)
    assert ProposalTechnology.objects.count() == 2
