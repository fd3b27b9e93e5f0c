"""The text a reader copies, searches or hears from a PDF is the text the document was written
with: SARA AM (ำ), which HarfBuzz draws as NIKHAHIT and SARA AA, reads back as ำ, a SARA AA as
า and a tone mark before a SARA AM as itself, whichever comes first; and the pages still draw
the same glyphs at the same places. (Every document kind of the demo is read back in
test_every_document.py.)"""

import io
import re
from types import SimpleNamespace

from django.utils import translation
from pypdf import PdfReader

from reports.pdf import render

# Words where SARA AA comes first, then SARA AM, a tone before a SARA AM, and the reverse.
WORDS = "การดำเนินการ จำนวน ลำพูน น้ำท่วม ค่ำ ต่ำ ซ้ำ กำลัง ได้ สำนักงาน"


def page_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_sara_am_reads_back_whichever_comes_first_in_the_document():
    for words in (WORDS, " ".join(reversed(WORDS.split()))):
        with translation.override("th"):
            content = render.render_pdf(
                "reports/pdf/base.html", {"issuer": words}, title=words, reference="R-1"
            )
        assert page_text(content).count(words) == 3  # the header, the heading, the issuer


def test_the_mended_pdf_draws_the_same_glyphs_as_weasyprint_alone(monkeypatch):
    """The character codes of the mended page, put through its fonts' CIDToGIDMap, are the
    glyph ids WeasyPrint drew."""
    pages = {}
    for name, finisher in (("mended", render._finisher), ("alone", lambda: None)):
        monkeypatch.setattr(render, "_finisher", finisher)
        with translation.override("th"):
            content = render.render_pdf(
                "reports/pdf/base.html", {"issuer": WORDS}, title=WORDS, reference="R-1"
            )
        pages[name] = PdfReader(io.BytesIO(content)).pages[0]
    assert drawn_glyphs(pages["mended"]) == drawn_glyphs(pages["alone"])
    assert WORDS in pages["mended"].extract_text()
    assert WORDS not in pages["alone"].extract_text()


def drawn_glyphs(page):
    """[(font's base name, glyph id)] of every glyph the page's content shows, in order."""
    maps = {}
    for name, font in page["/Resources"]["/Font"].items():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        gid_map = descendant["/CIDToGIDMap"]
        table = None if gid_map == "/Identity" else gid_map.get_object().get_data()
        maps[name] = SimpleNamespace(base=str(descendant["/BaseFont"]), table=table)
    drawn, font = [], None
    content = page.get_contents().get_data().decode("latin-1")
    for token in re.finditer(r"/(\w+) [\d.]+ Tf|<([0-9a-f]*)>", content):
        if token.group(1):
            font = maps["/" + token.group(1)]
            continue
        digits = token.group(2)
        for start in range(0, len(digits), 4):
            code = int(digits[start : start + 4], 16)
            if font.table is not None and 2 * code < len(font.table):
                code = int.from_bytes(font.table[2 * code : 2 * code + 2], "big")
            drawn.append((font.base, code))
    return drawn
