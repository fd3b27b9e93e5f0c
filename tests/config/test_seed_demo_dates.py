"""The demo's dates follow today and the Thai fiscal year (issue #13, item 1), whatever today
is: on the real clock and on other days, among them the first and last day of a fiscal year
and 4 December 2026 (B.E. 2569-12-04, fiscal year 2570), the day of the issue."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from indicators.dashboard.forms import DashboardFilterForm
from indicators.models import Commitment, FiscalYear, Indicator, IndicatorTarget, Programme, Result
from projects.models import Instalment, InstalmentState, ProgressReport, ProgressReportState
from proposals.demo import DemoCalendar, today_calendar
from proposals.models import Call, CallState, IndicatorContribution, Proposal
from tests.helpers import freeze_now

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")
DAYS = {
    "real clock": None,
    "the issue's day": datetime.datetime(2026, 12, 4, 10, tzinfo=BANGKOK),
    "first minute of a fiscal year": datetime.datetime(2026, 10, 1, 0, 5, tzinfo=BANGKOK),
    "last evening of a fiscal year": datetime.datetime(2029, 9, 30, 23, 30, tzinfo=BANGKOK),
    "a March": datetime.datetime(2027, 3, 15, 9, tzinfo=BANGKOK),
}


def fiscal_year(day):
    return FiscalYear.year_be_of(day)


def test_the_calendar_of_the_issues_day_by_hand():
    calendar = DemoCalendar(datetime.date(2026, 12, 4))
    # Today is in fiscal year 2570 (1 Oct 2026 – 30 Sep 2027): the open call is SLC-2570.
    assert (calendar.open_code, calendar.open_from, calendar.open_until) == (
        "SLC-2570",
        datetime.date(2026, 11, 4),
        datetime.date(2027, 2, 2),
    )
    # Projects of 1 Sep 2025 – 31 Aug 2026 (14 months back is 1 Oct 2025, which would fill
    # fiscal year 2569 alone): the closed call is of 2568 (Oct 2024 – Sep 2025).
    assert (calendar.project_start, calendar.project_end, calendar.closed_code) == (
        datetime.date(2025, 9, 1),
        datetime.date(2026, 8, 31),
        "SLC-2568",
    )
    # The open call's projects would run 1 May 2027 – 30 Apr 2028: fiscal years 2570–2571.
    assert calendar.open_project_start == datetime.date(2027, 5, 1)
    assert calendar.years == [2568, 2569, 2570, 2571]


@pytest.mark.parametrize("moment", DAYS.values(), ids=DAYS.keys())
def test_the_demo_is_dated_consistently_whatever_today(monkeypatch, settings, tmp_path, moment):
    settings.MEDIA_ROOT = tmp_path
    if moment is not None:
        freeze_now(monkeypatch, moment)
    today = timezone.localdate()

    call_command("seed_demo", verbosity=0)

    calendar = today_calendar()
    programme = Programme.objects.get(code="SLC")
    years = sorted(programme.fiscal_years.values_list("year_be", flat=True))
    assert years == calendar.years == list(range(years[0], years[-1] + 1))

    # The open call is of today's fiscal year and open now; the closed one of an earlier year.
    open_call = Call.objects.get(code=f"SLC-{fiscal_year(today)}")
    assert (open_call.fiscal_year.year_be, open_call.state) == (fiscal_year(today), CallState.OPEN)
    # The two-stage call (issue #16) is open beside it, its concepts closing in two weeks.
    two_stage = Call.objects.get(has_concept_stage=True)
    assert two_stage.state == CallState.OPEN
    assert two_stage.opens_at < two_stage.concept_closes_at < two_stage.closes_at
    (closed_call,) = Call.objects.exclude(pk__in=[open_call.pk, two_stage.pk])
    assert closed_call.state == CallState.CLOSED
    assert closed_call.fiscal_year.year_be < fiscal_year(today)
    assert closed_call.closes_at < timezone.now()

    # Every indicator has a target in every year the calls and projects run in.
    targets = IndicatorTarget.objects.filter(indicator__programme=programme)
    assert targets.count() == Indicator.objects.filter(programme=programme).count() * len(years)

    # The submitted proposal starts after the open call closes, within the programme's years.
    submitted = Proposal.objects.get(reference=f"{open_call.code}-0001")
    assert submitted.start_month > timezone.localtime(open_call.closes_at).date()
    assert IndicatorContribution.objects.filter(proposal__call=open_call).exists()
    assert set(IndicatorContribution.objects.values_list("fiscal_year__year_be", flat=True)) <= set(
        years
    )

    # Funded projects: signed before they start and before today, run within the programme's
    # years, and every report and payment falls in order, on or before today.
    projects = Proposal.objects.filter(call=closed_call).select_related("award")
    assert projects.count() == 5
    for project in projects:
        award = project.award
        assert timezone.localtime(closed_call.closes_at).date() < award.contract_date
        assert award.contract_date < award.starts_on < award.ends_on < today
        assert {fiscal_year(award.starts_on), fiscal_year(award.ends_on)} <= set(years)
        assert project.submitted_at < closed_call.closes_at
    for report in ProgressReport.objects.filter(proposal__call=closed_call):
        if report.state == ProgressReportState.DRAFT:
            assert report.submitted_at is None
            continue
        submitted_on = timezone.localdate(report.submitted_at)
        assert report.period_end < submitted_on <= today, report
        if report.decided_at:
            assert submitted_on <= timezone.localdate(report.decided_at) <= today, report
    for instalment in Instalment.objects.filter(proposal__call=closed_call).select_related(
        "report", "proposal__award"
    ):
        report = instalment.report
        if instalment.state in (InstalmentState.DUE, InstalmentState.RELEASED):
            if report is None:  # due on the signed contract
                assert instalment.due_since == instalment.proposal.award.contract_date
            else:  # due once its report is accepted and its period over
                assert report.period_end < instalment.due_since <= today, instalment
        if instalment.state == InstalmentState.RELEASED:
            assert instalment.due_since <= instalment.paid_on <= today, instalment
        if report is not None and instalment.state != InstalmentState.SCHEDULED:
            assert report.state == ProgressReportState.ACCEPTED

    # The ledger's years are the programme's, and the dashboard offers each of them.
    ledger_years = set(Result.objects.values_list("fiscal_year__year_be", flat=True)) | set(
        Commitment.objects.values_list("fiscal_year__year_be", flat=True)
    )
    assert ledger_years and ledger_years <= set(years)
    offered = DashboardFilterForm(programme=programme).fields["fiscal_year"].queryset
    assert ledger_years <= set(offered.values_list("year_be", flat=True))

    call_command("seed_demo", verbosity=0)  # the same day again changes nothing
    assert Proposal.objects.filter(call=closed_call).count() == 5
    assert Call.objects.count() == 3
