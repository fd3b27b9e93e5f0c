"""HTML to PDF with WeasyPrint, the way every document of the system is printed: A4 (landscape
for wide tables), Sarabun embedded, the document's title and reference in a running header,
"หน้า X / Y" (Thai) or "Page X of Y" (English) in the footer, in the active language.

Thai needs Pango with libthai for its shaping and its line breaks (Thai has no spaces between
words), so text is never justified; the text a reader copies from a page is mended after
WeasyPrint has drawn it (text_layer.py: SARA AM). Only the font files and the stylesheet are
read while rendering: a document never reaches the network, whatever text people wrote in it.
"""

import functools
import math
import os
import re
from concurrent.futures import FIRST_COMPLETED, wait
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from core.thai import format_date
from reports.pdf.printer import Printers
from reports.pdf.text_layer import repair_thai_text

HERE = Path(__file__).resolve().parent
STYLESHEET = HERE / "document.css"
FAMILY = "Sarabun"
# (file, weight, style): the faces the stylesheet may ask for; only the glyphs a document
# uses are embedded, and only of the faces it uses.
FACES = (
    ("Sarabun-Regular.ttf", "normal", "normal"),
    ("Sarabun-Bold.ttf", "bold", "normal"),
    ("Sarabun-Italic.ttf", "normal", "italic"),
    ("Sarabun-BoldItalic.ttf", "bold", "italic"),
)
PLACEHOLDER = re.compile(r"%\((page|pages)\)s")


