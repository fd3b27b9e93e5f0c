"""The institutional fee "at most" a share (issue #13, item 11): PMU-A's usual rule is ไม่เกิน
ร้อยละ 10, the default of a new call; a call may still make it exactly 10%. The call page, the
budget summary and the completeness check say which rule applies."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from proposals.calls import services
from proposals.lifecycle import checks
from proposals.lifecycle.selectors import proposals_for_checks
from proposals.models import BudgetCategory, BudgetLine
from tests.proposals.lifecycle.conftest import make_complete_proposal
from tests.proposals.test_services import call_data

pytestmark = pytest.mark.django_db

AT_MOST_TH = "ไม่เกินร้อยละ 10 ของงบรวม"
EXACTLY_TH = "ร้อยละ 10 ของงบรวมพอดี"


def fee(call):
    return BudgetCategory.objects.get(call=call, code="institutional_fee")


def at_most_10(call):
    BudgetCategory.objects.filter(pk=fee(call).pk).update(
        cap_percent=Decimal("10"), fixed_percent=None
    )


def set_fee(proposal, amount):
    BudgetLine.objects.filter(proposal=proposal, category__code="institutional_fee").update(
        quantity=Decimal(1), unit_cost=Decimal(amount), amount=Decimal(amount)
    )


def problems(proposal):
    return checks.problems(proposals_for_checks().get(pk=proposal.pk))


def test_a_new_call_allows_a_fee_of_at_most_ten_percent(officer):
    call = services.create_call(actor=officer, data=call_data())

    rule = fee(call)
    assert (rule.cap_percent, rule.fixed_percent) == (Decimal("10.00"), None)
    with translation.override("en"):
        assert rule.rule == "at most 10% of the total"
    with translation.override("th"):
        assert rule.rule == AT_MOST_TH


def test_under_at_most_a_smaller_fee_passes_and_a_larger_one_is_refused():
    proposal = make_complete_proposal()
    at_most_10(proposal.call)

    # Personnel 250,000 + materials 560,000 + fee 45,000 = 855,000: a fee of 5.26% is within
    # "at most 10%" (it broke "exactly 10%").
    set_fee(proposal, "45000")
    assert problems(proposal) == []

    # A fee of 110,000 of 920,000 = 11.96%: refused, saying the rule.
    set_fee(proposal, "110000")
    with translation.override("en"):
        (problem,) = problems(proposal)
    assert problem.code == "budget_over_cap:institutional_fee"
    assert problem.message == (
        "“Institutional fee” is 11.96% of the total; the call allows at most 10%."
    )


def test_the_pages_say_which_rule_applies(client):
    proposal = make_complete_proposal()
    at_most_10(proposal.call)
    set_fee(proposal, "110000")
    exact = make_complete_proposal()
    client.force_login(proposal.lead)

    call_page = client.get(reverse("proposals:call_detail", args=[proposal.call.code]))
    exact_page = client.get(reverse("proposals:call_detail", args=[exact.call.code]))
    budget_page = client.get(reverse("proposals:edit_budget", args=[proposal.pk]))
    check_page = client.get(reverse("proposals:proposal_check", args=[proposal.pk]))

    assert AT_MOST_TH in call_page.content.decode()
    assert EXACTLY_TH in exact_page.content.decode()
    assert AT_MOST_TH in budget_page.content.decode()
    assert "คิดเป็น 11.96% ของงบรวม ประกาศกำหนดไว้ไม่เกิน 10%" in check_page.content.decode()
