"""The mentor reads a shared draft's work plan, budget and indicator tables as the team wrote
them, read-only, only while the team shares it; the page stays flat in the tables' rows."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import FiscalYear, Indicator, Objective, OutputType
from proposals.mentoring import services
from proposals.models import Activity, BudgetLine, ExpectedOutput, IndicatorContribution
from tests.helpers import assert_flat_queries

pytestmark = pytest.mark.django_db


def fill(proposal, n, start=0):
    """`n` rows of each table: an activity, a budget line of 12,345.50 baht, an indicator
    contribution and an expected output, each numbered from `start`."""
    year = FiscalYear.objects.get(year_be=2569)
    category = proposal.call.budget_categories.order_by("position").first()
    objective, _new = Objective.objects.get_or_create(
        programme=proposal.call.programme,
        code="O-M",
        defaults={"name_th": "เป้าหมาย", "name_en": "Objective"},
    )
    output_type, _new = OutputType.objects.get_or_create(
        code="dataset-m", defaults={"name_th": "ชุดข้อมูล", "name_en": "Dataset"}
    )
    for i in range(start, start + n):
        Activity.objects.create(
            proposal=proposal,
            position=i,
            name=f"กิจกรรมสำรวจ {i}",
            start_month=1,
            end_month=3,
            weight_percent=Decimal("10"),
        )
        BudgetLine.objects.create(
            proposal=proposal,
            category=category,
            fiscal_year=year,
            description=f"ค่าสำรวจ {i}",
            quantity=Decimal("1"),
            unit_cost=Decimal("12345.50"),
            amount=Decimal("12345.50"),
        )
        indicator = Indicator.objects.create(
            programme=proposal.call.programme,
            objective=objective,
            code=f"KR-M{i}",
            name_th=f"ตัวชี้วัดเมือง {i}",
            name_en=f"City indicator {i}",
        )
        IndicatorContribution.objects.create(
            proposal=proposal, indicator=indicator, fiscal_year=year, target=Decimal("4")
        )
        ExpectedOutput.objects.create(
            proposal=proposal,
            output_type=output_type,
            description=f"ชุดข้อมูลเปิด {i}",
            fiscal_year=year,
        )


def page(client, user, proposal):
    client.force_login(user)
    return client.get(reverse("proposals:mentoring", args=[proposal.pk]))


def test_the_mentor_reads_the_tables_while_the_draft_is_shared(client, shared, mentor, researcher):
    fill(shared, 2)
    html = page(client, mentor, shared).content.decode()
    for words in (
        "กิจกรรมสำรวจ 0",
        "กิจกรรมสำรวจ 1",
        "24,691.00",  # 2 × 12,345.50 baht, the budget's total
        "KR-M0",
        "ตัวชี้วัดเมือง 1",
        "ชุดข้อมูลเปิด 1",
    ):
        assert words in html, words
    # Read-only: no link to the team's editors.
    for name in ("edit_budget", "edit_activities", "edit_contributions", "edit_outputs"):
        assert reverse(f"proposals:{name}", args=[shared.pk]) not in html
    services.stop_sharing(actor=researcher, proposal=shared, mentor=mentor)
    response = page(client, mentor, shared)
    assert response.status_code == 404
    assert "กิจกรรมสำรวจ" not in response.content.decode()


def test_the_reviewers_never_reach_the_mentoring_page(client, shared, reviewer):
    fill(shared, 1)
    response = page(client, reviewer, shared)
    assert response.status_code == 404
    assert "ค่าสำรวจ" not in response.content.decode()


def test_the_page_is_flat_in_the_tables_rows(client, shared, mentor):
    made = []

    def make(n):
        fill(shared, n, start=len(made))
        made.extend(range(n))

    url = reverse("proposals:mentoring", args=[shared.pk])
    assert_flat_queries(client, mentor, url, make, few=1, many=8)
