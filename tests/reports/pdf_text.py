"""Reading a PDF back in the tests: its text per page, its fonts and its page size, and the
Thai of a message."""

import io

from django.utils import translation
from django.utils.translation import gettext, pgettext
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


def thai(message, context=None, **values):
    """The Thai of `message` (in `context`, if it has one), with `values` put in (a PDF reads
    it back as it was written: reports/pdf/text_layer.py)."""
    with translation.override("th"):
        text = pgettext(context, message) if context else gettext(message)
    return text % values if values else text
