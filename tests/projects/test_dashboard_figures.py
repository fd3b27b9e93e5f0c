"""What funded projects register at start-up: the fund page as the step page of `fund`, the
resolvers of the KPI ledger's keys, and the money figures of the dashboards."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from indicators import sources
from indicators.dashboard import headlines as dashboard
from indicators.dashboard.selectors import Scope
from indicators.models import FiscalYear, Technology
from projects import dashboard as project_dashboard
from projects.models import AwardBudget, Instalment, InstalmentState, ProgressReport
from proposals.lifecycle.services import step_page
from proposals.models import (
    ProgressReportKind,
    Proposal,
    ProposalMunicipality,
    ProposalState,
    ProposalTechnology,
)
from tests.factories import MunicipalityFactory
from tests.projects.builders import approved_proposal, funded_project

D = Decimal
pytestmark = pytest.mark.django_db


def test_the_fund_page_is_the_step_page_of_fund():
    proposal = approved_proposal()
    assert step_page(proposal, "fund") == reverse("projects:fund", args=[proposal.pk])


def test_project_keys_resolve_to_reference_title_and_project_page(
    officer, django_assert_num_queries
):
    first, second = funded_project(officer), funded_project(officer)
    Proposal.objects.filter(pk=second.pk).update(title_th="ก" * 80)
    keys = [f"proposals.proposal:{first.pk}", f"proposals.proposal:{second.pk}"]
    with django_assert_num_queries(1):
        resolved = sources.resolve([*keys, "proposals.proposal:999", "proposals.proposal:x"])
    assert resolved[keys[0]] == sources.Source(
        label=f"{first.reference} · {first.title_th}",
        url=reverse("projects:project", args=[first.pk]),
    )
    assert resolved[keys[1]].label == f"{second.reference} · {'ก' * 59}…"
    assert resolved["proposals.proposal:999"] == sources.Source(label="proposals.proposal:999")


def test_report_keys_resolve_to_kind_reference_and_report_page(officer, django_assert_num_queries):
    project = funded_project(officer)
    reports = list(ProgressReport.objects.filter(proposal=project).order_by("period_end"))
    keys = [report.ledger_key for report in reports]
    with django_assert_num_queries(1):
        resolved = sources.resolve(keys)
    six_months = resolved[keys[0]]
    assert six_months.label == f"{reports[0].get_kind_display()} · {project.reference}"
    assert six_months.url == reverse("projects:progress_detail", args=[reports[0].pk])
    assert six_months.detail == "1 ม.ค. 2568 – 30 มิ.ย. 2568"


# Headline figures.


def headlines(programme, **filters):
    figures = project_dashboard.money_headlines(programme, **filters)
    return [(str(item.label), item.value) for item in figures]


def test_the_dashboards_show_the_approved_budget_and_what_was_released(officer):
    first = funded_project(officer)
    second = funded_project(officer, amount=D("450000.00"))
    terminated = funded_project(officer)
    Proposal.objects.filter(pk=terminated.pk).update(state=ProposalState.TERMINATED)
    Instalment.objects.filter(proposal__in=[first, terminated], number=1).update(
        state=InstalmentState.RELEASED, paid_on=datetime.date(2025, 1, 10)
    )
    programme = first.call.programme
    with translation.override("en"):
        assert headlines(programme, fiscal_year=None, region=None, technology=None) == [
            ("Approved budget (baht)", D("1350000.00")),  # the terminated project left out
            ("Released so far (baht)", D("720000.00")),  # its payment stays paid
        ]
    assert second.state == ProposalState.ACTIVE


def test_the_fiscal_year_filter_reads_the_budget_years_and_the_payment_dates(officer):
    project = funded_project(officer)
    year_2568, _created = FiscalYear.objects.get_or_create(year_be=2568)
    cell = AwardBudget.objects.filter(award__proposal=project).first()
    AwardBudget.objects.filter(pk=cell.pk).update(fiscal_year=year_2568)
    Instalment.objects.filter(proposal=project, number=1).update(
        state=InstalmentState.RELEASED,
        paid_on=datetime.date(2025, 9, 30),  # FY 2568
    )
    Instalment.objects.filter(proposal=project, number=2).update(
        state=InstalmentState.RELEASED,
        paid_on=datetime.date(2025, 10, 1),  # FY 2569
    )
    programme = project.call.programme
    values = [value for _label, value in headlines(programme, fiscal_year=year_2568)]
    assert values == [cell.amount, D("360000.00")]
    year_2569 = FiscalYear.objects.get(year_be=2569)
    values = [value for _label, value in headlines(programme, fiscal_year=year_2569.pk)]
    assert values == [D("900000.00") - cell.amount, D("360000.00")]


def test_the_region_and_technology_filters_read_the_lead_municipality_and_main_technology(
    officer,
):
    north = funded_project(officer)
    south = funded_project(officer, amount=D("450000.00"))
    ProposalMunicipality.objects.filter(proposal=south).update(
        municipality=MunicipalityFactory(region="south")
    )
    other = Technology.objects.create(name_th="อื่น", name_en="Other", kind="soft")
    ProposalTechnology.objects.filter(proposal=north).update(technology=other)
    programme = north.call.programme
    assert [v for _l, v in headlines(programme, region="south")] == [D("450000.00"), D("0.00")]
    assert [v for _l, v in headlines(programme, technology=other)] == [D("900000.00"), D("0.00")]
    assert [v for _l, v in headlines(programme, region="south", technology=other.pk)] == [
        D("0.00"),
        D("0.00"),
    ]


def test_each_figure_links_to_the_list_with_the_same_filters(officer):
    project = funded_project(officer)
    programme = project.call.programme
    technology = project.technologies.get().technology
    (approved, released) = project_dashboard.money_headlines(
        programme, fiscal_year=None, region="north", technology=technology
    )
    expected = (
        f"{reverse('projects:project_list')}?programme={programme.code}"
        f"&region=north&technology={technology.pk}"
    )
    assert approved.url == released.url == expected


def test_the_figures_run_one_query_whatever_the_number_of_projects(
    officer, django_assert_num_queries
):
    programme = funded_project(officer).call.programme
    for _ in range(3):
        funded_project(officer)
    with django_assert_num_queries(1):
        project_dashboard.money_headlines(programme)


def test_the_dashboards_read_the_figures_through_their_registry(officer):
    project = funded_project(officer)
    figures = dashboard.headline_figures(Scope(programme=project.call.programme))
    values = [item.value for item in figures if item.url and "programme=" in item.url]
    assert values == [D("900000.00"), D("0.00")]


def test_the_report_kind_label_follows_the_language(officer):
    project = funded_project(officer)
    report = ProgressReport.objects.get(proposal=project, kind=ProgressReportKind.FINAL)
    with translation.override("en"):
        resolved = sources.resolve([report.ledger_key])[report.ledger_key]
    assert resolved.label == f"Final report · {project.reference}"
