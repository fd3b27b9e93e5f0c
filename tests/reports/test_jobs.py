"""Report jobs: queued after commit, built by the task, and never left running."""

import datetime
from dataclasses import replace

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from accounts.models import AuditEntry, Notification
from accounts.roles import Role
from config.celery import app
from reports import jobs as report_jobs
from reports import selectors, services, tasks
from reports.models import Failure, JobState, ReportJob
from tests.factories import CallFactory, UserFactory
from tests.reports import jobs_fakes

catalogue = jobs_fakes.catalogue
media = jobs_fakes.media

pytestmark = pytest.mark.usefixtures("catalogue", "media")


@pytest.fixture
def programme(manager):
    programme = CallFactory().programme
    programme.managers.add(manager)
    return programme


def ask(user, document, subject, options=None):
    return services.request_document(
        user=user, document=document, subject=subject, options=options or {}
    )


def running_job(user, *, heartbeat_minutes_ago, kind="test-kpi", subject="TEST-CALLS"):
    beat = timezone.now() - datetime.timedelta(minutes=heartbeat_minutes_ago)
    return ReportJob.objects.create(
        requested_by=user,
        kind=kind,
        format="xlsx",
        scope="programme",
        subject=subject,
        state=JobState.RUNNING,
        progress=30,
        started_at=beat,
        heartbeat_at=beat,
    )


