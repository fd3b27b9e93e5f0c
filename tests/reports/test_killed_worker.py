"""A worker killed with SIGKILL in the middle of a document leaves its job failed with the
reason, never "being built" for ever: a real Celery worker (prefork, the filesystem broker in
a temporary folder) on the test database builds a document that crawls, and is killed.

- Its pool process killed: the worker's main process fails the job at once.
- The whole worker killed: the job stops beating; the next worker to start fails it.
- Asked for again, the document is then built to the end.
"""

import os
import signal
import subprocess
import sys
import time
from unittest import mock

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from reports.models import Failure, JobState, ReportJob
from tests.factories import CallFactory
from tests.reports.worker_app import CRAWL

pytestmark = pytest.mark.django_db(transaction=True)


def database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def broker(tmp_path):
    folder = tmp_path / "broker"
    for name in ("queue", "control"):
        (folder / name).mkdir(parents=True)
    return folder


def start_worker(broker, media):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_FILESYSTEM_FOLDER": str(broker),
        "MEDIA_ROOT": str(media),
        "REPORT_JOB_HEARTBEAT": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tests.reports.worker_app", "worker",
         "--pool=prefork", "--concurrency=1", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=settings.BASE_DIR, env=env, start_new_session=True,
    )  # fmt: skip


def queue(broker, job):
    sender = Celery("sender", broker="filesystem://", set_as_current=False)
    sender.conf.broker_transport_options = {
        "data_folder_in": str(broker / "queue"),
        "data_folder_out": str(broker / "queue"),
        "control_folder": str(broker / "control"),
    }
    # Celery reads CELERY_BROKER_URL from the environment before the app's own broker (CI's
    # PostgreSQL run sets it to Redis): the sender must use the worker's folder all the same.
    with mock.patch.dict(os.environ, {"CELERY_BROKER_URL": "filesystem://"}):
        sender.send_task("reports.tasks.build_document", args=[job.pk])


def wait_for(job, condition, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if condition(job):
            return job
        time.sleep(0.3)
    raise AssertionError(f"job {job.pk} still {job.state} at {job.progress} % after {seconds} s")


def pool_process(worker):
    with open(f"/proc/{worker.pid}/task/{worker.pid}/children") as children:
        return int(children.read().split()[0])


def crawling_job(manager, programme):
    return ReportJob.objects.create(
        requested_by=manager,
        kind=CRAWL,
        format="pdf",
        scope="programme",
        subject=programme.code,
        language="en",
    )


def test_a_job_whose_worker_is_killed_ends_failed_with_why(manager, broker, tmp_path):
    programme = CallFactory().programme
    worker = start_worker(broker, tmp_path / "media")
    try:
        # The pool process building the job is killed: failed at once, with the signal.
        first = crawling_job(manager, programme)
        queue(broker, first)
        wait_for(first, lambda job: job.state == JobState.RUNNING and job.progress >= 10)
        os.kill(pool_process(worker), signal.SIGKILL)
        first = wait_for(first, lambda job: job.state != JobState.RUNNING, seconds=30)
        assert (first.state, first.failure) == (JobState.FAILED, Failure.STOPPED)
        assert "SIGKILL" in first.error
        assert first.message.startswith(str(Failure.STOPPED.label))

        # The whole worker is killed: the job stays "being built" until a worker starts.
        second = crawling_job(manager, programme)
        queue(broker, second)
        wait_for(second, lambda job: job.state == JobState.RUNNING and job.progress >= 10)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        time.sleep(4)  # more than three missed heartbeats of a second
        second.refresh_from_db()
        assert second.state == JobState.RUNNING
        worker = start_worker(broker, tmp_path / "media")
        second = wait_for(second, lambda job: job.state != JobState.RUNNING, seconds=120)
        assert (second.state, second.failure) == (JobState.FAILED, Failure.STOPPED)

        # Asked for again (the failed job's "Try again" is a new request, a new job), the
        # document is built to the end by the worker that started since.
        again = crawling_job(manager, programme)
        queue(broker, again)
        again = wait_for(again, lambda job: not job.is_pending, seconds=120)
        assert (again.state, again.progress, again.filename) == (JobState.DONE, 100, "crawl.pdf")
        second.refresh_from_db()
        assert second.state == JobState.FAILED
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=30)
