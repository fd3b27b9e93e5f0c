"""Submitting, accepting and returning a report through its pages: the checks, the KPI ledger,
the instalments and who is told."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import Notification
from accounts.roles import Role
from indicators import ledger
from indicators.models import LedgerStatus, Result
from projects import services
from projects.models import (
    ActivityProgress,
    IndicatorResult,
    InstalmentState,
    ProgressReport,
    ProgressReportState,
)
from projects.progress.services import states as report_states
from tests.factories import UserFactory
from tests.projects.builders import add_member, report_of
from tests.projects.report_builders import complete_report, rich_project

D = Decimal
ONE = D(1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def project(officer, researcher):
    return rich_project(officer, lead=researcher)


@pytest.fixture
def report(project):
    return report_of(project)


def _english(*users):
    for user in users:
        user.preferred_language = "en"
        user.save(update_fields=["preferred_language"])


def _url(name, report):
    return reverse(f"projects:{name}", args=[report.pk])


def _state(report):
    return ProgressReport.objects.get(pk=report.pk).state


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def _inbox(user):
    return list(Notification.objects.filter(recipient=user).values_list("title", "url"))


# The submission checks ----------------------------------------------------------------------------


def test_an_empty_report_cannot_be_submitted_and_every_gap_is_named(client, report, researcher):
    _english(researcher)
    client.force_login(researcher)
    response = client.post(_url("progress_submit", report), follow=True)
    assert _state(report) == ProgressReportState.DRAFT
    assert _messages(response)[:3] == [
        "Write the progress narrative.",
        "Give the progress of the activity “สำรวจ”.",
        "Give the progress of the activity “ถ่ายทอด”.",
    ]
    assert len(_messages(response)) == 7


def test_every_activity_needs_its_progress(report, researcher):
    complete_report(report)
    ActivityProgress.objects.filter(report=report).first().delete()
    with pytest.raises(services.ProjectError) as refused:
        report_states.submit_report(report=report, actor=researcher)
    assert len(refused.value.messages) == 1


def test_a_result_above_zero_needs_evidence_and_a_zero_does_not(report, researcher):
    report = complete_report(report)
    results = IndicatorResult.objects.filter(report=report)
    results.update(evidence_url="")
    results.filter(indicator__code="KR2.1").update(value=D(0))
    with translation.override("en"):
        problems = report_states.submit_problems(report)
    assert problems == [
        "Add an evidence file or link to the result for KR1.1 Cities.",
        "Add an evidence file or link to the result for KR3.1 Layers updated.",
    ]


def test_the_submit_page_confirms_and_tells_the_funding_officers(
    client, report, researcher, officer, django_capture_on_commit_callbacks
):
    complete_report(report)
    other_officer = UserFactory(roles=[Role.FUNDING_OFFICER])
    _english(officer, other_officer)
    client.force_login(researcher)
    page = client.get(_url("progress_submit", report))
    assert page.context["ready"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("progress_submit", report))
    assert response.url == _url("progress_detail", report)
    assert _state(report) == ProgressReportState.SUBMITTED
    title = f"Progress report submitted: 6-month progress report, {report.proposal.reference}"
    for person in (officer, other_officer):
        assert _inbox(person) == [(title, _url("progress_detail", report))]
    assert _inbox(researcher) == []
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [officer.email, other_officer.email]
    )


def test_only_the_team_submits(client, report, officer):
    complete_report(report)
    client.force_login(officer)
    assert client.post(_url("progress_submit", report)).status_code == 403
    assert _state(report) == ProgressReportState.DRAFT


def test_a_submitted_report_is_not_submitted_again(client, report, researcher):
    complete_report(report)
    report_states.submit_report(report=report, actor=researcher)
    client.force_login(researcher)
    response = client.post(_url("progress_submit", report), follow=True)
    assert len(_messages(response)) == 1
    assert _state(report) == ProgressReportState.SUBMITTED


# Accepting ---------------------------------------------------------------------------------------


def _submit(report, researcher, value=ONE):
    complete_report(report, value)
    report_states.submit_report(report=report, actor=researcher)


def test_accepting_counts_the_results_makes_the_instalment_due_and_tells_everyone(
    client, project, report, researcher, officer, django_capture_on_commit_callbacks
):
    member = add_member(project)
    _english(researcher, member, officer)
    _submit(report, researcher)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("progress_accept", report), {"accept-comment": "ครบถ้วน"})
    assert response.url == _url("progress_detail", report)
    saved = ProgressReport.objects.get(pk=report.pk)
    assert (saved.state, saved.decision_comment, saved.decided_by) == (
        ProgressReportState.ACCEPTED,
        "ครบถ้วน",
        officer,
    )
    counted = Result.objects.filter(report=saved.ledger_key, status=LedgerStatus.COUNTED)
    assert sorted((r.indicator.code, r.value) for r in counted) == [
        ("KR1.1", D("1.00")),
        ("KR2.1", D("1.00")),
        ("KR2.1", D("1.00")),
        ("KR3.1", D("1.00")),
    ]
    assert project.instalments.get(number=2).state == InstalmentState.DUE
    reference = project.reference
    due_note = (
        f"Instalment due for payment: {reference}, no. 2",
        reverse("projects:project", args=[project.pk]) + "#instalments",
    )
    for person in (researcher, member):
        notes = Notification.objects.filter(recipient=person).order_by("pk")
        assert [n.title for n in notes] == [
            f"Progress report accepted: 6-month progress report, {reference}",
            due_note[0],
        ]
        assert "Comment: ครบถ้วน" in notes[0].body
    assert _inbox(officer) == [due_note]  # the team requests it, the officers follow


def test_the_accept_comment_is_optional(client, report, researcher, officer):
    _submit(report, researcher)
    client.force_login(officer)
    client.post(_url("progress_accept", report), {})
    assert _state(report) == ProgressReportState.ACCEPTED


def test_only_funding_officers_accept_or_return(client, report, researcher, manager, project):
    project.call.programme.managers.add(manager)
    _submit(report, researcher)
    for person in (researcher, manager):
        client.force_login(person)
        assert client.post(_url("progress_accept", report)).status_code == 403
        data = {"return-comment": "x"}
        assert client.post(_url("progress_return", report), data).status_code == 403
    assert _state(report) == ProgressReportState.SUBMITTED


def test_a_draft_cannot_be_accepted(client, report, officer):
    _english(officer)
    client.force_login(officer)
    page = client.get(_url("progress_accept", report))
    assert not page.context["possible"]
    response = client.post(_url("progress_accept", report), {})
    assert _messages(response) == [
        "The report is “Draft”: only a submitted report is accepted or returned."
    ]
    assert _state(report) == ProgressReportState.DRAFT


# Returning ---------------------------------------------------------------------------------------


def test_returning_needs_a_comment(client, report, researcher, officer):
    _english(officer)
    _submit(report, researcher)
    client.force_login(officer)
    response = client.post(_url("progress_return", report), {"return-comment": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "comment": ["Write what the team must change: they will read it."]
    }
    assert _state(report) == ProgressReportState.SUBMITTED


def test_returning_discounts_the_results_and_tells_the_team_what_to_change(
    client, project, report, researcher, officer, django_capture_on_commit_callbacks
):
    _english(researcher)
    final = report_of(project, "final")
    _submit(final, researcher, value=D(0))
    # Whatever the ledger holds for the report (e.g. from an earlier acceptance) stops counting.
    ledger.record_results(
        programme=project.call.programme,
        report=final.ledger_key,
        source=services.ledger_source(project),
        source_label=project.reference,
        period=final.kind,
        period_end=final.period_end,
        rows=report_states.report_ledger_rows(final),
    )
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("progress_return", final), {"return-comment": "แนบภาพถ่ายเพิ่ม"})
    assert _state(final) == ProgressReportState.RETURNED
    statuses = list(Result.objects.filter(report=final.ledger_key).values_list("status", flat=True))
    assert statuses == [LedgerStatus.NOT_COUNTED] * 4
    note = Notification.objects.get(recipient=researcher, title__startswith="Progress report")
    assert note.title == f"Progress report returned: Final report, {project.reference}"
    assert "Comment: แนบภาพถ่ายเพิ่ม" in note.body
    # The team may edit and submit it again.
    client.force_login(researcher)
    assert client.get(_url("progress_detail", final)).context["can_edit"]
    report_states.submit_report(report=final, actor=researcher)
    assert _state(final) == ProgressReportState.SUBMITTED
