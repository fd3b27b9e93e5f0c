"""Every editing page runs as many queries with many rows as with one, for the team (form)
and for an officer (read-only)."""

import itertools
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import OutputType, Technology
from proposals.models import (
    Activity,
    BudgetCategory,
    BudgetLine,
    ExpectedOutput,
    IndicatorContribution,
    ProposalAttachment,
    ProposalMunicipality,
    ProposalTechnology,
    RequiredAttachment,
)
from tests.factories import MunicipalityFactory
from tests.helpers import assert_flat_queries

pytestmark = pytest.mark.django_db

counter = itertools.count()


def municipalities(proposal, years, indicators):
    def make(n):
        for _ in range(n):
            ProposalMunicipality.objects.create(
                proposal=proposal, municipality=MunicipalityFactory(), role="พื้นที่"
            )

    return make


def technologies(proposal, years, indicators):
    def make(n):
        for _ in range(n):
            number = next(counter)
            technology = Technology.objects.create(
                name_th=f"เทคโนโลยี {number}", name_en=f"Tech {number}", kind="hard"
            )
            ProposalTechnology.objects.create(
                proposal=proposal, technology=technology, planned_use="ใช้"
            )

    return make


def activities(proposal, years, indicators):
    def make(n):
        for index in range(n):
            Activity.objects.create(
                proposal=proposal,
                name=f"กิจกรรม {index}",
                start_month=1 + index % 12,
                end_month=12,
                deliverable="รายงาน",
                weight_percent=Decimal("4"),
            )

    return make


def budget(proposal, years, indicators):
    categories = list(BudgetCategory.objects.filter(call=proposal.call))

    def make(n):
        for index in range(n):
            BudgetLine.objects.create(
                proposal=proposal,
                category=categories[index % len(categories)],
                fiscal_year=years[2568 + index % 2],
                description=f"รายการ {index}",
                quantity=Decimal("2"),
                unit_cost=Decimal("1000"),
                specification="สเปก",
                justification="เหตุผล",
            )

    return make


def contributions(proposal, years, indicators):
    def make(n):
        for _ in range(n):
            town = MunicipalityFactory()
            ProposalMunicipality.objects.create(proposal=proposal, municipality=town)
            IndicatorContribution.objects.create(
                proposal=proposal,
                indicator=indicators["per_town"],
                fiscal_year=years[2568],
                municipality=town,
                target=Decimal("1"),
            )

    return make


def outputs(proposal, years, indicators):
    def make(n):
        for _ in range(n):
            number = next(counter)
            kind = OutputType.objects.create(
                code=f"kind-{number}", name_th=f"ผลผลิต {number}", name_en=f"Output {number}"
            )
            ExpectedOutput.objects.create(
                proposal=proposal, output_type=kind, description="ก", fiscal_year=years[2569]
            )

    return make


def attachments(proposal, years, indicators):
    def make(n):
        for index in range(n):
            kind = RequiredAttachment.objects.create(
                call=proposal.call, position=index, name_th=f"เอกสาร {index}", name_en="Doc"
            )
            ProposalAttachment.objects.create(
                proposal=proposal,
                kind=kind,
                file=f"proposals/{proposal.pk}/x{index}.pdf",
                original_name=f"เอกสาร{index}.pdf",
                size=1000,
                uploaded_by=proposal.lead,
            )

    return make


PAGES = {
    "proposals:edit_municipalities": municipalities,
    "proposals:edit_technologies": technologies,
    "proposals:edit_activities": activities,
    "proposals:edit_budget": budget,
    "proposals:edit_contributions": contributions,
    "proposals:edit_outputs": outputs,
    "proposals:edit_attachments": attachments,
}


@pytest.mark.parametrize("url_name", PAGES)
def test_the_editing_page_runs_a_fixed_number_of_queries(
    client, proposal, years, indicators, url_name
):
    url = reverse(url_name, args=[proposal.pk])
    make_rows = PAGES[url_name](proposal, years, indicators)
    assert_flat_queries(client, proposal.lead, url, make_rows)


@pytest.mark.parametrize("url_name", PAGES)
def test_the_read_only_page_runs_a_fixed_number_of_queries(
    client, proposal, years, indicators, officer, url_name
):
    url = reverse(url_name, args=[proposal.pk])
    make_rows = PAGES[url_name](proposal, years, indicators)
    assert_flat_queries(client, officer, url, make_rows)
