"""Evidence files of reported results: what a file really is (by its content, as for the
proposal's attachments), which kinds a report takes (images, PDF, Office documents, CSV) and
how big they may be (`settings.EVIDENCE_MAX_BYTES`)."""

import codecs
import secrets

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proposals.editing.files import KINDS as ATTACHMENT_KINDS
from proposals.editing.files import OLE2, check_file, extension_of, head_of, office_file

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
ALLOWED_TEXT = gettext_lazy("images (PNG, JPEG), PDF, Word, Excel, PowerPoint or CSV")
ACCEPT = ".png,.jpg,.jpeg,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.csv"
SNIFF_BYTES = 8192


def max_bytes():
    return getattr(settings, "EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES)


def _is_text(upload):
    """A CSV is text: no NUL byte, and readable as UTF-8 or as Thai Windows text (cp874, what
    Excel writes on Thai computers)."""
    head = head_of(upload, SNIFF_BYTES)
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
    ".pptx": ("PowerPoint", office_file("ppt/")),
    ".ppt": ("PowerPoint", lambda f: head_of(f) == OLE2),
    ".csv": ("CSV", _is_text),
}


def check_evidence(upload):
    """Refuse an empty file, one over the size limit, one whose extension is not allowed and one
    whose content is not what its extension says."""
    return check_file(
        upload,
        kinds=KINDS,
        limit=max_bytes(),
        too_big=_("This file is %(size)s; an evidence file may be at most %(limit)s."),
        not_accepted=_("“%(name)s” is not a file type a report accepts as evidence: %(allowed)s."),
        allowed=ALLOWED_TEXT,
    )


def stored_name(upload):
    """A random name, so that stored names never reveal anything or collide (the original
    name is kept on the row)."""
    return f"{secrets.token_hex(16)}{extension_of(upload.name)}"


def short_name(name, limit=255):
    if len(name) <= limit:
        return name
    extension = extension_of(name)
    return name[: limit - len(extension)] + extension
