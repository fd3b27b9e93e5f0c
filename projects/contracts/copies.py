"""The signed and counter-signed copies of a contract or an amendment: a PDF or a scan (PNG,
JPEG), checked by its content as other uploads are, at most `settings.CONTRACT_COPY_MAX_BYTES`."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.progress.evidence import short_name, stored_name
from proposals.editing.files import KINDS as FILE_KINDS
from proposals.editing.files import check_file

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
KINDS = {extension: FILE_KINDS[extension] for extension in (".pdf", ".png", ".jpg", ".jpeg")}
ALLOWED_TEXT = gettext_lazy("PDF, or a scan as PNG or JPEG")
ACCEPT = ".pdf,.png,.jpg,.jpeg"


def max_bytes():
    return getattr(settings, "CONTRACT_COPY_MAX_BYTES", DEFAULT_MAX_BYTES)


def check_copy(upload):
    """Refuse an empty file, one too big, one of another type, one whose content lies."""
    return check_file(
        upload,
        kinds=KINDS,
        limit=max_bytes(),
        too_big=_("This file is %(size)s; a contract copy may be at most %(limit)s."),
        not_accepted=_("“%(name)s” is not a file type a contract copy may be: %(allowed)s."),
        allowed=ALLOWED_TEXT,
    )


def store(document, which, upload):
    """Check `upload` and keep it as the `which` ("signed" or "countersigned") copy of
    `document` (saved by the caller); returns its original name."""
    check_copy(upload)
    name = short_name(upload.name)
    getattr(document, f"{which}_file").save(stored_name(upload), upload, save=False)
    setattr(document, f"{which}_name", name)
    return name
