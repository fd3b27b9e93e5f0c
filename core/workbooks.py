"""Excel workbooks people upload to import them (a programme's framework, indicator results):
opening one safely, the problems found in it, and keeping it between the preview of the import
and its confirmation.

An import takes what people typed. A formula's value is what the spreadsheet last computed, if
it saved one at all (a HYPERLINK in a note reads as nothing), so a workbook is opened with its
formulas as such, and each reader refuses a cell holding one (`formulas_in`), named by its
sheet, row and column: nothing of that file is imported."""

import re
import secrets
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePosixPath

from django.contrib import messages
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_BYTES = 5 * 1024 * 1024
MAX_MEGABYTES = MAX_BYTES // (1024 * 1024)
# An .xlsx is a zip: refuse one that unpacks to far more than any sheet of ours needs.
MAX_UNPACKED_BYTES = 20 * MAX_BYTES
MAX_UNPACKED_MEGABYTES = MAX_UNPACKED_BYTES // (1024 * 1024)


class Invalid(Exception):
    """What makes a workbook, a sheet or a cell unusable: `kind` is a stable name for tests
    and logs, `message` says it to people, `sheet` names the sheet where it matters."""

    def __init__(self, kind, message, sheet=""):
        super().__init__(message)
        self.kind, self.message, self.sheet = kind, message, sheet


@dataclass
class Problem:
    """Something wrong with an uploaded file, located where it can be: `sheet`, `row`,
    `column` (its key or name) and `letter` (the column's letter in the uploaded sheet)."""

    kind: str  # a stable name for tests and logs, e.g. "not_a_number"
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    letter: str = ""

    @classmethod
    def of(cls, invalid):
        """The problem an Invalid workbook (or sheet) raised."""
        return cls(invalid.kind, invalid.message, sheet=invalid.sheet)

    @property
    def place(self):
        """“results, row 7, column E (value)”, as far as it is known."""
        parts = [self.sheet] if self.sheet else []
        if self.row is not None:
            parts.append(_("row %(row)s") % {"row": self.row})
        if self.letter:
            parts.append(
                _("column %(letter)s (%(name)s)") % {"letter": self.letter, "name": self.column}
            )
        elif self.column:
            parts.append(_("column %(column)s") % {"column": self.column})
        return ", ".join(parts)

    def __str__(self):
        return f"{self.place}: {self.message}" if self.place else self.message


def _unreadable():
    return Invalid("not_xlsx", _("The file cannot be read as an Excel workbook (.xlsx)."))


def _load(file):
    """The workbook in `file`, read only, its formulas as such (the readers refuse them)."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise Invalid(
                "too_large",
                _(
                    "The workbook is larger than %(limit)s MB once unpacked: it is too large "
                    "to import."
                )
                % {"limit": MAX_UNPACKED_MEGABYTES},
            )
        file.seek(0)
        return load_workbook(file, read_only=True, data_only=False)  # formulas as such
    except Invalid:
        raise
    except Exception as error:  # openpyxl fails on bad input in many ways (zip, XML, keys)
        raise _unreadable() from error


@contextmanager
def open_sheet(file, *, name, size, sheet):
    """The sheet named `sheet` of the uploaded workbook `file` (named `name`, of `size`
    bytes), open while the block reads it; Invalid, before any cell is read, when the file is
    not an .xlsx workbook, is empty or too large (packed or unpacked) or has no such sheet, and
    when the sheet breaks while it is read."""
    if not name.lower().endswith(".xlsx"):
        raise Invalid(
            "not_xlsx",
            _("Only Excel workbooks (.xlsx) can be imported; %(name)s is not one.")
            % {"name": name},
        )
    if not size:
        raise Invalid("empty", _("The file is empty."))
    if size > MAX_BYTES:
        raise Invalid(
            "too_large", _("The file is larger than %(limit)s MB.") % {"limit": MAX_MEGABYTES}
        )
    workbook = _load(file)
    try:
        if sheet not in workbook.sheetnames:
            raise Invalid(
                "missing_sheet",
                _("The workbook has no sheet named %(sheet)s (its sheets: %(found)s).")
                % {"sheet": sheet, "found": ", ".join(workbook.sheetnames)},
                sheet=sheet,
            )
        worksheet = workbook[sheet]
        worksheet.reset_dimensions()  # some programs write a wrong size; read what is there
        yield worksheet
    except Invalid:
        raise
    except Exception as error:  # a sheet whose XML breaks while it is read
        raise _unreadable() from error
    finally:
        workbook.close()


def formulas_in(cells):
    """[(index, message)] for each cell of a row (openpyxl cells) that holds a formula."""
    return [
        (index, formula_message(cell.value))
        for index, cell in enumerate(cells)
        if cell.data_type == "f"
    ]


def formula_message(formula):
    text = shown(getattr(formula, "text", formula))
    return _("This cell holds a formula (%(formula)s): type the value, not a formula.") % {
        "formula": text
    }


def blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value):
    """A cell's value quoted in a message, cut short."""
    text = str(value).strip()
    return text if len(text) <= 40 else f"{text[:39]}…"


# Keeping an upload between the preview and the confirmation ---------------------------------

KEEP_FOR = timedelta(days=2)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,80}$")


class PendingUploads:
    """The uploads of one import waiting for confirmation: each file in the storage under
    `folder`, named by a random token and purged after KEEP_FOR, and in the session (under
    `session_key`) what the import needs to know of it: {token: {"name": …, …}}."""

    def __init__(self, folder, session_key):
        self.folder, self.session_key = folder, session_key

    def _path(self, token):
        return f"{self.folder}/{token}.xlsx"

    def _exists(self, token):
        return bool(_TOKEN.match(token)) and default_storage.exists(self._path(token))

    def keep(self, request, upload, **facts):
        """Store `upload` under a fresh token, remember `facts` of it in the session, and
        return the token."""
        self.purge_stale()
        upload.seek(0)
        saved = default_storage.save(self._path(secrets.token_urlsafe(24)), upload)
        token = PurePosixPath(saved).stem  # the storage may have renamed it to keep names unique
        # Forget uploads that were purged meanwhile, so that the session stays small.
        pending = {
            key: value
            for key, value in request.session.get(self.session_key, {}).items()
            if self._exists(key)
        }
        pending[token] = facts
        request.session[self.session_key] = pending
        return token

    def waiting(self, request, token):
        """The facts of the upload `token` if it still waits for this session, else None."""
        facts = request.session.get(self.session_key, {}).get(token)
        return facts if facts and self._exists(token) else None

    def open(self, token):
        return default_storage.open(self._path(token), "rb")

    def forget(self, request, token):
        """The upload is applied or cancelled: out of the session and the storage."""
        pending = request.session.get(self.session_key, {})
        pending.pop(token, None)
        request.session[self.session_key] = pending
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


def not_waiting(request):
    """Say that an upload is no longer waiting for confirmation (the caller sends the person
    back to the upload form)."""
    messages.error(
        request,
        _(
            "This upload is not waiting for confirmation: it was applied or cancelled "
            "already, or it expired. Upload the file again."
        ),
    )
