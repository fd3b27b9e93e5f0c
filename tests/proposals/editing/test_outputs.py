"""Expected outputs: active output types, a quantity of at least 1, the programme's years."""

import pytest

from accounts.models import AuditEntry
from indicators.models import FiscalYear
from proposals.models import ExpectedOutput
from tests.proposals.editing.posting import assert_refused, said, save

pytestmark = pytest.mark.django_db


def row(output_type, year, quantity="2"):
    return {
        "output_type": output_type.pk,
        "description": "ข้อเสนอแนะต่อเทศบาล",
        "quantity": quantity,
        "fiscal_year": year.pk,
    }


def test_the_team_lists_expected_outputs(client, proposal, output_types, years):
    response = save(
        client,
        proposal.lead,
        proposal,
        "outputs",
        new=[row(output_types[0], years[2568]), row(output_types[1], years[2569], "1")],
    )
    assert response.status_code == 302
    assert [
        (o.output_type, o.quantity, o.fiscal_year.year_be)
        for o in ExpectedOutput.objects.filter(proposal=proposal).order_by("id")
    ] == [(output_types[0], 2, 2568), (output_types[1], 1, 2569)]
    assert AuditEntry.objects.filter(action="proposal.outputs_changed").count() == 1


def refused(client, proposal, message, *rows):
    assert_refused(
        client,
        proposal,
        "outputs",
        message,
        ExpectedOutput,
        "proposal.outputs_changed",
        new=list(rows),
    )


def test_a_quantity_of_zero_is_refused(client, proposal, output_types, years):
    refused(
        client,
        proposal,
        said("The quantity must be at least 1."),
        row(output_types[0], years[2568], "0"),
    )


def test_an_inactive_output_type_is_refused(client, proposal, output_types, years):
    output_types[0].is_active = False
    output_types[0].save()
    refused(
        client,
        proposal,
        said("Choose one of the output types."),
        row(output_types[0], years[2568]),
    )


def test_a_year_outside_the_programme_is_refused(client, proposal, output_types):
    refused(
        client,
        proposal,
        said("Choose one of the fiscal years of the call's programme."),
        row(output_types[0], FiscalYear.objects.create(year_be=2592)),
    )
