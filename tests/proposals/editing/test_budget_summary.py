"""budget_summary: the category × fiscal year matrix, totals, shares and the rule breaches,
checked against sums done by hand."""

from decimal import Decimal

import pytest

from proposals.editing.budget import budget_summary
from proposals.editing.selectors import proposal_for_editing
from proposals.models import BudgetCategory, BudgetLine
from tests.proposals.editing.posting import said

pytestmark = pytest.mark.django_db

D = Decimal


def add(proposal, code, year, quantity, unit_cost):
    BudgetLine.objects.create(
        proposal=proposal,
        category=BudgetCategory.objects.get(call=proposal.call, code=code),
        fiscal_year=year,
        description=f"{code} {year}",
        quantity=D(quantity),
        unit_cost=D(unit_cost),
    )


def summary_of(proposal):
    return budget_summary(proposal_for_editing().get(pk=proposal.pk))


@pytest.fixture
def over_the_rules(proposal, years):
    """Personnel 2 × 100,000 (2568) + 150,000 (2569) = 350,000; materials 10 × 5,000 = 50,000
    (2568); equipment 250,000 (2569); institutional fee 50,000 (2568). Total 700,000."""
    add(proposal, "personnel", years[2568], "2", "100000")
    add(proposal, "personnel", years[2569], "1", "150000")
    add(proposal, "materials", years[2568], "10", "5000")
    add(proposal, "equipment", years[2569], "1", "250000")
    add(proposal, "institutional_fee", years[2568], "1", "50000")
    return proposal


def test_the_matrix_and_its_totals(over_the_rules):
    summary = summary_of(over_the_rules)
    assert summary.years == [2568, 2569]
    matrix = {row.category.code: row.amounts for row in summary.rows}
    assert matrix == {
        "personnel": [D("200000"), D("150000")],
        "honoraria": [D("0"), D("0")],
        "services": [D("0"), D("0")],
        "materials": [D("50000"), D("0")],
        "equipment": [D("0"), D("250000")],
        "institutional_fee": [D("50000"), D("0")],
    }
    assert summary.category_totals == {
        "personnel": D("350000"),
        "honoraria": D("0"),
        "services": D("0"),
        "materials": D("50000"),
        "equipment": D("250000"),
        "institutional_fee": D("50000"),
    }
    assert summary.year_totals == {2568: D("300000"), 2569: D("400000")}
    assert summary.year_total_list == [D("300000"), D("400000")]
    assert summary.grand_total == D("700000")
    assert summary.ceiling == D("1000000")


def test_each_categorys_share_of_the_total(over_the_rules):
    assert summary_of(over_the_rules).shares == {
        "personnel": D("50.00"),
        "honoraria": D("0.00"),
        "services": D("0.00"),
        "materials": D("7.14"),
        "equipment": D("35.71"),
        "institutional_fee": D("7.14"),
    }


def test_caps_and_fixed_shares_broken(over_the_rules):
    summary = summary_of(over_the_rules)
    assert [(b.code, b.category.code if b.category else None) for b in summary.breaches] == [
        ("over_cap", "personnel"),
        ("over_cap", "equipment"),
        ("fixed_share", "institutional_fee"),
    ]
    personnel = next(row for row in summary.rows if row.category.code == "personnel")
    assert (personnel.over_cap, personnel.off_fixed) == (True, False)
    assert summary.breaches[0].message == said(
        "“%(category)s” is %(share)s%% of the total; the call allows at most %(cap)s%%.",
        category=personnel.category.name,
        share="50",
        cap="30",
    )
    fee = summary.breaches[2].category
    assert summary.breaches[2].message == said(
        "“%(category)s” must be exactly %(fixed)s%% of the total, i.e. %(expected)s baht; "
        "it is %(amount)s baht.",
        category=fee.name,
        fixed="10",
        expected="70,000.00",
        amount="50,000.00",
    )
    assert not summary.ok


def test_the_ceiling_broken(over_the_rules):
    call = over_the_rules.call
    call.ceiling_per_proposal = D("600000")
    call.save()
    breach = summary_of(over_the_rules).breaches[-1]
    assert breach.code == "over_ceiling"
    assert breach.category is None
    assert breach.message == said(
        "The total of %(total)s baht exceeds the call's ceiling of %(ceiling)s baht.",
        total="700,000.00",
        ceiling="600,000.00",
    )


def test_a_budget_within_the_rules_has_no_breach(proposal, years):
    """Personnel exactly at its cap (30% of 900,000) and the fee exactly 10%."""
    add(proposal, "personnel", years[2568], "1", "270000")
    add(proposal, "materials", years[2569], "1", "540000")
    add(proposal, "institutional_fee", years[2569], "1", "90000")
    summary = summary_of(proposal)
    assert summary.grand_total == D("900000")
    assert summary.shares["personnel"] == D("30.00")
    assert summary.breaches == []
    assert summary.ok


def test_a_fixed_share_may_be_off_by_one_satang(proposal, years):
    """10% of 100,000.10 is 10,000.01: 10,000.00 is within one satang, 9,999.98 is not."""
    add(proposal, "materials", years[2568], "1", "90000.10")
    add(proposal, "institutional_fee", years[2568], "1", "10000.00")
    assert summary_of(proposal).breaches == []
    BudgetLine.objects.filter(category__code="institutional_fee").update(amount=D("9999.98"))
    assert [b.code for b in summary_of(proposal).breaches] == ["fixed_share"]


def test_lines_in_a_category_no_longer_allowed_are_a_breach(proposal, years):
    add(proposal, "services", years[2568], "1", "1000")
    add(proposal, "institutional_fee", years[2568], "1", "111.11")
    BudgetCategory.objects.filter(call=proposal.call, code="services").update(allowed=False)
    summary = summary_of(proposal)
    assert [b.code for b in summary.breaches] == ["category_not_allowed"]
    assert "services" in summary.category_totals


def test_an_empty_budget(proposal):
    summary = summary_of(proposal)
    assert summary.years == []
    assert summary.grand_total == D("0")
    assert summary.shares["personnel"] is None
    assert summary.breaches == []


def test_it_runs_one_query(over_the_rules, django_assert_num_queries):
    proposal = proposal_for_editing().get(pk=over_the_rules.pk)
    with django_assert_num_queries(1):
        budget_summary(proposal)
