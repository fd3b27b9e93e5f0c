"""Budget lines: the call's allowed categories, the programme's fiscal years, quantity × unit
cost, equipment with specification and justification, and the summary below the lines."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from indicators.models import FiscalYear
from proposals.models import BudgetCategory, BudgetLine
from tests.factories import CallFactory
from tests.proposals.editing.posting import assert_refused, said, save

pytestmark = pytest.mark.django_db


def category(proposal, code):
    return BudgetCategory.objects.get(call=proposal.call, code=code)


def row(category, year, quantity="2", unit_cost="1500.50", **fields):
    return {
        "category": category.pk,
        "fiscal_year": year.pk,
        "description": "ค่าจ้างผู้ช่วยวิจัย",
        "quantity": quantity,
        "unit_cost": unit_cost,
        "specification": "",
        "justification": "",
        **fields,
    }


def test_a_line_is_saved_with_its_amount(client, proposal, years):
    personnel = category(proposal, "personnel")
    response = save(client, proposal.lead, proposal, "budget", new=[row(personnel, years[2568])])
    assert response.status_code == 302
    line = BudgetLine.objects.get(proposal=proposal)
    assert line.amount == Decimal("3001.00")
    assert AuditEntry.objects.get(action="proposal.budget_changed").data["added"] == [
        "ค่าจ้างผู้ช่วยวิจัย"
    ]
    page = client.get(response.url)
    assert page.context["summary"].grand_total == Decimal("3001.00")
    assert "3,001.00" in page.content.decode()


def test_changing_the_quantity_recomputes_the_amount(client, proposal, years):
    personnel = category(proposal, "personnel")
    BudgetLine.objects.create(
        proposal=proposal,
        category=personnel,
        fiscal_year=years[2568],
        description="ก",
        quantity=Decimal("1"),
        unit_cost=Decimal("100"),
    )
    response = save(client, proposal.lead, proposal, "budget", edit={0: {"quantity": "3"}})
    assert response.status_code == 302
    assert BudgetLine.objects.get().amount == Decimal("300.00")
    entry = AuditEntry.objects.get(action="proposal.budget_changed")
    assert entry.data["changed"] == [{"row": "ก", "fields": ["quantity"]}]


def refused(client, proposal, message, *rows):
    assert_refused(
        client, proposal, "budget", message, BudgetLine, "proposal.budget_changed", new=list(rows)
    )


def test_a_category_the_call_does_not_allow_is_refused(client, proposal, years):
    services = category(proposal, "services")
    services.allowed = False
    services.save()
    message = said("Choose one of the categories the call allows.")
    refused(client, proposal, message, row(services, years[2568]))
    elsewhere = BudgetCategory.objects.get(call=CallFactory(parts=True), code="services")
    refused(client, proposal, message, row(elsewhere, years[2568]))


def test_a_fiscal_year_outside_the_programme_is_refused(client, proposal):
    stranger = FiscalYear.objects.create(year_be=2590)
    refused(
        client,
        proposal,
        said("Choose one of the fiscal years of the call's programme."),
        row(category(proposal, "materials"), stranger),
    )


def test_a_quantity_of_zero_is_refused(client, proposal, years):
    refused(
        client,
        proposal,
        said("The quantity must be more than 0."),
        row(category(proposal, "materials"), years[2568], quantity="0"),
    )


def test_a_negative_unit_cost_is_refused(client, proposal, years):
    refused(
        client,
        proposal,
        said("The unit cost cannot be negative."),
        row(category(proposal, "materials"), years[2568], unit_cost="-1"),
    )


def test_equipment_needs_specification_and_justification(client, proposal, years):
    equipment = category(proposal, "equipment")
    message = said("Equipment needs its specification and its justification.")
    refused(client, proposal, message, row(equipment, years[2568], specification="โดรน"))
    refused(client, proposal, message, row(equipment, years[2568], justification="สำรวจ"))
    response = save(
        client,
        proposal.lead,
        proposal,
        "budget",
        new=[row(equipment, years[2568], specification="โดรน 4K", justification="ทำแผนที่")],
    )
    assert response.status_code == 302


def test_the_page_shows_the_rule_breaches_as_warnings(client, proposal, years):
    BudgetLine.objects.create(
        proposal=proposal,
        category=category(proposal, "materials"),
        fiscal_year=years[2568],
        description="วัสดุ",
        quantity=Decimal("1"),
        unit_cost=Decimal("2000000"),
    )
    client.force_login(proposal.lead)
    response = client.get(reverse("proposals:edit_budget", args=[proposal.pk]))
    summary = response.context["summary"]
    assert {breach.code for breach in summary.breaches} == {"fixed_share", "over_ceiling"}
    assert response.context["warnings"] == [breach.message for breach in summary.breaches]
    assert "2,000,000.00" in response.content.decode()
