"""Completeness and budget rules: a complete proposal passes; each gap blocks with its message
and the link to the page that fixes it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from indicators.models import FiscalYear
from proposals.lifecycle import checks
from proposals.lifecycle.selectors import proposals_for_checks
from proposals.models import (
    Activity,
    BudgetCategory,
    BudgetLine,
    IndicatorContribution,
    ProposalAttachment,
    ProposalMunicipality,
    ProposalTechnology,
    Section,
    SectionKey,
    TeamMember,
)
from tests.factories import CallFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def fresh(proposal):
    return proposals_for_checks().get(pk=proposal.pk)


def problems_of(proposal, **kwargs):
    return checks.problems(fresh(proposal), **kwargs)


def codes(found):
    return [problem.code for problem in found]


def page(proposal, name, anchor=""):
    url = reverse(f"proposals:{name}", args=[proposal.pk])
    return f"{url}#{anchor}" if anchor else url


def set_fields(proposal, **values):
    type(proposal).objects.filter(pk=proposal.pk).update(**values)


def line(proposal, code):
    return BudgetLine.objects.get(proposal=proposal, category__code=code)


def set_amount(proposal, code, unit_cost):
    budget_line = line(proposal, code)
    budget_line.quantity = Decimal("1")
    budget_line.unit_cost = Decimal(unit_cost)
    budget_line.save()


def test_a_complete_proposal_has_no_problem_and_no_warning(complete_proposal):
    proposal = fresh(complete_proposal)
    assert checks.problems(proposal) == []
    assert checks.warnings(proposal) == []


def test_the_check_runs_a_fixed_number_of_queries(complete_proposal, django_assert_num_queries):
    proposal = fresh(complete_proposal)
    # The parts are prefetched; only the budget's own aggregation runs.
    with django_assert_num_queries(1):
        checks.problems(proposal)


# Each gap: how to make it, the problem's code and the page (name, anchor) that fixes it.
GAPS = {
    "no title": (
        lambda p: set_fields(p, title_th="", title_en=" "),
        "title",
        ("proposal_detail", "general"),
    ),
    "no duration": (
        lambda p: set_fields(p, duration_months=None),
        "duration",
        ("proposal_detail", "general"),
    ),
    "duration too long": (
        lambda p: set_fields(p, duration_months=13),
        "duration",
        ("proposal_detail", "general"),
    ),
    "duration too short": (
        lambda p: set_fields(p, duration_months=5),
        ["duration", "workplan_months"],  # the activities run to month 12
        ("proposal_detail", "general"),
    ),
    "no start month": (
        lambda p: set_fields(p, start_month=None),
        "start_month",
        ("proposal_detail", "general"),
    ),
    "no summary": (
        lambda p: set_fields(p, summary_th="", summary_en=""),
        "summary",
        ("proposal_detail", "general"),
    ),
    "no keyword": (
        lambda p: set_fields(p, keywords=" , "),
        "keywords",
        ("proposal_detail", "general"),
    ),
    "an empty section": (
        lambda p: Section.objects.filter(proposal=p, key=SectionKey.METHOD).update(text="  "),
        "section:method",
        ("proposal_detail", "narrative-method"),
    ),
    "a missing section": (
        lambda p: Section.objects.filter(proposal=p, key=SectionKey.RISKS).delete(),
        "section:risks",
        ("proposal_detail", "narrative-risks"),
    ),
    "the lead off the team": (
        lambda p: TeamMember.objects.filter(proposal=p, user=p.lead).delete(),
        "team_lead",
        ("proposal_detail", "team"),
    ),
    "no municipality": (
        lambda p: ProposalMunicipality.objects.filter(proposal=p).delete(),
        "municipality_none",
        ("edit_municipalities", ""),
    ),
    "no lead municipality": (
        lambda p: ProposalMunicipality.objects.filter(proposal=p).update(is_lead=False),
        "municipality_lead",
        ("edit_municipalities", ""),
    ),
    "two lead municipalities": (
        lambda p: ProposalMunicipality.objects.create(
            proposal=p, municipality=MunicipalityFactory(), is_lead=True
        ),
        "municipality_lead",
        ("edit_municipalities", ""),
    ),
    "no technology": (
        lambda p: ProposalTechnology.objects.filter(proposal=p).delete(),
        "technology_none",
        ("edit_technologies", ""),
    ),
    "no work plan": (
        lambda p: Activity.objects.filter(proposal=p).delete(),
        "workplan_none",
        ("edit_activities", ""),
    ),
    "weights not 100": (
        lambda p: Activity.objects.filter(proposal=p, position=1).update(weight_percent=30),
        "workplan_weights",
        ("edit_activities", ""),
    ),
    "an activity after the end": (
        lambda p: Activity.objects.filter(proposal=p, position=1).update(end_month=13),
        "workplan_months",
        ("edit_activities", ""),
    ),
    "an activity ending before it starts": (
        lambda p: Activity.objects.filter(proposal=p, position=1).update(
            start_month=8, end_month=7
        ),
        "workplan_months",
        ("edit_activities", ""),
    ),
    "no budget": (
        lambda p: BudgetLine.objects.filter(proposal=p).delete(),
        "budget_none",
        ("edit_budget", ""),
    ),
    "a fiscal year outside the programme": (
        lambda p: BudgetLine.objects.filter(proposal=p, category__code="materials").update(
            fiscal_year=FiscalYear.objects.get_or_create(year_be=2599)[0]
        ),
        "budget_fiscal_year",
        ("edit_budget", ""),
    ),
    "a category of another call": (
        lambda p: BudgetLine.objects.filter(proposal=p, category__code="materials").update(
            category=BudgetCategory.objects.get(call=CallFactory(parts=True), code="materials")
        ),
        "budget_category",
        ("edit_budget", ""),
    ),
    "no indicator contribution": (
        lambda p: IndicatorContribution.objects.filter(proposal=p).delete(),
        "contribution_none",
        ("edit_contributions", ""),
    ),
    "the call closed": (
        lambda p: (
            type(p.call)
            .objects.filter(pk=p.call_id)
            .update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
        ),
        "call_closed",
        None,
    ),
    "the call withdrawn from publication": (
        lambda p: type(p.call).objects.filter(pk=p.call_id).update(is_published=False),
        "call_closed",
        None,
    ),
}


@pytest.mark.parametrize("gap", GAPS)
def test_each_gap_blocks_with_its_message_and_link(complete_proposal, gap):
    make_gap, code, target = GAPS[gap]
    make_gap(complete_proposal)
    found = problems_of(complete_proposal)
    assert codes(found) == (code if isinstance(code, list) else [code])
    problem = found[0]
    assert problem.message.strip()
    if target is None:
        assert problem.url == complete_proposal.call.get_absolute_url()
    else:
        assert problem.url == page(complete_proposal, *target)


def test_the_duration_message_names_the_calls_range(complete_proposal):
    set_fields(complete_proposal, duration_months=24)
    with translation.override("en"):
        (problem,) = problems_of(complete_proposal)
    assert problem.message == "The duration must be between 6 and 12 months."


def test_an_ineligible_municipality_is_named(complete_proposal):
    call = complete_proposal.call
    call.eligible_regions = ["south"]
    call.save()
    partner = ProposalMunicipality.objects.get(proposal=complete_proposal)
    with translation.override("en"):
        (problem,) = problems_of(complete_proposal)
    assert problem.code == f"municipality_ineligible:{partner.municipality_id}"
    assert partner.municipality.name_en in problem.message
    assert problem.url == page(complete_proposal, "edit_municipalities")


def test_a_municipality_of_an_eligible_type_and_region_passes(complete_proposal):
    call = complete_proposal.call
    call.eligible_regions = ["north", "south"]
    call.eligible_municipality_types = ["town"]
    call.save()
    assert problems_of(complete_proposal) == []


def test_a_missing_required_attachment_blocks_but_an_optional_one_does_not(complete_proposal):
    required = complete_proposal.call.required_attachments.get(is_required=True)
    ProposalAttachment.objects.filter(proposal=complete_proposal).delete()
    found = problems_of(complete_proposal)
    assert codes(found) == [f"attachment:{required.pk}"]
    assert found[0].url == page(complete_proposal, "edit_attachments")


def test_every_gap_is_listed_at_once(complete_proposal):
    set_fields(complete_proposal, title_th="", title_en="", keywords="")
    ProposalTechnology.objects.filter(proposal=complete_proposal).delete()
    IndicatorContribution.objects.filter(proposal=complete_proposal).delete()
    assert codes(problems_of(complete_proposal)) == [
        "title",
        "keywords",
        "technology_none",
        "contribution_none",
    ]


def test_a_resubmission_ignores_the_calls_closing_date(complete_proposal):
    GAPS["the call closed"][0](complete_proposal)
    assert problems_of(complete_proposal, resubmitting=True) == []
    assert codes(problems_of(complete_proposal)) == ["call_closed"]


def test_a_pending_invitation_is_a_warning_not_a_problem(complete_proposal):
    TeamMember.objects.create(proposal=complete_proposal, email="invited@example.org")
    proposal = fresh(complete_proposal)
    assert checks.problems(proposal) == []
    (warning,) = checks.warnings(proposal)
    assert warning.code == "team_pending"
    assert "invited@example.org" in warning.message
    assert warning.url == page(complete_proposal, "proposal_detail", "team")


# Budget rules, computed by hand. The complete proposal's budget: personnel 250,000 (cap
# 30%), materials 560,000, institutional fee 90,000 (fixed 10%): 900,000; ceiling 1,000,000.


def budget_codes(proposal):
    return [code for code in codes(problems_of(proposal)) if code.startswith("budget")]


def test_personnel_at_exactly_its_cap_passes(complete_proposal):
    set_amount(complete_proposal, "personnel", "270000")  # 270,000 / 900,000 = 30%
    set_amount(complete_proposal, "materials", "540000")
    assert problems_of(complete_proposal) == []


def test_personnel_above_its_cap_blocks(complete_proposal):
    set_amount(complete_proposal, "personnel", "320000")  # 320,000 / 900,000 = 35.56%
    set_amount(complete_proposal, "materials", "490000")
    found = problems_of(complete_proposal)
    assert budget_codes(complete_proposal) == ["budget_over_cap:personnel"]
    assert found[0].url == page(complete_proposal, "edit_budget")


def test_a_fixed_share_within_one_satang_passes(complete_proposal):
    # 90,000.01 of 900,000.01: 10% would be 90,000.001, 0.009 baht away.
    set_amount(complete_proposal, "institutional_fee", "90000.01")
    assert problems_of(complete_proposal) == []


def test_a_fixed_share_off_by_more_than_one_satang_blocks(complete_proposal):
    # 90,000.02 of 900,000.02: 10% would be 90,000.002, 0.018 baht away.
    set_amount(complete_proposal, "institutional_fee", "90000.02")
    assert budget_codes(complete_proposal) == ["budget_fixed_share:institutional_fee"]


def test_a_total_at_the_ceiling_passes(complete_proposal):
    set_amount(complete_proposal, "personnel", "300000")  # 30% of 1,000,000
    set_amount(complete_proposal, "materials", "600000")
    set_amount(complete_proposal, "institutional_fee", "100000")
    assert problems_of(complete_proposal) == []


def test_a_total_above_the_ceiling_blocks(complete_proposal):
    set_amount(complete_proposal, "personnel", "300000")
    set_amount(complete_proposal, "materials", "600000.10")
    set_amount(complete_proposal, "institutional_fee", "100000.01")  # 1,000,000.11 in all
    assert budget_codes(complete_proposal) == ["budget_over_ceiling"]


def test_a_category_the_call_does_not_allow_blocks(complete_proposal):
    BudgetCategory.objects.filter(call=complete_proposal.call, code="materials").update(
        allowed=False
    )
    assert budget_codes(complete_proposal) == ["budget_category_not_allowed:materials"]
