"""Uploaded results files kept between the preview and the confirmation (as the framework's
import keeps its own, in a folder of their own)."""

import re
import secrets
from datetime import timedelta
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "imports/results"
KEEP_FOR = timedelta(days=2)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,80}$")


def _path(token):
    return f"{FOLDER}/{token}.xlsx"


def store_upload(upload):
    """Save an uploaded file under a fresh random token, and return the token."""
    purge_stale()
    upload.seek(0)
    saved = default_storage.save(_path(secrets.token_urlsafe(24)), upload)
    return PurePosixPath(saved).stem  # the storage may have renamed it to keep names unique


def has_upload(token):
    return bool(_TOKEN.match(token)) and default_storage.exists(_path(token))


def open_upload(token):
    return default_storage.open(_path(token), "rb")


def delete_upload(token):
    if _TOKEN.match(token):
        default_storage.delete(_path(token))


def purge_stale(now=None):
    """Delete uploads nobody confirmed or cancelled within KEEP_FOR."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    for name in names:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except FileNotFoundError:  # another request purged it first
            continue
