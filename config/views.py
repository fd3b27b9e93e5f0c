"""/healthz: whether the database, the cache and the broker answer, for a load balancer or a
monitor. JSON, 200 when all answer, 503 otherwise; it needs no sign-in and says nothing but
the state and the kind of each (never an address or a password)."""

import os
import uuid
from time import perf_counter

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from config.celery import app

BROKER_TIMEOUT = 2  # seconds


def _timed(check):
    began = perf_counter()
    try:
        detail = check()
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "ms": round((perf_counter() - began) * 1000, 1), **(detail or {})}


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def _cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def _broker():
    if app.conf.task_always_eager:
        return {"transport": "eager"}
    with app.connection_for_write() as conn:
        transport = conn.transport_cls
        if transport == "filesystem":
            folder = app.conf.broker_transport_options["data_folder_out"]
            if not os.access(folder, os.W_OK):
                raise PermissionError(folder)
        else:
            conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)
    return {"transport": transport}


@never_cache
def healthz(request):
    checks = {"database": _timed(_database), "cache": _timed(_cache), "broker": _timed(_broker)}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse({"ok": healthy, **checks}, status=200 if healthy else 503)
