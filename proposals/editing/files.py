"""Attachments of a proposal: what a file really is (by its content, not its name), how big
it may be, and the form with one upload per kind the call asks for."""

import zipfile
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of old Word and Excel files
ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg,.zip"
ALLOWED_TEXT = gettext_lazy("PDF, Word, Excel, images (PNG, JPEG) or ZIP")


def max_bytes():
    """The largest attachment accepted: the setting PROPOSAL_ATTACHMENT_MAX_BYTES, 20 MB by
    default."""
    return getattr(settings, "PROPOSAL_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES)


def head_of(upload, size=8):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _zip_names(upload):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)


def office_file(folder):
    def check(upload):
        names = _zip_names(upload)
        return (
            names is not None
            and "[Content_Types].xml" in names
            and any(name.startswith(folder) for name in names)
        )

    return check


# extension → (the kind of file, a check of its content)
KINDS = {
    ".pdf": ("PDF", lambda f: head_of(f, 5) == b"%PDF-"),
    ".docx": ("Word", office_file("word/")),
    ".doc": ("Word", lambda f: head_of(f) == OLE2),
    ".xlsx": ("Excel", office_file("xl/")),
    ".xls": ("Excel", lambda f: head_of(f) == OLE2),
    ".png": ("PNG", lambda f: head_of(f) == b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("JPEG", lambda f: head_of(f, 3) == b"\xff\xd8\xff"),
    ".jpeg": ("JPEG", lambda f: head_of(f, 3) == b"\xff\xd8\xff"),
    ".zip": ("ZIP", lambda f: _zip_names(f) is not None),
}


def extension_of(name):
    return PurePath(name).suffix.lower()


def check_upload(upload):
    """Refuse an empty file, one over the size limit, one whose extension is not allowed, and
    one whose content is not what its extension says. Returns the extension."""
    return check_file(
        upload,
        kinds=KINDS,
        limit=max_bytes(),
        too_big=_("This file is %(size)s; an attachment may be at most %(limit)s."),
        not_accepted=_("“%(name)s” is not a file type the proposal accepts: %(allowed)s."),
        allowed=ALLOWED_TEXT,
    )


def check_file(upload, *, kinds, limit, too_big, not_accepted, allowed):
    """The checks every upload goes through, with the messages of the place it is uploaded to
    (`too_big` with %(size)s and %(limit)s, `not_accepted` with %(name)s and %(allowed)s).
    `kinds` maps an extension to (the kind of file, a check of its content). Returns the
    extension."""
    name = upload.name
    if not upload.size:
        raise ValidationError(_("The file “%(name)s” is empty."), params={"name": name})
    if upload.size > limit:
        raise ValidationError(
            too_big, params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    extension = extension_of(name)
    if extension not in kinds:
        raise ValidationError(not_accepted, params={"name": name, "allowed": allowed})
    kind, looks_right = kinds[extension]
    if not looks_right(upload):
        raise ValidationError(
            _("The content of “%(name)s” is not a %(kind)s file, whatever its name says."),
            params={"name": name, "kind": kind},
        )
    return extension


class AttachmentsForm(forms.Form):
    """One file box per kind of attachment of the call, and a "remove" box for each kind that
    has a file. A new file replaces the old one."""

    def __init__(self, *args, kinds, attachments, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds, self.attachments = kinds, attachments
        for kind in kinds:
            self.fields[f"file_{kind.pk}"] = forms.FileField(
                label=kind.name,
                required=False,
                widget=forms.FileInput(attrs={"accept": ACCEPT}),
            )
            if kind.pk in attachments:
                self.fields[f"remove_{kind.pk}"] = forms.BooleanField(
                    label=_("Remove this file when saving"), required=False
                )

    def clean(self):
        data = super().clean()
        for kind in self.kinds:
            upload = data.get(f"file_{kind.pk}")
            if upload:
                try:
                    check_upload(upload)
                except ValidationError as error:
                    self.add_error(f"file_{kind.pk}", error)
        return data

    def uploads(self):
        """{kind: uploaded file} for the boxes that got a file."""
        return {
            kind: self.cleaned_data[f"file_{kind.pk}"]
            for kind in self.kinds
            if self.cleaned_data.get(f"file_{kind.pk}")
        }

    def removals(self):
        """The kinds whose file is to be removed (a new file in the same save wins)."""
        return [
            kind
            for kind in self.kinds
            if self.cleaned_data.get(f"remove_{kind.pk}")
            and not self.cleaned_data.get(f"file_{kind.pk}")
        ]

    def rows(self):
        """(kind, its attachment or None, its file box, its remove box or None), in order."""
        return [
            (
                kind,
                self.attachments.get(kind.pk),
                self[f"file_{kind.pk}"],
                self[f"remove_{kind.pk}"] if f"remove_{kind.pk}" in self.fields else None,
            )
            for kind in self.kinds
        ]
