"""Blind review: what a reviewer of a blind call must not learn about the team, removed from
files and from the round-to-round diff before they reach the page."""

import dataclasses
import io
import re
import zipfile
from pathlib import PurePath

from django.utils.text import slugify
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import NameObject

OFFICE_EXTENSIONS = {".docx", ".xlsx", ".pptx", ".docm", ".xlsm", ".pptm"}
# docProps/core.xml and docProps/app.xml elements whose text names people or organisations.
OFFICE_PROPERTIES = {
    "docProps/core.xml": ("creator", "lastModifiedBy"),
    "docProps/app.xml": ("Company", "Manager"),
}
# The diff's parts and columns that carry the team's identity.
TEAM_TABLES = {"team"}
NAME_COLUMNS = {"attachments": {"original_name"}}


class CannotAnonymise(Exception):
    """The file could not be read well enough to remove its author fields."""


def extension(name):
    return PurePath(name or "").suffix.lower()


def neutral_filename(proposal, attachment):
    """`<reference>-<kind>.<ext>`: nothing of the uploader's own file name."""
    reference = proposal.reference or f"proposal-{proposal.pk}"
    kind = slugify(attachment.kind.name_en) or f"attachment-{attachment.kind.position + 1}"
    return f"{reference}-{kind}{extension(attachment.original_name)}"


def strip_pdf(data):
    """The PDF without its document information (/Author, /Creator, /Producer …) and without
    XMP metadata, in the catalogue or on any page."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CannotAnonymise("encrypted")
        writer = PdfWriter(clone_from=reader)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise CannotAnonymise(str(error)) from error
    writer.metadata = None
    metadata = NameObject("/Metadata")
    if metadata in writer._root_object:
        del writer._root_object[metadata]
    for page in writer.pages:
        if metadata in page:
            del page[metadata]
    # The cloned file still holds the old information dictionary and XMP stream as objects
    # nothing refers to any more: drop them so their bytes do not reach the reviewer.
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _empty_elements(xml, names):
    """Empty the text of each element named in `names` (any namespace prefix), keeping the
    rest of the part byte for byte."""
    for name in names:
        pattern = re.compile(
            rf"<(?P<tag>(?:[\w.-]+:)?{name})(?P<attrs>(?:\s[^>]*)?)>.*?</(?P=tag)>", re.DOTALL
        )
        xml = pattern.sub(lambda m: f"<{m['tag']}{m['attrs']}></{m['tag']}>", xml)
    return xml


def strip_office(data):
    """The Office Open XML file (.docx, .xlsx, .pptx) with its author fields emptied:
    dc:creator and cp:lastModifiedBy in docProps/core.xml, Company and Manager in
    docProps/app.xml. Every other part is copied as it was."""
    out = io.BytesIO()
    try:
        with (
            zipfile.ZipFile(io.BytesIO(data)) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                content = source.read(info.filename)
                names = OFFICE_PROPERTIES.get(info.filename)
                if names:
                    content = _empty_elements(content.decode("utf-8"), names).encode("utf-8")
                target.writestr(info, content)
    except (zipfile.BadZipFile, UnicodeDecodeError, OSError) as error:
        raise CannotAnonymise(str(error)) from error
    return out.getvalue()


def anonymise(data, name):
    """The file's bytes with the author fields its type carries removed (PDF and Office
    Open XML); other types are returned as they are."""
    suffix = extension(name)
    if suffix == ".pdf":
        return strip_pdf(data)
    if suffix in OFFICE_EXTENSIONS:
        return strip_office(data)
    return data


def _without_columns(table, hidden):
    rows, unchanged = [], table.unchanged
    for row in table.rows:
        cells = [cell for cell in row.cells if cell.key not in hidden]
        if row.status == "changed" and not any(cell.changed for cell in cells):
            unchanged += 1
            continue
        rows.append(dataclasses.replace(row, cells=cells))
    columns = [column for column in table.columns if column.key not in hidden]
    return dataclasses.replace(table, columns=columns, rows=rows, unchanged=unchanged)


def blind_diff(diff):
    """The diff without the team table and without the columns that name people (the
    uploaded files' own names), for a reviewer of a blind call."""
    tables = []
    for table in diff.tables:
        if table.key in TEAM_TABLES:
            continue
        hidden = NAME_COLUMNS.get(table.key)
        tables.append(_without_columns(table, hidden) if hidden else table)
    return dataclasses.replace(diff, tables=tables)
