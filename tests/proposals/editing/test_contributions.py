"""Indicator contributions: the programme's indicators and years, targets that fit the value
type, the municipality for per-municipality indicators, one target per indicator, year and
municipality."""

from decimal import Decimal

import pytest

from accounts.models import AuditEntry
from indicators.models import Programme
from proposals.models import IndicatorContribution, ProposalMunicipality
from tests.factories import MunicipalityFactory
from tests.proposals.editing.conftest import make_indicator
from tests.proposals.editing.posting import assert_refused, said, save

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(proposal):
    town = MunicipalityFactory()
    ProposalMunicipality.objects.create(proposal=proposal, municipality=town, is_lead=True)
    return town


def row(indicator, year, target="5", municipality=None):
    return {
        "indicator": indicator.pk,
        "fiscal_year": year.pk,
        "municipality": municipality.pk if municipality else "",
        "target": target,
        "means_of_verification": "รายงานการประชุม",
    }


def test_the_team_commits_targets(client, proposal, indicators, years, partner):
    response = save(
        client,
        proposal.lead,
        proposal,
        "contributions",
        new=[
            row(indicators["number"], years[2568], "12.5"),
            row(indicators["yes_no"], years[2569], "1"),
            row(indicators["percent"], years[2569], "80"),
            row(indicators["per_town"], years[2568], "3", partner),
        ],
    )
    assert response.status_code == 302
    saved = IndicatorContribution.objects.filter(proposal=proposal)
    assert sorted((c.indicator.code, c.target) for c in saved) == [
        ("KR1", Decimal("12.50")),
        ("KR2", Decimal("1.00")),
        ("KR3", Decimal("80.00")),
        ("KR4", Decimal("3.00")),
    ]
    assert AuditEntry.objects.filter(action="proposal.contributions_changed").count() == 1


def refused(client, proposal, message, *rows):
    assert_refused(
        client,
        proposal,
        "contributions",
        message,
        IndicatorContribution,
        "proposal.contributions_changed",
        new=list(rows),
    )


def test_an_indicator_of_another_programme_is_refused(client, proposal, years, indicators):
    other = Programme.objects.create(
        code="OTHER", name_th="อื่น", name_en="Other", funder=proposal.call.programme.funder
    )
    refused(
        client,
        proposal,
        said("Choose one of the indicators of the call's programme."),
        row(make_indicator(other, "X1"), years[2568]),
    )


def test_a_yes_no_target_is_0_or_1(client, proposal, indicators, years):
    refused(
        client,
        proposal,
        said("This is a yes/no indicator: the target is 0 or 1."),
        row(indicators["yes_no"], years[2568], "2"),
    )


def test_a_percentage_target_is_0_to_100(client, proposal, indicators, years):
    message = said("This indicator is a percentage: give 0 to 100.")
    refused(client, proposal, message, row(indicators["percent"], years[2568], "100.5"))
    refused(client, proposal, message, row(indicators["percent"], years[2568], "-1"))


def test_a_per_municipality_indicator_needs_the_municipality(
    client, proposal, indicators, years, partner
):
    refused(
        client,
        proposal,
        said("This indicator is reported per municipality: choose the municipality."),
        row(indicators["per_town"], years[2568]),
    )


def test_the_municipality_must_be_a_partner_of_the_proposal(
    client, proposal, indicators, years, partner
):
    refused(
        client,
        proposal,
        said(
            "Choose one of the proposal's partner municipalities "
            "(add it on the municipalities page first)."
        ),
        row(indicators["per_town"], years[2568], municipality=MunicipalityFactory()),
    )


def test_a_year_outside_the_programme_is_refused(client, proposal, indicators):
    from indicators.models import FiscalYear

    refused(
        client,
        proposal,
        said("Choose one of the fiscal years of the call's programme."),
        row(indicators["number"], FiscalYear.objects.create(year_be=2591)),
    )


def test_one_target_per_indicator_year_and_municipality(
    client, proposal, indicators, years, partner
):
    message = said(
        "This indicator already has a target for this fiscal year and municipality; "
        "keep one row for them."
    )
    refused(
        client,
        proposal,
        message,
        row(indicators["number"], years[2568], "1"),
        row(indicators["number"], years[2568], "2"),
    )
    refused(
        client,
        proposal,
        message,
        row(indicators["per_town"], years[2568], "1", partner),
        row(indicators["per_town"], years[2568], "2", partner),
    )


def test_the_same_indicator_in_two_years_or_two_towns_is_fine(
    client, proposal, indicators, years, partner
):
    second = MunicipalityFactory()
    ProposalMunicipality.objects.create(proposal=proposal, municipality=second)
    response = save(
        client,
        proposal.lead,
        proposal,
        "contributions",
        new=[
            row(indicators["number"], years[2568]),
            row(indicators["number"], years[2569]),
            row(indicators["per_town"], years[2568], "1", partner),
            row(indicators["per_town"], years[2568], "1", second),
        ],
    )
    assert response.status_code == 302
    assert IndicatorContribution.objects.count() == 4
