"""Uploaded files kept between an import's preview and its confirmation, each import in a
folder of its own (the framework's here; the indicator results' in reports.imports)."""

import re
import secrets
from datetime import timedelta
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.utils import timezone

KEEP_FOR = timedelta(days=2)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,80}$")


class UploadFolder:
    """Uploads under `folder`, named by random tokens, purged after KEEP_FOR."""

    def __init__(self, folder):
        self.folder = folder

    def _path(self, token):
        return f"{self.folder}/{token}.xlsx"

    def store_upload(self, upload):
        """Save an uploaded file under a fresh random token, and return the token."""
        self.purge_stale()
        upload.seek(0)
        saved = default_storage.save(self._path(secrets.token_urlsafe(24)), upload)
        return PurePosixPath(saved).stem  # the storage may have renamed it to keep names unique

    def has_upload(self, token):
        return bool(_TOKEN.match(token)) and default_storage.exists(self._path(token))

    def open_upload(self, token):
        return default_storage.open(self._path(token), "rb")

    def delete_upload(self, token):
        if _TOKEN.match(token):
            default_storage.delete(self._path(token))

    def purge_stale(self, now=None):
        """Delete uploads nobody confirmed or cancelled within KEEP_FOR."""
        cutoff = (now or timezone.now()) - KEEP_FOR
        try:
            _folders, names = default_storage.listdir(self.folder)
        except FileNotFoundError:
            return
        for name in names:
            path = f"{self.folder}/{name}"
            try:
                if default_storage.get_modified_time(path) < cutoff:
                    default_storage.delete(path)
            except FileNotFoundError:  # another request purged it first
                continue


FRAMEWORK = UploadFolder("imports/framework")
FOLDER = FRAMEWORK.folder
store_upload = FRAMEWORK.store_upload
has_upload = FRAMEWORK.has_upload
open_upload = FRAMEWORK.open_upload
delete_upload = FRAMEWORK.delete_upload
purge_stale = FRAMEWORK.purge_stale
