"""Partner municipalities: eligible ones only, each once, one lead, co-funding that adds up."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from proposals.models import ContributionKind, ProposalMunicipality
from tests.factories import MunicipalityFactory
from tests.proposals.editing.posting import cell_errors, said, save

pytestmark = pytest.mark.django_db

ACTION = "proposal.municipalities_changed"


def row(town, **fields):
    return {
        "municipality": town.pk,
        "is_lead": False,
        "role": "พื้นที่ดำเนินการ",
        "contribution_kind": ContributionKind.NONE,
        "contribution_amount": "0",
        **fields,
    }


def test_the_lead_adds_partner_municipalities_in_one_save(client, proposal, towns):
    response = save(
        client,
        proposal.lead,
        proposal,
        "municipalities",
        new=[
            row(towns[0], is_lead=True),
            row(towns[1], contribution_kind=ContributionKind.CASH, contribution_amount="50000"),
        ],
    )
    assert response.status_code == 302
    rows = list(ProposalMunicipality.objects.filter(proposal=proposal).order_by("id"))
    assert [(r.municipality, r.is_lead) for r in rows] == [(towns[0], True), (towns[1], False)]
    assert rows[1].contribution_amount == Decimal("50000")
    entry = AuditEntry.objects.get(action=ACTION)
    assert entry.object_id == str(proposal.pk)
    assert entry.data["added"] == [str(towns[0]), str(towns[1])]


def test_a_change_and_a_removal_are_audited_in_one_entry(client, proposal, towns):
    ProposalMunicipality.objects.create(proposal=proposal, municipality=towns[0], is_lead=True)
    ProposalMunicipality.objects.create(proposal=proposal, municipality=towns[1])
    response = save(
        client, proposal.lead, proposal, "municipalities", edit={0: {"role": "ผู้นำ"}}, remove=[1]
    )
    assert response.status_code == 302
    rows = ProposalMunicipality.objects.filter(proposal=proposal)
    assert [r.role for r in rows] == ["ผู้นำ"]
    entry = AuditEntry.objects.get(action=ACTION)
    assert entry.data == {
        "added": [],
        "changed": [{"row": str(towns[0]), "fields": ["role"]}],
        "removed": [str(towns[1])],
    }


def test_saving_unchanged_rows_writes_no_audit_entry(client, proposal, towns):
    ProposalMunicipality.objects.create(proposal=proposal, municipality=towns[0], is_lead=True)
    assert save(client, proposal.lead, proposal, "municipalities").status_code == 302
    assert not AuditEntry.objects.filter(action=ACTION).exists()


def test_two_municipalities_may_swap_roles_in_one_save(client, proposal, towns):
    ProposalMunicipality.objects.create(proposal=proposal, municipality=towns[0], is_lead=True)
    ProposalMunicipality.objects.create(proposal=proposal, municipality=towns[1])
    response = save(
        client,
        proposal.lead,
        proposal,
        "municipalities",
        edit={0: {"is_lead": False}, 1: {"is_lead": True}},
    )
    assert response.status_code == 302
    lead = ProposalMunicipality.objects.get(proposal=proposal, is_lead=True)
    assert lead.municipality == towns[1]


def refused(client, proposal, message, **changes):
    """The save is refused with `message` next to a cell, and nothing is stored."""
    before = list(ProposalMunicipality.objects.filter(proposal=proposal).values())
    response = save(client, proposal.lead, proposal, "municipalities", **changes)
    assert response.status_code == 200
    assert message in cell_errors(response), cell_errors(response)
    assert list(ProposalMunicipality.objects.filter(proposal=proposal).values()) == before
    assert not AuditEntry.objects.filter(action=ACTION).exists()
    return response


def test_two_leads_are_refused(client, proposal, towns):
    refused(
        client,
        proposal,
        said("Only one municipality can be the lead; %(count)s are ticked.", count=2),
        new=[row(towns[0], is_lead=True), row(towns[1], is_lead=True), row(towns[2])],
    )


def test_a_municipality_listed_twice_is_refused(client, proposal, towns):
    refused(
        client,
        proposal,
        said("This municipality is listed twice; keep one row for it."),
        new=[row(towns[0], is_lead=True), row(towns[0])],
    )


def test_an_ineligible_municipality_is_refused(client, proposal, towns):
    call = proposal.call
    call.eligible_regions = ["north"]
    call.eligible_municipality_types = ["town"]
    call.save()
    southern = MunicipalityFactory(region="south")
    city = MunicipalityFactory(type="city")
    message = said("This municipality is not eligible for this call (its type or region).")
    refused(client, proposal, message, new=[row(southern)])
    refused(client, proposal, message, new=[row(city)])


def test_only_eligible_municipalities_are_offered(client, proposal, towns):
    call = proposal.call
    call.eligible_regions = ["north"]
    call.save()
    southern = MunicipalityFactory(region="south", name_th="เทศบาลใต้สุด")
    client.force_login(proposal.lead)
    page = client.get(reverse("proposals:edit_municipalities", args=[proposal.pk]))
    text = page.content.decode()
    assert towns[0].name_th in text
    assert southern.name_th not in text


def test_cofunding_in_kind_or_cash_needs_its_value(client, proposal, towns):
    refused(
        client,
        proposal,
        said("Give the value of the co-funding in baht (more than 0)."),
        new=[row(towns[0], contribution_kind=ContributionKind.IN_KIND, contribution_amount="")],
    )


def test_no_cofunding_must_have_no_value(client, proposal, towns):
    refused(
        client,
        proposal,
        said("Without co-funding the value must be 0; choose in kind or cash."),
        new=[row(towns[0], contribution_amount="1000")],
    )


def test_a_negative_cofunding_value_is_refused(client, proposal, towns):
    response = save(
        client,
        proposal.lead,
        proposal,
        "municipalities",
        new=[row(towns[0], contribution_kind=ContributionKind.CASH, contribution_amount="-5")],
    )
    assert response.status_code == 200
    assert response.context["formset"].errors[0]["contribution_amount"]
    assert not ProposalMunicipality.objects.exists()


def test_one_bad_row_keeps_the_good_ones_unsaved_and_typed(client, proposal, towns):
    response = refused(
        client,
        proposal,
        said("Without co-funding the value must be 0; choose in kind or cash."),
        new=[row(towns[0], is_lead=True, role="ยังอยู่"), row(towns[1], contribution_amount="9")],
    )
    assert "ยังอยู่" in response.content.decode()


def test_no_lead_is_saved_but_warned_about(client, proposal, towns):
    response = save(client, proposal.lead, proposal, "municipalities", new=[row(towns[0])])
    assert response.status_code == 302
    page = client.get(response.url)
    assert page.context["warnings"] == [
        said(
            "No municipality is marked as the lead yet. You may save like this while drafting, "
            "but the proposal cannot be submitted without a lead municipality."
        )
    ]
