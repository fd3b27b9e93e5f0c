"""Reading a PDF back in the tests: its text per page, its fonts and its page size, and Thai
as its text reads back."""

import io

from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader


def reader(output):
    return PdfReader(io.BytesIO(output.content))


def pages_text(output):
    return [page.extract_text() for page in reader(output).pages]


def text(output):
    return "\n".join(pages_text(output))


def fonts(output):
    """(BaseFont, has an embedded TrueType file) of every font every page uses."""
    found = []
    for page in reader(output).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/DescendantFonts" in font:  # a composite (Type 0) font, as WeasyPrint writes
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            found.append((str(font["/BaseFont"]), "/FontFile2" in descriptor))
    return found


def is_landscape(output):
    page = reader(output).pages[0]
    return page.mediabox.width > page.mediabox.height


def as_read(text):
    """Thai as pypdf reads it back: SARA AM (ำ) comes out as SARA AA (า). The PDF draws it
    right; only the extraction differs."""
    return text.replace("\u0e33", "\u0e32")


def thai(message, **values):
    """The Thai of `message`, with `values` put in, as pypdf reads it back."""
    with translation.override("th"):
        text = gettext(message)
    return as_read(text % values if values else text)
