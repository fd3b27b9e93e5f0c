import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail

from accounts.emails import queue_email
from config.celery import app
from config.tasks import ping

BROKER = os.environ.get("CELERY_BROKER_URL", "")


def test_eager_tasks_run_in_process():
    assert app.conf.task_always_eager
    assert ping.delay("สวัสดี").get(timeout=1) == {"pong": "สวัสดี"}


@pytest.mark.django_db
def test_email_leaves_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_email(to="someone@example.org", subject="เรื่อง", body="ข้อความ")
    assert mail.outbox == []
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_email_is_delivered_by_the_task(django_capture_on_commit_callbacks):
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            queue_email(to="someone@example.org", subject="เรื่อง", body="ข้อความ")
    finally:
        app.conf.task_always_eager = eager
    assert [m.subject for m in mail.outbox] == ["เรื่อง"]


@pytest.fixture
def worker():
    """A real Celery worker in its own process, talking to the configured broker."""
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
         "--concurrency=1", "--loglevel=WARNING", "--without-gossip", "--without-mingle"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings"},
    )  # fmt: skip
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_a_task_goes_through_the_broker_to_a_worker_and_back(worker):
    if not BROKER:
        if os.environ.get("REQUIRE_BROKER_TESTS"):
            pytest.fail("REQUIRE_BROKER_TESTS is set but CELERY_BROKER_URL is not")
        pytest.skip("no CELERY_BROKER_URL: tasks run eagerly in this run")
    app.conf.task_always_eager = False
    try:
        result = ping.delay("ผ่าน Redis")
        assert result.get(timeout=60) == {"pong": "ผ่าน Redis"}
    finally:
        app.conf.task_always_eager = True
    assert result.successful()
    assert result.backend.__class__.__name__ == "RedisBackend"
