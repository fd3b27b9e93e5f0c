"""The fund page: only officers fund an approved proposal; the grid and dates are offered,
the preview follows what is typed, and every refusal is shown with nothing recorded."""

import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import AuditEntry
from accounts.roles import Role
from indicators.models import Commitment
from projects.funding import services as funding_services
from projects.models import Award, AwardBudget, Instalment, ProgressReport
from proposals.models import BudgetCategory, Proposal, ProposalState
from tests.helpers import assert_access
from tests.projects.builders import approved_proposal, fund
from tests.projects.pages import expect, people_around

D = Decimal
pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)  # the complete proposal's start month
END = datetime.date(2026, 12, 31)  # twelve months later


def url(proposal):
    return reverse("projects:fund", args=[proposal.pk])


def grid(proposal):
    """{(category code, year B.E.): field name} of the fund form's budget cells."""
    year = proposal.call.fiscal_year
    return {
        category.code: f"budget_{category.pk}_{year.pk}"
        for category in BudgetCategory.objects.filter(call=proposal.call, allowed=True)
    }


def form_data(proposal, **changes):
    """What the page offers, as posted: the request's grid (900,000) and the usual dates."""
    cells = grid(proposal)
    data = {
        "contract_number": "RDG-69-001",
        "contract_date": "2025-12-20",
        "starts_on": START.isoformat(),
        "ends_on": END.isoformat(),
        "comment": "",
        **{name: "0" for name in cells.values()},
        cells["personnel"]: "250000.00",
        cells["materials"]: "560000.00",
        cells["institutional_fee"]: "90000.00",
    }
    data.update(changes)
    return data


def nothing_recorded(proposal):
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.APPROVED
    assert not Award.objects.exists()
    assert not AwardBudget.objects.exists()
    assert not Instalment.objects.exists()
    assert not ProgressReport.objects.exists()
    assert not Commitment.objects.exists()
    assert not AuditEntry.objects.filter(action__in=["proposal.fund", "project.award"]).exists()


def post(client, officer, proposal, data, **headers):
    client.force_login(officer)
    return client.post(url(proposal), data, **headers)


def errors(response):
    return [str(error) for error in response.context["form"].non_field_errors()]


# Who opens it.


def test_only_funding_officers_open_the_fund_page(client, personas):
    proposal = approved_proposal()
    people = people_around(proposal, personas)
    assert_access(client, people, url(proposal), expect(404, **{Role.FUNDING_OFFICER.value: 200}))


def test_a_proposal_that_is_not_approved_cannot_be_funded(client, officer):
    proposal = approved_proposal()
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.IN_REVIEW)
    client.force_login(officer)
    assert client.get(url(proposal)).status_code == 404
    assert client.post(url(proposal), form_data(proposal)).status_code == 404
    assert not Award.objects.exists()


def test_a_funded_proposal_sends_officers_to_its_project_page(client, officer):
    project = fund(approved_proposal(), officer)
    client.force_login(officer)
    response = client.get(url(project))
    assert response.status_code == 302
    assert response.url == reverse("projects:project", args=[project.pk])


def test_the_workspace_button_leads_to_the_fund_page(officer):
    proposal = approved_proposal()
    request = RequestFactory().get("/")
    request.user = officer
    html = render_to_string(
        "proposals/lifecycle/_actions.html", {"proposal": proposal}, request=request
    )
    assert f'href="{url(proposal)}"' in html


def test_the_generic_step_page_sends_officers_to_the_fund_page(client, officer):
    proposal = approved_proposal()
    client.force_login(officer)
    response = client.get(reverse("proposals:proposal_transition", args=[proposal.pk, "fund"]))
    assert (response.status_code, response.url) == (302, url(proposal))


# What it offers.