def test_a_background_document_is_built_by_the_task_once_the_request_commits(
    manager, programme, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        requested = ask(manager, catalogue.kpi, programme, {"year": "2568", "other": "x"})
    # The job, then (run eagerly) the email telling its owner; besides them, the owner's bell
    # count, kept with their roles, is dropped again after the commit (core.versioned_cache).
    renewals = [c for c in callbacks if c.__qualname__ == "VersionedCache.forget.<locals>.renew"]
    assert len(callbacks) - len(renewals) == 2
    assert requested.output is None
    job = ReportJob.objects.get(pk=requested.job.pk)
    assert (job.state, job.progress, job.failure, job.error) == (JobState.DONE, 100, "", "")
    assert job.options == {"year": "2568"}
    assert job.filename == "TEST-CALLS-kpi.xlsx"
    assert job.file.name == f"reports/jobs/{job.pk}/TEST-CALLS-kpi.xlsx"
    assert job.file.read() == b"KPI TEST-CALLS [('year', '2568')] th"
    assert job.size == len(b"KPI TEST-CALLS [('year', '2568')] th")
    assert job.started_at <= job.finished_at
    assert (job.kind, job.format, job.scope, job.subject) == (
        "test-kpi",
        "xlsx",
        "programme",
        "TEST-CALLS",
    )


def test_a_job_waits_in_the_queue_until_the_transaction_commits(
    manager, programme, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = ask(manager, catalogue.kpi, programme).job
    assert len(callbacks) == 1
    assert ReportJob.objects.get(pk=job.pk).state == JobState.QUEUED


def test_each_request_is_audited_on_its_subject(
    manager, programme, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = ask(manager, catalogue.kpi, programme).job
    entry = AuditEntry.objects.get(action="document.requested")
    assert (entry.actor, entry.object_id) == (manager, str(programme.pk))
    assert entry.data == {"kind": "test-kpi", "format": "xlsx", "job": job.pk}


def test_a_second_click_waits_for_the_job_already_on_its_way(
    manager, programme, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        first = ask(manager, catalogue.kpi, programme, {"year": "2568"}).job
        second = ask(manager, catalogue.kpi, programme, {"year": "2568"}).job
        other = ask(manager, catalogue.kpi, programme, {"year": "2569"}).job
    assert first.pk == second.pk
    assert other.pk != first.pk
    assert ReportJob.objects.count() == 2


def test_a_refused_person_gets_no_job(researcher, programme, catalogue):
    with pytest.raises(services.PermissionDenied):
        ask(researcher, catalogue.kpi, programme)
    assert ReportJob.objects.count() == 0


def test_a_failing_build_leaves_the_job_failed_with_its_message(
    manager, programme, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = ask(manager, catalogue.broken, programme).job
    job = ReportJob.objects.get(pk=job.pk)
    assert (job.state, job.failure, job.error) == (
        JobState.FAILED,
        Failure.ERROR,
        "division by zero in row 7",
    )
    assert not job.file
    assert job.finished_at is not None
    with translation.override("en"):
        assert job.message == "An error stopped the build: division by zero in row 7"


def test_a_build_stopped_at_its_soft_time_limit_fails_the_job(
    manager, programme, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = ask(manager, catalogue.slow, programme).job
    job = ReportJob.objects.get(pk=job.pk)
    assert (job.state, job.failure) == (JobState.FAILED, Failure.TIMEOUT)
    with translation.override("en"):
        assert job.message == "Building the document took too long and was stopped."


def test_the_task_has_soft_and_hard_time_limits():
    assert tasks.build_document.soft_time_limit == settings.REPORT_JOB_SOFT_TIME_LIMIT
    assert tasks.build_document.time_limit == settings.REPORT_JOB_SOFT_TIME_LIMIT + 60
    assert tasks.build_document.time_limit < settings.REPORT_JOB_STALE_AFTER


def test_progress_is_written_while_the_document_is_built(
    manager, programme, catalogue, monkeypatch
):
    seen = []

    def build(subject, *, user, options, progress):
        progress(40)
        job = ReportJob.objects.get(kind="test-kpi")
        seen.append((job.state, job.progress, job.heartbeat_at is not None))
        return catalogue.kpi.build(subject, user=user, options=options, progress=lambda p: None)

    job = running_job(manager, heartbeat_minutes_ago=0)
    ReportJob.objects.filter(pk=job.pk).update(state=JobState.QUEUED)
    with services.documents.DOCUMENTS.overridden(
        replace(catalogue.kpi, build=build), key=("test-kpi", "xlsx")
    ):
        assert report_jobs.run_job(job.pk) == JobState.DONE
    assert seen == [(JobState.RUNNING, 40, True)]


def test_progress_is_written_at_most_once_a_second(manager, programme, monkeypatch):
    job = running_job(manager, heartbeat_minutes_ago=0)
    clock = iter([100.0, 100.5, 101.2])
    monkeypatch.setattr(report_jobs, "monotonic", lambda: next(clock))
    progress = report_jobs.progress_reporter(job.pk)
    progress(10)
    progress(15)
    assert ReportJob.objects.get(pk=job.pk).progress == 10
    progress(130)
    assert ReportJob.objects.get(pk=job.pk).progress == 100


def test_a_step_of_ten_points_is_written_at_once(manager, programme, monkeypatch):
    """Steps of ten in quick succession, then a long silent step: the bar never leaps more
    than ten points (held back, 40 would be followed by 50 long after 30)."""
    job = running_job(manager, heartbeat_minutes_ago=0)
    clock = iter([100.0, 100.1, 100.2, 100.3, 145.0, 145.2, 145.4, 145.6])
    monkeypatch.setattr(report_jobs, "monotonic", lambda: next(clock))
    seen = []
    progress = report_jobs.progress_reporter(job.pk)
    for percent in (10, 20, 30, 40, 50, 54, 58, 63):
        progress(percent)
        seen.append(ReportJob.objects.get(pk=job.pk).progress)
    assert seen == [10, 20, 30, 40, 50, 50, 50, 58]


def test_a_build_stops_when_its_job_was_given_up_meanwhile(manager, programme):
    job = running_job(manager, heartbeat_minutes_ago=0)
    report_jobs.fail_job(job.pk, failure=Failure.STOPPED)
    with pytest.raises(report_jobs.JobAbandoned):
        report_jobs.progress_reporter(job.pk)(50)


def test_a_job_is_built_once_even_if_the_task_is_delivered_twice(
    manager, programme, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = ask(manager, catalogue.kpi, programme).job
    finished = ReportJob.objects.get(pk=job.pk).finished_at
    assert report_jobs.run_job(job.pk) is None
    assert ReportJob.objects.get(pk=job.pk).finished_at == finished


def test_a_job_whose_person_lost_the_right_fails_as_refused(
    manager, programme, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = ask(manager, catalogue.kpi, programme).job
    programme.managers.remove(manager)
    callbacks[0]()
    job = ReportJob.objects.get(pk=job.pk)
    assert (job.state, job.failure) == (JobState.FAILED, Failure.REFUSED)
    with translation.override("en"):
        assert job.message == "You may no longer have this document."


def test_a_job_whose_subject_is_gone_fails(manager, programme, catalogue):
    job = running_job(manager, heartbeat_minutes_ago=0, subject="NO-SUCH-PROGRAMME")
    ReportJob.objects.filter(pk=job.pk).update(state=JobState.QUEUED, language="en")
    assert report_jobs.run_job(job.pk) == JobState.FAILED
    job = ReportJob.objects.get(pk=job.pk)
    assert job.failure == Failure.GONE
    with translation.override("en"):
        assert job.message == (
            "The document or what it is about no longer exists. "
            "No programme has the code “NO-SUCH-PROGRAMME”."
        )


def test_a_job_the_broker_refuses_fails_at_once(
    manager, programme, catalogue, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(job_id):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.build_document, "delay", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        job = ask(manager, catalogue.kpi, programme).job
    job = ReportJob.objects.get(pk=job.pk)
    assert (job.state, job.failure, job.error) == (
        JobState.FAILED,
        Failure.NOT_QUEUED,
        "broker unreachable",
    )


def test_the_job_is_built_in_the_language_it_was_asked_in(
    manager, programme, catalogue, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        job = ask(manager, catalogue.kpi, programme).job
    job = ReportJob.objects.get(pk=job.pk)
    assert job.language == "en"
    assert job.file.read() == b"KPI TEST-CALLS [] en"


def test_a_killed_worker_leaves_a_job_that_is_failed_when_looked_at(manager, programme):
    stale = running_job(manager, heartbeat_minutes_ago=16)
    fresh = running_job(manager, heartbeat_minutes_ago=1)
    assert report_jobs.expire_if_stale(ReportJob.objects.get(pk=fresh.pk)).state == JobState.RUNNING
    seen = report_jobs.expire_if_stale(ReportJob.objects.get(pk=stale.pk))
    assert (seen.state, seen.failure) == (JobState.FAILED, Failure.STOPPED)
    assert ReportJob.objects.get(pk=stale.pk).state == JobState.FAILED
    with translation.override("en"):
        assert seen.message == "The worker building the document stopped before it finished."


def test_the_clean_up_fails_stale_jobs_and_deletes_old_files(manager, programme):
    stale = running_job(manager, heartbeat_minutes_ago=30)
    fresh = running_job(manager, heartbeat_minutes_ago=2)
    forgotten = ReportJob.objects.create(
        requested_by=manager, kind="test-kpi", format="xlsx", scope="programme", subject="X"
    )
    ReportJob.objects.filter(pk=forgotten.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=7)
    )
    old = ReportJob.objects.create(
        requested_by=manager, kind="test-kpi", format="xlsx", scope="programme", subject="X"
    )
    old.file.save("old.xlsx", ContentFile(b"old"), save=False)
    finished = timezone.now() - datetime.timedelta(days=settings.REPORT_JOB_KEEP_DAYS + 1)
    ReportJob.objects.filter(pk=old.pk).update(
        state=JobState.DONE, file=old.file.name, finished_at=finished
    )
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name)

    assert tasks.clean_up_jobs.delay().get(timeout=1) == {"expired": 2, "deleted": 1}

    states = dict(ReportJob.objects.values_list("pk", "state"))
    assert states == {
        stale.pk: JobState.FAILED,
        fresh.pk: JobState.RUNNING,
        forgotten.pk: JobState.FAILED,
    }
    assert ReportJob.objects.get(pk=forgotten.pk).failure == Failure.NOT_STARTED
    assert not storage.exists(name)


def test_the_beat_runs_the_clean_up_every_ten_minutes():
    entries = [
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"].startswith("reports.")
    ]
    assert [e["task"] for e in entries] == ["reports.tasks.clean_up_jobs"]
    assert entries[0]["schedule"].minute == set(range(0, 60, 10))
    assert "reports.tasks.clean_up_jobs" in app.tasks
    assert "reports.tasks.build_document" in app.tasks


def test_a_job_of_someone_else_is_not_theirs(manager, programme):
    other = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    job = running_job(manager, heartbeat_minutes_ago=0)
    assert selectors.job_of(other, job.pk) is None
    assert selectors.job_of(manager, job.pk) == job


def test_a_stale_job_is_not_waited_for(
    manager, programme, catalogue, django_capture_on_commit_callbacks
):
    stale = running_job(manager, heartbeat_minutes_ago=20)
    with django_capture_on_commit_callbacks(execute=False):
        job = ask(manager, catalogue.kpi, programme).job
    assert job.pk != stale.pk
    assert ReportJob.objects.get(pk=stale.pk).failure == Failure.STOPPED


def test_the_owner_is_told_when_the_document_is_ready_or_could_not_be_made(
    manager, programme, catalogue, django_capture_on_commit_callbacks
):
    manager.preferred_language = "en"
    manager.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        ask(manager, catalogue.kpi, programme, {})
    with django_capture_on_commit_callbacks(execute=True):
        ask(manager, catalogue.broken, programme, {})
    notes = Notification.objects.filter(recipient=manager).order_by("pk")
    assert [note.title for note in notes] == [
        "Your document “Test KPI report” is ready",
        "Your document “Broken report” could not be made",
    ]
    assert [note.url for note in notes] == [
        job.get_absolute_url() for job in ReportJob.objects.order_by("pk")
    ]
