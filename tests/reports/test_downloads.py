"""The pages that hand documents out: direct downloads, job pages, their files, "My documents"."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry
from accounts.roles import Role
from reports.models import Failure, JobState, ReportJob
from tests.factories import CallFactory, ProposalFactory, UserFactory
from tests.helpers import ANONYMOUS, OUTSIDER, assert_access, assert_flat_queries
from tests.reports import jobs_fakes

catalogue = jobs_fakes.catalogue
media = jobs_fakes.media

pytestmark = pytest.mark.usefixtures("catalogue", "media")

NOBODY_ELSE = {
    Role.RESEARCHER.value: 404,
    Role.FUNDING_OFFICER.value: 404,
    Role.REVIEWER.value: 404,
    Role.PROGRAMME_MANAGER.value: 404,
    Role.ADMINISTRATOR.value: 404,
    "mentor": 404,
    "finance": 404,
    OUTSIDER: 404,
    ANONYMOUS: 302,
}


@pytest.fixture
def call(manager):
    call = CallFactory(code="SLC-2568")
    call.programme.managers.add(manager)
    return call


@pytest.fixture
def proposal(call):
    return jobs_fakes.first_proposal(call)


def url(kind, format, subject, query=""):
    return reverse("reports:document", args=[kind, format, subject]) + query


def build_job(client, user, programme, query="", callbacks=None):
    """Ask for the background KPI report as `user`; returns the job and the response."""
    client.force_login(user)
    with callbacks(execute=True):
        response = client.get(url("test-kpi", "xlsx", programme.code, query))
    return ReportJob.objects.latest("pk"), response


def make_job(user, state=JobState.DONE, **fields):
    defaults = {"kind": "test-kpi", "format": "xlsx", "scope": "programme", "subject": "TEST-CALLS"}
    return ReportJob.objects.create(requested_by=user, state=state, **{**defaults, **fields})


def test_a_small_document_comes_at_once_as_an_attachment(client, proposal):
    client.force_login(proposal.lead)
    response = client.get(url("test-proposal", "pdf", "SLC-2568-0001", "?part=budget&x=1"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="SLC-2568-0001-test.pdf"'
    assert (
        b"".join(response.streaming_content) == b"%PDF-fake SLC-2568-0001 [('part', 'budget')] th"
    )
    assert ReportJob.objects.count() == 0
    entry = AuditEntry.objects.get(action="document.requested")
    assert (entry.actor, entry.object_id, entry.data) == (
        proposal.lead,
        str(proposal.pk),
        {"kind": "test-proposal", "format": "pdf"},
    )


def test_a_draft_is_named_by_its_number(client, call):
    draft = ProposalFactory(call=call)
    client.force_login(draft.lead)
    response = client.get(url("test-proposal", "pdf", f"draft-{draft.pk}"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="draft-{draft.pk}-test.pdf"'


def test_a_proposal_with_a_reference_is_not_found_by_its_number(client, officer, proposal):
    client.force_login(officer)
    assert client.get(url("test-proposal", "pdf", f"draft-{proposal.pk}")).status_code == 404


def test_who_may_have_a_small_document(client, personas, proposal):
    expected = {
        **NOBODY_ELSE,
        Role.FUNDING_OFFICER.value: 200,
        Role.PROGRAMME_MANAGER.value: 200,
    }
    assert_access(client, personas, url("test-proposal", "pdf", "SLC-2568-0001"), expected)
    team = {"lead": proposal.lead}
    assert_access(client, team, url("test-proposal", "pdf", "SLC-2568-0001"), {"lead": 200})


@pytest.mark.parametrize(
    "address",
    [
        ("test-proposal", "xlsx", "SLC-2568-0001"),
        ("no-such-document", "pdf", "SLC-2568-0001"),
        ("test-proposal", "pdf", "SLC-2568-0099"),
        ("test-proposal", "pdf", "draft-abc"),
        ("test-report", "pdf", "12"),
        ("test-report", "pdf", "twelve"),
        ("test-sheet", "pdf", "NO-CALL"),
        ("test-kpi", "xlsx", "NO-PROGRAMME"),
    ],
)
def test_an_unknown_document_or_subject_is_not_found(client, officer, proposal, address):
    client.force_login(officer)
    assert client.get(url(*address)).status_code == 404


def test_a_small_document_that_fails_says_why_and_offers_to_try_again(client, manager, call):
    client.force_login(manager)
    manager.preferred_language = "en"
    manager.save(update_fields=["preferred_language"])
    address = url("test-broken-direct", "pdf", call.programme.code, "?a=1")
    response = client.get(address)
    assert response.status_code == 500
    page = response.content.decode()
    assert "An error stopped the build:" in page
    assert "division by zero in row 7" in page
    assert f'href="{address}"' in page
    assert AuditEntry.objects.filter(action="document.requested").count() == 0


def test_a_background_document_leads_to_its_job_page(
    client, manager, call, django_capture_on_commit_callbacks
):
    job, response = build_job(
        client, manager, call.programme, "?year=2568", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:job", args=[job.pk])
    assert (job.state, job.options, job.requested_by) == (JobState.DONE, {"year": "2568"}, manager)
    page = client.get(response["Location"])
    assert page.status_code == 200
    download = reverse("reports:job_download", args=[job.pk])
    assert f'href="{download}"' in page.content.decode()
    assert "hx-get" not in page.content.decode()


def test_the_job_file_downloads_as_an_attachment(
    client, manager, call, django_capture_on_commit_callbacks
):
    job, _response = build_job(
        client, manager, call.programme, "", django_capture_on_commit_callbacks
    )
    response = client.get(reverse("reports:job_download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="TEST-CALLS-kpi.xlsx"'
    assert b"".join(response.streaming_content) == b"KPI TEST-CALLS [] th"


def test_only_the_owner_sees_a_job_and_its_file(
    client, personas, manager, call, django_capture_on_commit_callbacks
):
    job, _response = build_job(
        client, manager, call.programme, "", django_capture_on_commit_callbacks
    )
    client.logout()
    owner_only = {**NOBODY_ELSE, Role.PROGRAMME_MANAGER.value: 200}
    assert_access(client, personas, reverse("reports:job", args=[job.pk]), owner_only)
    assert_access(client, personas, reverse("reports:job_download", args=[job.pk]), owner_only)


def test_the_download_checks_again_who_may_have_the_document(
    client, manager, call, django_capture_on_commit_callbacks
):
    job, _response = build_job(
        client, manager, call.programme, "", django_capture_on_commit_callbacks
    )
    call.programme.managers.remove(manager)
    manager.preferred_language = "en"
    manager.save(update_fields=["preferred_language"])
    assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 404
    page = client.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert "You may no longer download this document." in page
    assert reverse("reports:job_download", args=[job.pk]) not in page


@pytest.mark.parametrize("state", [JobState.QUEUED, JobState.RUNNING, JobState.FAILED])
def test_a_job_without_a_file_has_nothing_to_download(client, manager, call, state):
    job = make_job(manager, state=state, heartbeat_at=timezone.now())
    client.force_login(manager)
    assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 404


def test_a_job_on_its_way_polls_a_partial_with_a_progress_bar(client, manager, call):
    job = make_job(manager, state=JobState.RUNNING, progress=45, heartbeat_at=timezone.now())
    client.force_login(manager)
    address = reverse("reports:job", args=[job.pk])
    page = client.get(address).content.decode()
    assert "<html" in page
    assert f'hx-get="{address}"' in page
    partial = client.get(address, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    text = partial.content.decode()
    assert "<html" not in text
    assert text.lstrip().startswith('<div id="job-status"')
    assert f'hx-get="{address}" hx-trigger="every 1s" hx-swap="outerHTML"' in text
    assert 'aria-valuenow="45"' in text
    assert "progress-9" in text  # 45 % as a class (the Content-Security-Policy allows no style)


def test_the_partial_stops_polling_once_the_job_is_done(client, manager, call):
    job = make_job(manager, state=JobState.DONE, progress=100, filename="x.xlsx")
    client.force_login(manager)
    text = client.get(
        reverse("reports:job", args=[job.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "hx-get" not in text
    assert 'data-state="done"' in text


def test_a_failed_job_shows_its_message_and_a_way_to_try_again(
    client, manager, call, django_capture_on_commit_callbacks
):
    manager.preferred_language = "en"
    manager.save(update_fields=["preferred_language"])
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url("test-broken", "pdf", call.programme.code))
    job = ReportJob.objects.get()
    assert job.state == JobState.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "An error stopped the build: division by zero in row 7" in page
    assert f'href="{url("test-broken", "pdf", "TEST-CALLS")}"' in page
    assert "Try again" in page


def test_a_killed_worker_shows_as_failed_on_the_job_page(client, manager, call):
    beat = timezone.now() - datetime.timedelta(minutes=16)
    job = make_job(manager, state=JobState.RUNNING, heartbeat_at=beat, options={"year": "2568"})
    manager.preferred_language = "en"
    manager.save(update_fields=["preferred_language"])
    client.force_login(manager)
    page = client.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert "The worker building the document stopped before it finished." in page
    assert f'href="{url("test-kpi", "xlsx", "TEST-CALLS", "?year=2568")}"' in page
    saved = ReportJob.objects.get(pk=job.pk)
    assert (saved.state, saved.failure) == (JobState.FAILED, Failure.STOPPED)


def test_my_documents_lists_only_my_jobs_and_fails_the_stale_ones(client, manager, officer, call):
    mine = make_job(manager, filename="TEST-CALLS-kpi.xlsx", subject_label="แผนงานทดสอบ")
    stale = make_job(
        manager,
        state=JobState.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(hours=1),
    )
    theirs = make_job(officer)
    client.force_login(manager)
    page = client.get(reverse("reports:jobs")).content.decode()
    assert reverse("reports:job", args=[mine.pk]) in page
    assert reverse("reports:job_download", args=[mine.pk]) in page
    assert reverse("reports:job", args=[stale.pk]) in page
    assert reverse("reports:job", args=[theirs.pk]) not in page
    assert "Test KPI report" in page
    assert "แผนงานทดสอบ" in page
    assert ReportJob.objects.get(pk=stale.pk).state == JobState.FAILED
    assert "hx-get" not in page


def test_my_documents_polls_while_a_job_is_on_its_way(client, manager, call):
    make_job(manager, state=JobState.QUEUED)
    client.force_login(manager)
    page = client.get(reverse("reports:jobs")).content.decode()
    assert f'hx-get="{reverse("reports:jobs")}" hx-trigger="every 2s"' in page
    partial = client.get(reverse("reports:jobs"), headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<div id="jobs-table"')


def test_who_may_open_my_documents(client, personas):
    everyone = {name: 200 for name in personas}
    assert_access(client, personas, reverse("reports:jobs"), {**everyone, ANONYMOUS: 302})


def test_my_documents_runs_as_many_queries_for_many_jobs_as_for_one(client, manager, call):
    def make_rows(count):
        for number in range(count):
            state = [JobState.DONE, JobState.FAILED, JobState.QUEUED][number % 3]
            make_job(manager, state=state, filename="f.xlsx", size=2048)

    queries = assert_flat_queries(
        client, manager, reverse("reports:jobs"), make_rows, few=1, many=30
    )
    assert queries == 5  # roles, permissions and the unread count in one query (User.load_access)


def test_my_documents_pages_through_many_jobs(client, manager, call):
    for _number in range(30):
        make_job(manager)
    client.force_login(manager)
    first = client.get(reverse("reports:jobs"))
    assert len(first.context["jobs"]) == 25
    second = client.get(reverse("reports:jobs") + "?page=2")
    assert len(second.context["jobs"]) == 5


def test_someone_elses_job_does_not_exist_for_a_colleague(client, manager, call):
    job = make_job(manager, filename="TEST-CALLS-kpi.xlsx")
    colleague = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    call.programme.managers.add(colleague)
    client.force_login(colleague)
    assert client.get(reverse("reports:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 404


def test_who_may_ask_for_a_background_document(
    client, personas, call, django_capture_on_commit_callbacks
):
    staff = {**NOBODY_ELSE, Role.FUNDING_OFFICER.value: 302, Role.PROGRAMME_MANAGER.value: 302}
    with django_capture_on_commit_callbacks(execute=True):
        assert_access(client, personas, url("test-kpi", "xlsx", call.programme.code), staff)
    owners = set(ReportJob.objects.values_list("requested_by__email", flat=True))
    assert owners == {"officer1@example.org", "manager1@example.org"}


def test_a_job_whose_document_left_the_catalogue_still_shows(client, manager, call):
    job = make_job(manager, kind="retired", state=JobState.DONE, filename="old.pdf")
    client.force_login(manager)
    page = client.get(reverse("reports:job", args=[job.pk]))
    assert page.status_code == 200
    assert page.context["retry_url"] == ""
    assert page.context["may_download"] is False
    assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 404