def test_the_page_offers_the_scaled_budget_the_dates_and_the_schedule(client, officer):
    proposal = approved_proposal(amount=D("850000.00"))
    client.force_login(officer)
    response = client.get(url(proposal))
    form = response.context["form"]
    cells = grid(proposal)
    offered = {code: form[name].value() for code, name in cells.items()}
    assert offered["personnel"] + offered["materials"] + offered["institutional_fee"] == D(
        "850000.00"
    )
    assert offered["personnel"] == D("236111.11")  # 250,000 × 850,000 / 900,000, cut to satang
    assert (form["starts_on"].value(), form["ends_on"].value()) == (START, END)
    totals = response.context["totals"]
    assert (totals.total, totals.matches) == (D("850000.00"), True)
    assert [
        (i.number, i.amount, i.released_on) for i in response.context["planned_instalments"]
    ] == [
        (1, D("340000.00"), "contract"),
        (2, D("340000.00"), "month_6"),
        (3, D("170000.00"), "final"),
    ]
    assert [(r.kind, r.due_on) for r in response.context["planned_reports"]] == [
        ("month_6", datetime.date(2026, 7, 30)),
        ("final", datetime.date(2027, 1, 30)),
    ]


def test_the_preview_follows_the_dates_typed(client, officer):
    """A four-month project has no 6-month report: its second instalment waits for the final."""
    proposal = approved_proposal()
    data = form_data(proposal, ends_on="2026-04-30", preview="1")
    response = post(client, officer, proposal, data)
    assert response.status_code == 200
    assert [r.kind for r in response.context["planned_reports"]] == ["final"]
    assert [i.released_on for i in response.context["planned_instalments"]] == [
        "contract",
        "final",
        "final",
    ]
    nothing_recorded(proposal)


def test_the_htmx_preview_returns_the_preview_and_the_grid_totals(client, officer):
    proposal = approved_proposal()
    cells = grid(proposal)
    data = form_data(proposal, preview="1", **{cells["personnel"]: "240000"})
    response = post(client, officer, proposal, data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.templates[0].name == "projects/_fund_preview.html"
    assert 'id="grid-total" hx-swap-oob="true">890,000.00<' in html
    assert "-10,000.00" in html  # the difference from the approved 900,000
    nothing_recorded(proposal)


# Funding.


def test_funding_records_the_contract_the_budget_as_edited_and_the_schedule(client, officer):
    proposal = approved_proposal()
    cells = grid(proposal)
    data = form_data(
        proposal,
        comment="ลงนามสัญญาแล้ว",
        **{cells["personnel"]: "240000.00", cells["materials"]: "570000.00"},
    )
    response = post(client, officer, proposal, data)
    assert response.status_code == 302
    assert response.url == reverse("projects:project", args=[proposal.pk])
    funded = Proposal.objects.get(pk=proposal.pk)
    assert funded.state == ProposalState.ACTIVE
    award = Award.objects.get(proposal=funded)
    assert (award.contract_number, award.contract_date, award.starts_on, award.ends_on) == (
        "RDG-69-001",
        datetime.date(2025, 12, 20),
        START,
        END,
    )
    budget = {cell.category.code: cell.amount for cell in award.budget.select_related("category")}
    assert budget == {
        "personnel": D("240000.00"),
        "materials": D("570000.00"),
        "institutional_fee": D("90000.00"),
    }
    assert list(funded.instalments.values_list("number", "amount")) == [
        (1, D("360000.00")),
        (2, D("360000.00")),
        (3, D("180000.00")),
    ]
    assert list(funded.reports.values_list("kind", flat=True)) == ["month_6", "final"]
    entry = AuditEntry.objects.get(action="proposal.fund")
    assert entry.comment == "ลงนามสัญญาแล้ว"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"personnel": "249999.99"}, "899,999.99"),
        ({"personnel": "260000"}, "910,000.00"),
    ],
)
def test_a_grid_that_does_not_add_up_is_refused(client, officer, changes, message):
    proposal = approved_proposal()
    cells = grid(proposal)
    data = form_data(proposal, **{cells[code]: value for code, value in changes.items()})
    response = post(client, officer, proposal, data)
    assert response.status_code == 200
    assert message in errors(response)[0]
    assert response.context["form"]["contract_number"].value() == "RDG-69-001"
    nothing_recorded(proposal)


