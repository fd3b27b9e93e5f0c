"""Evidence files of reported results: what a file really is (by its content, as for the
proposal's attachments), which kinds a report takes (images, PDF, Office documents, CSV) and
how big they may be (`settings.EVIDENCE_MAX_BYTES`)."""

import codecs
import secrets
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proposals.editing.files import KINDS as ATTACHMENT_KINDS
from proposals.editing.files import OLE2, extension_of

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
ALLOWED_TEXT = gettext_lazy("images (PNG, JPEG), PDF, Word, Excel, PowerPoint or CSV")
ACCEPT = ".png,.jpg,.jpeg,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.csv"
SNIFF_BYTES = 8192


def max_bytes():
    return getattr(settings, "EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES)


def _head(upload, size):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _is_presentation(upload):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and any(name.startswith("ppt/") for name in names)


def _is_text(upload):
    """A CSV is text: no NUL byte, and readable as UTF-8 or as Thai Windows text (cp874, what
    Excel writes on Thai computers)."""
    head = _head(upload, SNIFF_BYTES)
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp874"):
        try:
            # Not final: the sniffed bytes may end inside a multi-byte character.
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


# extension → (the kind of file, a check of its content); the proposal's checks where the kind
# is one a proposal takes too.
KINDS = {
    **{
        extension: ATTACHMENT_KINDS[extension]
        for extension in (".png", ".jpg", ".jpeg", ".pdf", ".doc", ".docx", ".xls", ".xlsx")
    },
    ".pptx": ("PowerPoint", _is_presentation),
    ".ppt": ("PowerPoint", lambda f: _head(f, 8) == OLE2),
    ".csv": ("CSV", _is_text),
}


def check_evidence(upload):
    """Refuse an empty file, one over the size limit, one whose extension is not allowed and one
    whose content is not what its extension says."""
    name = upload.name
    if not upload.size:
        raise ValidationError(_("The file “%(name)s” is empty."), params={"name": name})
    limit = max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("This file is %(size)s; an evidence file may be at most %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    extension = extension_of(name)
    if extension not in KINDS:
        raise ValidationError(
            _("“%(name)s” is not a file type a report accepts as evidence: %(allowed)s."),
            params={"name": name, "allowed": ALLOWED_TEXT},
        )
    kind, looks_right = KINDS[extension]
    if not looks_right(upload):
        raise ValidationError(
            _("The content of “%(name)s” is not a %(kind)s file, whatever its name says."),
            params={"name": name, "kind": kind},
        )
    return extension


def stored_name(upload):
    """A random name, so that stored names never reveal anything or collide (the original
    name is kept on the row)."""
    return f"{secrets.token_hex(16)}{extension_of(upload.name)}"


def short_name(name, limit=255):
    if len(name) <= limit:
        return name
    extension = extension_of(name)
    return name[: limit - len(extension)] + extension
