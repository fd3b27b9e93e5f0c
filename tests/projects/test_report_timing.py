"""When a progress report may be submitted and an instalment fall due (issue #13, item 2): a
report is submitted once its period has ended, or earlier when a funding officer has recorded
why (audited); an instalment never falls due on a report whose period has not ended, but on the
day after it ends (the daily task, or at the latest when the payment is recorded); a contract
date in the future is refused.

The clock is frozen on 4 December 2026 (B.E. 2569) as in the issue: the 6-month report of a
project running 1 January – 31 December 2027 covers 1 January – 30 June 2027 (2570)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import AuditEntry, Notification
from indicators.models import Result
from projects.funding import services as funding_services
from projects.instalments import services as instalment_services
from projects.models import Award, Instalment, InstalmentState, ProgressReportState
from projects.payments import services as payment_services
from projects.progress.services import states as report_states
from projects.services import ProjectError
from proposals.models import Proposal
from tests.helpers import assert_access, freeze_now
from tests.projects.builders import approved_proposal
from tests.projects.pages import expect, people_around
from tests.projects.report_builders import complete_report, report_of

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")
START, END = datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)


def at(day, hour=10):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BANGKOK)


@pytest.fixture
def clock(monkeypatch):
    """Set the day the code sees; starts on 4 December 2026."""

    def move(day, hour=10):
        return freeze_now(monkeypatch, at(day, hour))

    move(datetime.date(2026, 12, 4))
    return move


@pytest.fixture
def project(officer, clock):
    """Funded on 1 December 2026 (the contract signed before the project starts)."""
    proposal = approved_proposal()
    funding_services.fund(
        proposal=proposal,
        actor=officer,
        contract_number="RDG70-001",
        contract_date=datetime.date(2026, 12, 1),
        starts_on=START,
        ends_on=END,
        budget=funding_services.proposed_award_budget(proposal),
    )
    funded = Proposal.objects.get(pk=proposal.pk)
    complete_report(report_of(funded))
    return funded


def second_instalment(project):
    return Instalment.objects.get(proposal=project, number=2)


def test_a_report_cannot_be_submitted_before_its_period_ends(client, project):
    report = report_of(project)
    with pytest.raises(ProjectError) as refused:
        report_states.submit_report(report=report, actor=project.lead)
    assert refused.value.messages == [
        "รายงานครอบคลุมช่วงถึง 30 มิถุนายน 2570 ส่งได้ตั้งแต่ 1 กรกฎาคม 2570 "
        "หรือส่งก่อนนั้นได้เมื่อเจ้าหน้าที่แหล่งทุนบันทึกเหตุผล"
    ]
    assert report_of(project).state == ProgressReportState.DRAFT

    client.force_login(project.lead)
    response = client.get(reverse("projects:progress_detail", args=[report.pk]))
    assert response.context["ready"] is False
    assert "ส่งได้ตั้งแต่ 1 กรกฎาคม 2570" in response.content.decode()


def test_the_last_day_of_the_period_is_still_the_period(project, clock):
    report = report_of(project)
    clock(datetime.date(2027, 6, 30), hour=23)
    with pytest.raises(ProjectError):
        report_states.submit_report(report=report, actor=project.lead)

    clock(datetime.date(2027, 7, 1), hour=0)
    report_states.submit_report(report=report, actor=project.lead)
    assert report_of(project).state == ProgressReportState.SUBMITTED


def test_an_officer_records_why_and_the_team_may_submit_early(
    client, project, officer, clock, django_capture_on_commit_callbacks
):
    report = report_of(project)
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("projects:progress_allow_early", args=[report.pk]),
            {"reason": "เทศบาลต้องใช้ตัวเลขในการประชุมสภาเมือง 15 ธ.ค."},
        )

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="progress_report.allow_early")
    assert (entry.actor, entry.object_id, entry.comment) == (
        officer,
        str(report.pk),
        "เทศบาลต้องใช้ตัวเลขในการประชุมสภาเมือง 15 ธ.ค.",
    )
    history = client.get(reverse("history", args=["projects.progressreport", report.pk]))
    assert "เทศบาลต้องใช้ตัวเลขในการประชุมสภาเมือง" in history.content.decode()
    assert Notification.objects.filter(recipient=project.lead).exists()

    report_states.submit_report(report=report, actor=project.lead)
    report_states.accept_report(report=report, actor=officer)

    # Its results count, but the instalment waits for the period to end.
    assert Result.objects.filter(report=report.ledger_key).exists()
    instalment = second_instalment(project)
    assert (instalment.state, instalment.due_since) == (InstalmentState.SCHEDULED, None)
    with pytest.raises(ProjectError) as refused:
        payment_services.start_request(instalment=instalment, actor=project.lead)
    assert "1 กรกฎาคม 2570" in refused.value.messages[0]
    page = client.get(reverse("projects:project", args=[project.pk])).content.decode()
    assert "ถึงกำหนดจ่ายวันที่ 1 กรกฎาคม 2570" in page

    # The day after the period ends, the daily task makes it due, dated that day.
    clock(datetime.date(2027, 6, 30))
    assert instalment_services.fall_due() == []
    clock(datetime.date(2027, 7, 1), hour=0)
    call_command("instalments_fall_due", verbosity=0)
    instalment = second_instalment(project)
    assert (instalment.state, instalment.due_since) == (
        InstalmentState.DUE,
        datetime.date(2027, 7, 1),
    )
    assert AuditEntry.objects.filter(action="instalment.due", object_id=str(instalment.pk)).exists()


def test_only_a_funding_officer_allows_early_and_says_why(client, project, personas, officer):
    report = report_of(project)
    url = reverse("projects:progress_allow_early", args=[report.pk])
    client.force_login(officer)
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    assert response.context["early_form"].errors["reason"]
    assert not AuditEntry.objects.filter(action="progress_report.allow_early").exists()

    readers = {"administrator": 403, "lead": 403, "team_member": 403, "own_manager": 403}
    assert_access(
        client,
        people_around(project, personas),
        url,
        expect(404, funding_officer=302, **readers),
        method="post",
        data={"reason": "ประชุมสภาเมือง"},
    )
    assert AuditEntry.objects.filter(action="progress_report.allow_early").count() == 1


def test_a_request_after_the_period_makes_the_instalment_due_first(project, officer, clock):
    report = report_of(project)
    report_states.allow_early_submission(report=report, actor=officer, reason="ปิดงานเร็ว")
    report_states.submit_report(report=report, actor=project.lead)
    report_states.accept_report(report=report, actor=officer)

    clock(datetime.date(2027, 7, 3))  # the daily task has not run
    payment_services.start_request(instalment=second_instalment(project), actor=project.lead)

    instalment = second_instalment(project)
    assert (instalment.state, instalment.due_since) == (
        InstalmentState.DUE,
        datetime.date(2027, 7, 1),
    )


def test_a_report_accepted_after_its_period_makes_its_instalment_due_that_day(
    project, officer, clock
):
    clock(datetime.date(2027, 7, 20))
    report = report_of(project)
    report_states.submit_report(report=report, actor=project.lead)
    clock(datetime.date(2027, 7, 25))
    report_states.accept_report(report=report, actor=officer)

    instalment = second_instalment(project)
    assert (instalment.state, instalment.due_since) == (
        InstalmentState.DUE,
        datetime.date(2027, 7, 25),
    )


def test_a_contract_date_in_the_future_is_refused(client, officer, clock):
    proposal = approved_proposal()
    client.force_login(officer)
    response = client.get(reverse("projects:fund", args=[proposal.pk]))
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(
        contract_number="RDG70-001",
        contract_date="2026-12-05",
        starts_on="2027-01-01",
        ends_on="2027-12-31",
    )
    data = {key: "" if value is None else str(value) for key, value in data.items()}

    response = client.post(reverse("projects:fund", args=[proposal.pk]), data)

    assert response.status_code == 200
    assert "วันที่ลงนามสัญญา 5 ธันวาคม 2569 เป็นวันในอนาคต" in response.content.decode()
    assert not Award.objects.filter(proposal=proposal).exists()
