"""The report schedule a call sets (half-yearly, quarterly, yearly, always ending with the final
report), worked out by hand, and what a no-cost extension adds to it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from projects.changes import services as changes
from projects.funding.schedule import reporting_schedule
from projects.models import ChangeRequest, Instalment, ProgressReport
from projects.progress.services import editing
from proposals.calls import services as call_services
from proposals.models import Call, FinancialReporting, ProgressReportKind, ReportCadence
from tests.factories import CallFactory
from tests.projects.builders import approved_proposal, fund
from tests.projects.changes_builders import start_extension

K = ProgressReportKind
d = datetime.date
PLAN = [K.CONTRACT, K.MONTH_6, K.FINAL]  # the instalments' reports of the default plan


def rows(schedule):
    return [(r.kind, r.period_start, r.period_end, r.due_on, r.fiscal_year_be) for r in schedule]


@pytest.fixture(autouse=True)
def due_after_30_days(settings):
    settings.PROJECT_REPORT_DUE_DAYS = 30


def test_a_quarterly_year_from_july_crosses_the_thai_fiscal_year_on_30_september():
    schedule = reporting_schedule(d(2025, 7, 1), d(2026, 6, 30), PLAN, ReportCadence.QUARTERLY)
    # 12-month report would end with the project: the final report covers April–June.
    assert rows(schedule) == [
        (K.MONTH_3, d(2025, 7, 1), d(2025, 9, 30), d(2025, 10, 30), 2568),
        (K.MONTH_6, d(2025, 10, 1), d(2025, 12, 31), d(2026, 1, 30), 2569),
        (K.MONTH_9, d(2026, 1, 1), d(2026, 3, 31), d(2026, 4, 30), 2569),
        (K.FINAL, d(2026, 4, 1), d(2026, 6, 30), d(2026, 7, 30), 2569),
    ]


def test_quarterly_reports_of_a_six_month_project_still_end_with_the_final_report():
    schedule = reporting_schedule(d(2025, 1, 15), d(2025, 7, 14), PLAN, ReportCadence.QUARTERLY)
    assert rows(schedule) == [
        (K.MONTH_3, d(2025, 1, 15), d(2025, 4, 14), d(2025, 5, 14), 2568),
        (K.FINAL, d(2025, 4, 15), d(2025, 7, 14), d(2025, 8, 13), 2568),
    ]


def test_a_yearly_schedule_ignores_the_six_month_instalment_and_spans_fiscal_years():
    schedule = reporting_schedule(d(2025, 10, 1), d(2027, 3, 31), PLAN, ReportCadence.YEARLY)
    assert rows(schedule) == [
        (K.MONTH_12, d(2025, 10, 1), d(2026, 9, 30), d(2026, 10, 30), 2569),
        (K.FINAL, d(2026, 10, 1), d(2027, 3, 31), d(2027, 4, 30), 2570),
    ]


def test_a_half_yearly_schedule_is_the_one_calls_had_before():
    # The 6- and 12-month reports the instalments wait on, no 18-month report, then the final.
    kinds = [K.CONTRACT, K.MONTH_6, K.MONTH_12, K.FINAL]
    schedule = reporting_schedule(d(2025, 1, 1), d(2026, 12, 31), kinds)
    assert rows(schedule) == [
        (K.MONTH_6, d(2025, 1, 1), d(2025, 6, 30), d(2025, 7, 30), 2568),
        (K.MONTH_12, d(2025, 7, 1), d(2025, 12, 31), d(2026, 1, 30), 2569),
        (K.FINAL, d(2026, 1, 1), d(2026, 12, 31), d(2027, 1, 30), 2570),
    ]
    assert reporting_schedule(d(2025, 1, 1), d(2026, 12, 31), kinds, "half_yearly") == schedule


@pytest.mark.django_db
def test_existing_and_new_calls_report_half_yearly_with_spending_in_each_report():
    call = CallFactory()
    assert (call.report_cadence, call.financial_reporting) == ("half_yearly", "each_report")


@pytest.mark.django_db
def test_a_quarterly_call_funds_a_project_with_a_report_every_three_months(officer):
    proposal = approved_proposal()
    Call.objects.filter(pk=proposal.call_id).update(report_cadence=ReportCadence.QUARTERLY)
    project = fund(proposal, officer)  # 1 January – 31 December 2025
    reports = ProgressReport.objects.filter(proposal=project).order_by("period_end")
    assert [(r.kind, r.period_start, r.period_end) for r in reports] == [
        (K.MONTH_3, d(2025, 1, 1), d(2025, 3, 31)),
        (K.MONTH_6, d(2025, 4, 1), d(2025, 6, 30)),
        (K.MONTH_9, d(2025, 7, 1), d(2025, 9, 30)),
        (K.FINAL, d(2025, 10, 1), d(2025, 12, 31)),
    ]
    second = Instalment.objects.get(proposal=project, number=2)
    assert second.report.kind == K.MONTH_6


@pytest.mark.django_db
def test_an_extension_of_a_quarterly_project_adds_the_reports_of_its_new_months(officer, manager):
    proposal = approved_proposal()
    Call.objects.filter(pk=proposal.call_id).update(report_cadence=ReportCadence.QUARTERLY)
    project = fund(proposal, officer)
    project.call.programme.managers.add(manager)
    change = start_extension(project, project.lead, months=3)  # 90 days: to 31 March 2026
    change = changes.submit_change(change=change, actor=project.lead)
    change = changes.recommend_change(change=change, actor=officer, comment="Checked.")
    change = changes.approve_change(change=change, actor=manager)
    reports = ProgressReport.objects.filter(proposal=project).order_by("period_end")
    assert [(r.kind, r.period_start, r.period_end, r.due_on) for r in reports][-2:] == [
        (K.MONTH_12, d(2025, 10, 1), d(2025, 12, 31), d(2026, 1, 30)),
        (K.FINAL, d(2026, 1, 1), d(2026, 3, 31), d(2026, 4, 30)),
    ]
    assert reports.count() == 5
    assert ChangeRequest.objects.get(pk=change.pk).after["reports_added"] == [K.MONTH_12]


@pytest.mark.django_db
def test_an_extension_of_a_half_yearly_project_only_moves_the_final_report(officer, manager):
    project = fund(approved_proposal(), officer)
    project.call.programme.managers.add(manager)
    change = start_extension(project, project.lead, months=3)
    change = changes.submit_change(change=change, actor=project.lead)
    change = changes.recommend_change(change=change, actor=officer, comment="Checked.")
    changes.approve_change(change=change, actor=manager)
    kinds = list(ProgressReport.objects.filter(proposal=project).values_list("kind", flat=True))
    assert sorted(kinds) == sorted([K.MONTH_6, K.FINAL])


@pytest.mark.django_db
def test_a_yearly_schedule_refuses_an_instalment_on_the_six_month_report(manager):
    call = CallFactory(parts=True)  # 40% on the contract, 40% on the 6-month report, 20% final
    with pytest.raises(ValidationError) as error, translation.override("en"):
        call_services.update_call(actor=manager, call=call, data={"report_cadence": "yearly"})
    assert "report_cadence" in error.value.message_dict
    assert "6-month progress report" in error.value.message_dict["report_cadence"][0]
    call.refresh_from_db()
    assert call.report_cadence == ReportCadence.HALF_YEARLY


@pytest.mark.django_db
def test_a_quarterly_schedule_keeps_the_six_month_instalment(manager):
    call = CallFactory(parts=True)
    call_services.update_call(actor=manager, call=call, data={"report_cadence": "quarterly"})
    call.refresh_from_db()
    assert call.report_cadence == ReportCadence.QUARTERLY


@pytest.mark.django_db
def test_a_quarterly_schedule_is_refused_beyond_sixty_months():
    call = CallFactory(max_duration_months=72, report_cadence=ReportCadence.QUARTERLY)
    with pytest.raises(ValidationError) as error:
        call.full_clean()
    assert list(error.value.message_dict) == ["report_cadence"]


# A financial report only at the end.


@pytest.fixture
def at_the_end(officer):
    proposal = approved_proposal()
    Call.objects.filter(pk=proposal.call_id).update(
        report_cadence=ReportCadence.QUARTERLY, financial_reporting=FinancialReporting.AT_THE_END
    )
    return fund(proposal, officer)


def test_only_the_final_report_asks_for_spending_when_the_call_says_so(at_the_end, officer):
    reports = ProgressReport.objects.filter(proposal=at_the_end).select_related("proposal__call")
    assert {r.kind: r.asks_spending for r in reports} == {
        K.MONTH_3: False,
        K.MONTH_6: False,
        K.MONTH_9: False,
        K.FINAL: True,
    }
    every = fund(approved_proposal(), officer)
    assert all(r.asks_spending for r in ProgressReport.objects.filter(proposal=every))


def test_spending_is_refused_on_a_report_without_a_financial_part(at_the_end, client):
    report = ProgressReport.objects.get(proposal=at_the_end, kind=K.MONTH_3)
    category = at_the_end.call.budget_categories.first()
    with pytest.raises(ValidationError):
        editing.save_spending(
            actor=at_the_end.lead, report=report, rows=[(category, Decimal("10.00"), "")]
        )
    assert not report.spending.exists()
    client.force_login(at_the_end.lead)
    assert client.get(reverse("projects:progress_spending", args=[report.pk])).status_code == 404
    page = client.get(report.get_absolute_url()).content.decode()
    assert reverse("projects:progress_spending", args=[report.pk]) not in page
    final = ProgressReport.objects.get(proposal=at_the_end, kind=K.FINAL)
    assert client.get(reverse("projects:progress_spending", args=[final.pk])).status_code == 200