def test_a_contract_number_already_used_is_refused(client, officer):
    fund(approved_proposal(), officer, contract_number="RDG-69-001")
    proposal = approved_proposal()
    response = post(client, officer, proposal, form_data(proposal, contract_number="rdg-69-001"))
    assert response.status_code == 200
    assert "rdg-69-001" in errors(response)[0]
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.APPROVED
    assert Award.objects.count() == 1


def test_an_end_before_the_start_is_refused(client, officer):
    proposal = approved_proposal()
    response = post(client, officer, proposal, form_data(proposal, ends_on="2025-12-31"))
    assert len(errors(response)) == 1
    nothing_recorded(proposal)


def test_every_reason_comes_at_once_in_english(client, officer):
    officer.preferred_language = "en"
    officer.save(update_fields=["preferred_language"])
    fund(approved_proposal(), officer, contract_number="RDG-69-001")
    proposal = approved_proposal()
    cells = grid(proposal)
    data = form_data(proposal, ends_on="2025-06-30", **{cells["materials"]: "1"})
    response = post(client, officer, proposal, data)
    assert errors(response) == [
        "Contract number RDG-69-001 is already used by another project.",
        "The project must end after it starts.",
        "The approved budget adds up to 340,001.00 baht but the approved amount is "
        "900,000.00 baht: they must be equal.",
    ]
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.APPROVED


def test_a_negative_or_unreadable_cell_is_shown_beside_it(client, officer):
    proposal = approved_proposal()
    cells = grid(proposal)
    data = form_data(proposal, **{cells["personnel"]: "-1", cells["materials"]: "abc"})
    response = post(client, officer, proposal, data)
    form = response.context["form"]
    assert set(form.errors) == {cells["personnel"], cells["materials"]}
    nothing_recorded(proposal)


def test_missing_contract_fields_are_shown_beside_them(client, officer):
    proposal = approved_proposal()
    data = form_data(proposal, contract_number=" ", contract_date="", starts_on="31/02/2026")
    response = post(client, officer, proposal, data)
    assert set(response.context["form"].errors) == {"contract_number", "contract_date", "starts_on"}
    nothing_recorded(proposal)


def test_a_proposal_without_an_approved_amount_is_refused_with_the_reason(client, officer):
    proposal = approved_proposal()
    Proposal.objects.filter(pk=proposal.pk).update(approved_amount=None)
    officer.preferred_language = "en"
    officer.save(update_fields=["preferred_language"])
    client.force_login(officer)
    assert client.get(url(proposal)).status_code == 200
    response = client.post(url(proposal), form_data(proposal))
    assert "The proposal has no approved amount: record the decision first." in errors(response)
    nothing_recorded(proposal)


def test_a_second_press_is_refused_by_the_lifecycle_with_nothing_more_recorded(
    client, officer, monkeypatch
):
    """Two officers fund at once: the second finds the proposal active under the lock."""
    proposal = approved_proposal()
    fund(Proposal.objects.get(pk=proposal.pk), officer, contract_number="RDG-FIRST")
    # The second officer's page still believed the proposal approved.
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.APPROVED)
    real_transition = funding_services.transition

    def racing(**kwargs):
        Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.ACTIVE)
        return real_transition(**kwargs)

    monkeypatch.setattr(funding_services, "transition", racing)
    response = post(client, officer, proposal, form_data(proposal, contract_number="RDG-2ND"))
    assert response.status_code == 200
    assert len(errors(response)) == 1
    assert list(Award.objects.values_list("contract_number", flat=True)) == ["RDG-FIRST"]