class LocalFilesOnly(URLFetcher):
    """Fetches only the font files and the files next to this module, never the network."""

    def __init__(self):
        super().__init__(allowed_protocols=("file",), fail_on_errors=False)
        self.roots = (Path(settings.SARABUN_DIR).resolve(), HERE)

    def fetch(self, url, headers=None):
        path = Path(unquote(urlsplit(url).path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise ValueError(f"not a file of the document: {url}")
        return super().fetch(url, headers)


def css_string(text):
    """`text` as a quoted CSS string: quotes, backslashes, angle brackets and control
    characters escaped, so that a title can never end the string or the rule."""
    escaped = "".join(
        char if char.isprintable() and char not in '\\"<>' else f"\\{ord(char):x} "
        for char in str(text)
    )
    return f'"{escaped}"'


def page_counter_content(pages=None):
    """The footer's CSS `content`: the translated "Page X of Y" with the page counters (Y
    written out when `pages` is given: the stamps of a document printed in parts)."""
    parts = []
    for index, piece in enumerate(PLACEHOLDER.split(_("Page %(page)s of %(pages)s"))):
        if index % 2 and piece == "pages" and pages is not None:
            parts.append(css_string(pages))
        elif index % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


@functools.cache
def _static_css():
    """The font faces and the stylesheet, read once per process."""
    root = Path(settings.SARABUN_DIR)
    faces = "".join(
        f"@font-face {{ font-family: {FAMILY}; src: url({(root / name).as_uri()}); "
        f"font-weight: {weight}; font-style: {style}; }}\n"
        for name, weight, style in FACES
    )
    return faces + STYLESHEET.read_text(encoding="utf-8")


def _page_css(*, title, reference, landscape, counter=True):
    """The page box: its size, and the running header and footer of this document (without
    "Page X of Y" when `counter` is off: a document printed in parts stamps it afterwards)."""
    size = "A4 landscape" if landscape else "A4"
    printed = _("Printed on %(date)s") % {"date": format_date(timezone.localdate())}
    pages = page_counter_content() if counter else "none"
    return f"""
@page {{
  size: {size};
  @top-left {{ content: {css_string(title)}; }}
  @top-right {{ content: {css_string(reference)}; }}
  @bottom-left {{ content: {css_string(printed)}; }}
  @bottom-right {{ content: {pages}; }}
}}
"""


def _write(html, page_css):
    fonts = FontConfiguration()
    fetcher = LocalFilesOnly()
    stylesheet = CSS(
        string=_static_css() + page_css,
        font_config=fonts,
        url_fetcher=fetcher,
        base_url=HERE.as_uri() + "/",
    )
    document = HTML(string=html, base_url=HERE.as_uri() + "/", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts, finisher=_finisher())


def _finisher():
    """Mends the text that copying and searching read from Thai pages (text_layer.py): the
    faces share their glyph order, so the regular face's glyph names serve all four."""
    faces = {FAMILY: Path(settings.SARABUN_DIR) / FACES[0][0]}
    return functools.partial(repair_thai_text, faces=faces)


def _html(template_name, context, *, title, reference):
    return render_to_string(
        template_name,
        {**context, "document_title": title, "reference": reference, "language": get_language()},
    )


def render_pdf(template_name, context, *, title, reference, landscape=False):
    """The PDF (bytes) of the Django template `template_name` (which extends
    reports/pdf/base.html) rendered with `context`, in the active language. `title` and
    `reference` head every page and name the document in its metadata."""
    html = _html(template_name, context, title=title, reference=reference)
    return _write(html, _page_css(title=title, reference=reference, landscape=landscape))


def printing_processes():
    """How many processes print the parts of a long document side by side: the setting
    REPORT_PDF_PROCESSES, or one per core this process may use (0, the default)."""
    count = settings.REPORT_PDF_PROCESSES
    if count > 0:
        return count
    if hasattr(os, "sched_getaffinity"):  # the cores this process may run on (Linux)
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def open_printers():
    """The printing processes of a long document (`render_pdf_parts`), not started yet: a
    build may start them early, and must close them (a context manager)."""
    return Printers(printing_processes(), _write)


def render_pdf_parts(
    template_name, parts, *, title, reference, landscape=False, done=None, printers=None
):
    """One PDF of `template_name` printed in parts, each rendered with its own context from
    `parts`, so that a long document reports its progress as it goes: `done(part)` is called
    after each part is printed. The parts are printed side by side by `printers` (or by
    `open_printers()` here: one process per core, reports/pdf/printer.py) while this process
    renders the next part's HTML; they are merged with pypdf, and "Page X of Y" is stamped on
    every page afterwards, counting across the parts (a part alone cannot know Y)."""
    if len(parts) == 1:
        content = render_pdf(
            template_name, parts[0], title=title, reference=reference, landscape=landscape
        )
        if done:
            done(parts[0])
        return content
    if printers is None:
        with open_printers() as opened:
            return render_pdf_parts(
                template_name,
                parts,
                title=title,
                reference=reference,
                landscape=landscape,
                done=done,
                printers=opened,
            )
    page_css = _page_css(title=title, reference=reference, landscape=landscape, counter=False)
    printed, pending = {}, {}

    def collect(timeout):
        ready, _waiting = wait(list(pending), timeout=timeout, return_when=FIRST_COMPLETED)
        for future in ready:
            index = pending.pop(future)
            printed[index] = PdfReader(BytesIO(future.result()))
            if done:
                done(parts[index])

    for index, part in enumerate(parts):
        html = _html(template_name, part, title=title, reference=reference)
        pending[printers.submit(html, page_css)] = index
        collect(timeout=0)
    while pending:
        collect(timeout=None)
    count = sum(len(printed[index].pages) for index in range(len(parts)))
    stamps = _page_numbers(count, landscape, printers)
    merged = PdfWriter()
    for index in range(len(parts)):  # while the stamps are printed
        merged.append(printed[index])
    stamps = [page for future in stamps for page in PdfReader(BytesIO(future.result())).pages]
    for page, stamp in zip(merged.pages, stamps, strict=True):
        page.merge_page(stamp)
        page.compress_content_streams()  # merging leaves the page's content uncompressed
    merged.add_metadata({"/Title": f"{title} {reference}", "/Creator": "SLC Grants"})
    # Each part embeds its own subset of the fonts and each stamp its page's copy of the
    # footer's: keep one of each that is identical.
    merged.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    output = BytesIO()
    merged.write(output)
    return output.getvalue()


def _page_numbers(count, landscape, printers):
    """Futures of PDFs of `count` blank pages in all, of the same size, carrying only "Page X
    of Y" where the footer puts it: the stamps of a document printed in parts, printed in a
    batch per process of `printers` (each batch's first page numbered where it starts)."""
    size = "A4 landscape" if landscape else "A4"
    content = page_counter_content(pages=count)
    batch = math.ceil(count / printers.size)
    futures = []
    for first in range(1, count + 1, batch):
        pages = min(batch, count - first + 1)
        page_css = (
            f"@page {{ size: {size}; @bottom-right {{ content: {content}; }} }}\n"
            f"@page :first {{ counter-reset: page {first}; }}"
        )
        blank = '<div style="break-after: page"></div>' * (pages - 1)
        body = f"<body>{blank}<div></div></body>"
        html = f'<!DOCTYPE html><html lang="{get_language()}">{body}</html>'
        futures.append(printers.submit(html, page_css))
    return futures
