"""What `make serve` rests on: /healthz, one log line per request, the launcher's commands."""

import json
import logging

import pytest
from django.db.utils import OperationalError
from django.urls import reverse

from config import processes, views


@pytest.mark.django_db
def test_healthz_answers_json_with_the_database_cache_and_broker(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["ok"] is True
    assert {body[part]["ok"] for part in ("database", "cache", "broker")} == {True}
    assert body["broker"]["transport"] == "eager"  # the tests run tasks in-process
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_naming_what_failed(client, monkeypatch):
    def broken():
        raise OperationalError("could not connect to server: secret-host:5432")

    monkeypatch.setattr(views, "_database", broken)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["ok"] is False
    assert body["database"] == {"ok": False, "error": "OperationalError"}
    assert body["cache"]["ok"] is True
    assert "secret-host" not in response.content.decode()


def test_healthz_checks_the_folder_of_the_filesystem_broker(settings, tmp_path, monkeypatch):
    monkeypatch.setitem(views.app.conf, "task_always_eager", False)
    monkeypatch.setitem(views.app.conf, "broker_url", "filesystem://")
    # Celery prefers CELERY_BROKER_URL from the environment (CI's PostgreSQL run: Redis).
    monkeypatch.setenv("CELERY_BROKER_URL", "filesystem://")
    options = {"data_folder_in": str(tmp_path), "data_folder_out": str(tmp_path)}
    monkeypatch.setitem(views.app.conf, "broker_transport_options", options)
    answer = views._timed(views._broker)
    assert (answer["ok"], answer["transport"]) == (True, "filesystem")
    options["data_folder_out"] = str(tmp_path / "missing")
    assert views._timed(views._broker) == {"ok": False, "error": "PermissionError"}


@pytest.mark.django_db
def test_each_request_is_logged_once_with_method_path_status_and_milliseconds(client, caplog):
    with caplog.at_level(logging.INFO, logger="grants.requests"):
        client.get(reverse("healthz"), {"token": "not-logged"})
    lines = [record.getMessage() for record in caplog.records if record.name == "grants.requests"]
    assert len(lines) == 1
    method, path, status, took = lines[0].split(" ")
    assert (method, path, status) == ("GET", "/healthz", "200")
    assert took.endswith("ms") and float(took[:-2]) >= 0


def test_serve_runs_gunicorn_a_worker_and_beat_with_cores_plus_one_workers(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.setattr(processes.os, "cpu_count", lambda: 2)
    named = processes.commands("serve", host="127.0.0.1", port=8123)
    assert set(named) == {"web", "worker", "beat"}
    web = named["web"]
    assert web[1:4] == ["-m", "gunicorn", "config.wsgi:application"]
    assert web[web.index("--bind") + 1] == "127.0.0.1:8123"
    assert web[web.index("--workers") + 1] == "3"
    assert named["worker"][4:6] == ["config", "worker"]
    assert named["beat"][4:6] == ["config", "beat"]
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    web = processes.commands("serve", host="0.0.0.0", port=80)["web"]
    assert web[web.index("--workers") + 1] == "5"


def test_run_starts_the_development_server_and_a_worker():
    named = processes.commands("run", host="127.0.0.1", port=8000)
    assert set(named) == {"web", "worker"}
    assert named["web"][1:] == ["manage.py", "runserver", "127.0.0.1:8000"]


def test_without_a_broker_both_use_the_filesystem_one_and_serve_keeps_a_secret_key(
    monkeypatch, tmp_path
):
    monkeypatch.setattr(processes, "VAR", tmp_path)
    for name in ("CELERY_BROKER_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"):
        monkeypatch.delenv(name, raising=False)
    development = processes.base_environment(production=False)
    assert (development["CELERY_BROKER_URL"], development["DEBUG"]) == ("filesystem://", "1")
    production = processes.base_environment(production=True)
    assert production["DEBUG"] == "0"
    assert production["ALLOWED_HOSTS"] == "127.0.0.1,localhost"
    assert len(production["SECRET_KEY"]) >= 50
    assert processes.base_environment(production=True)["SECRET_KEY"] == production["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("SECRET_KEY", "given")
    given = processes.base_environment(production=True)
    assert (given["CELERY_BROKER_URL"], given["SECRET_KEY"]) == (
        "redis://127.0.0.1:6379/0",
        "given",
    )


def test_serve_keeps_database_connections_unless_told_otherwise(monkeypatch, tmp_path):
    monkeypatch.setattr(processes, "VAR", tmp_path)
    monkeypatch.delenv("CONN_MAX_AGE", raising=False)
    assert processes.base_environment(production=True)["CONN_MAX_AGE"] == "60"
    assert "CONN_MAX_AGE" not in processes.base_environment(production=False)
    monkeypatch.setenv("CONN_MAX_AGE", "0")
    assert processes.base_environment(production=True)["CONN_MAX_AGE"] == "0"


def test_every_process_of_the_site_shares_one_cache_keyed_by_its_database(monkeypatch):
    """Sessions are read from the cache: a process with a cache of its own would still know a
    session that another ended. Without Redis the processes of one machine share files."""
    import os

    from config import settings as base

    default = base.CACHES["default"]
    if os.environ.get("CACHE_URL"):
        assert default["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    else:
        assert default["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
        assert default["LOCATION"].endswith("var/cache")
    assert default["KEY_PREFIX"] == base.CACHE_KEY_PREFIX
    assert len(base.CACHE_KEY_PREFIX) == 12
    assert base.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
