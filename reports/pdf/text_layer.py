"""The text layer of the PDFs: what copying, searching and a screen reader get from a page.

A PDF gives the text of a glyph through its font's ToUnicode map, one text per character code.
WeasyPrint uses the glyph id as the code and, for a cluster of several glyphs, gives the
cluster's whole text to its last glyph and nothing to the others; a glyph keeps, for the whole
document, the first text it was drawn with.

Thai breaks that. HarfBuzz's Thai shaper draws SARA AM (ำ) as two glyphs, NIKHAHIT and SARA AA,
and moves the NIKHAHIT before any tone mark (น้ำ is drawn น ํ ้ า, which Sarabun draws with a
NIKHAHIT-and-tone ligature); it does so for every Thai font, whatever its features. The SARA AA
glyph then stands for า in การ and for ำ in จำนวน, and a ToUnicode map cannot say both: whichever
comes first in the document wins, and the rest read จานวน, ดาเนินการ (or ดำเนินกำร), น้ำ as นา.

`repair_thai_text` (a WeasyPrint finisher) gives the SARA AA of a SARA AM its own character code,
which the font maps back to the same glyph (CIDToGIDMap) and ToUnicode to ำ, and gives every
glyph of the cluster the text its name says (Adobe Glyph List: `uni0E4D0E49` is NIKHAHIT and
MAI THO): NIKHAHIT nothing, a tone mark its tone. The page is drawn with the same glyphs at the
same places; only the text read from it changes, and every reader of ToUnicode (pdftotext, pypdf,
browsers, Acrobat, screen readers) gets the words as they were written.
"""

import functools
import io
import re

import pydyf
from fontTools.agl import toUnicode
from fontTools.ttLib import TTFont

NIKHAHIT = "\u0e4d"
SARA_AA = "\u0e32"
SARA_AM = "\u0e33"
# The marks above a consonant that HarfBuzz moves the NIKHAHIT of a SARA AM in front of.
ABOVE_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4e")

REFERENCE = re.compile(rb"^(\d+) 0 R$")
CODE_MAP_ENTRY = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")
HEX_STRING = re.compile(rb"<([0-9a-fA-F]*)>")
FONT_SELECTION = re.compile(rb"^/(\S+) \S+ Tf$")
SHOW_TEXT = re.compile(rb"^\[.*\] TJ$", re.DOTALL)


@functools.cache
def glyph_texts(font_path):
    """{glyph id: text its name stands for} of a font file, by the Adobe Glyph List."""
    font = TTFont(font_path, lazy=True)
    return {gid: toUnicode(name) for gid, name in enumerate(font.getGlyphOrder())}


@functools.cache
def _reference_cmap(font_path):
    """{character: glyph id} of a font file."""
    font = TTFont(font_path, lazy=True)
    return {char: font.getGlyphID(name) for char, name in font.getBestCmap().items()}


class ThaiGlyphs:
    """The glyphs of one font that a SARA AM is drawn with, by their names."""

    def __init__(self, texts):
        self.texts = texts
        self.nikhahits = {gid for gid, text in texts.items() if text.startswith(NIKHAHIT)}
        self.above = {gid for gid, text in texts.items() if text and set(text) <= ABOVE_MARKS}
        self.sara_aa = {gid for gid, text in texts.items() if text == SARA_AA}

    def text_in_sara_am(self, gid):
        """What a glyph of a SARA AM stands for: the NIKHAHIT's part belongs to the ำ that its
        SARA AA carries."""
        return self.texts[gid].removeprefix(NIKHAHIT)


def repair_thai_text(document, pdf, *, faces):
    """A WeasyPrint finisher: fixes the text of SARA AM in every font of `pdf` drawn from one of
    `faces` ({family name: path of a font file with its glyph names}; the faces of a family
    share their glyph order)."""
    objects = {obj.number: obj for obj in pdf.objects if isinstance(obj, pydyf.Object)}
    repairs, fonts = {}, {}
    for name, font in _font_resources(objects).items():
        if font.number not in repairs:
            path = faces.get(_family(font, objects))
            mendable = path is not None and _same_glyph_order(font, objects, path)
            repairs[font.number] = (
                _FontRepair(font, objects, ThaiGlyphs(glyph_texts(path))) if mendable else None
            )
        if repairs[font.number] is not None:
            fonts[name] = repairs[font.number]
    if not fonts:
        return
    for obj in objects.values():
        if isinstance(obj, pydyf.Stream):
            _rewrite_content(obj, fonts)
    for repair in set(fonts.values()):
        repair.write(pdf)


def _resolve(value, objects):
    match = REFERENCE.match(value) if isinstance(value, bytes) else None
    return objects[int(match.group(1))] if match else value


def _font_resources(objects):
    """{resource name: Type0 font dictionary} of the document's font resources."""
    found = {}
    for obj in objects.values():
        if not isinstance(obj, pydyf.Dictionary):
            continue
        for key, value in obj.items():
            target = _resolve(value, objects)
            if (
                isinstance(target, pydyf.Dictionary)
                and target.get("Type") == "/Font"
                and target.get("Subtype") == "/Type0"
            ):
                found[key] = target
    return found


def _descendant(font, objects):
    return _resolve(font["DescendantFonts"][0], objects)


def _family(font, objects):
    descriptor = _resolve(_descendant(font, objects)["FontDescriptor"], objects)
    family = descriptor.get("FontFamily")
    return family.string if isinstance(family, pydyf.String) else None


def _same_glyph_order(font, objects, path):
    """Whether the embedded font (a subset keeping glyph ids) is drawn from `path`'s family:
    every character it still maps goes to the same glyph as in the reference."""
    descendant = _descendant(font, objects)
    if descendant.get("Subtype") != "/CIDFontType2":
        return False
    descriptor = _resolve(descendant["FontDescriptor"], objects)
    program = _resolve(descriptor.get("FontFile2", b""), objects)
    if not isinstance(program, pydyf.Stream):
        return False
    embedded = TTFont(io.BytesIO(b"".join(program.stream)), lazy=True)
    reference = _reference_cmap(path)
    return all(
        reference.get(char) == embedded.getGlyphID(name)
        for char, name in (embedded.getBestCmap() or {}).items()
    )


class _FontRepair:
    """The codes and texts of one font, written back into its dictionaries at the end.

    A glyph's own code reads what its name says (a SARA AA reads า, a NIKHAHIT of a SARA AM
    nothing, its ligature with a tone mark the tone); a glyph that must read otherwise somewhere
    (the SARA AA of a SARA AM reads ำ, a NIKHAHIT alone reads ํ) gets a code of its own, past
    the font's glyphs."""

    def __init__(self, font, objects, glyphs):
        self.font = font
        self.objects = objects
        self.glyphs = glyphs
        self.to_unicode = _resolve(font["ToUnicode"], objects)
        self.texts = _read_code_map(self.to_unicode)
        self.widths = _read_widths(_descendant(font, objects)["W"])
        self.next_code = max([*self.texts, *self.widths, 0]) + 1
        self.aliases = {}  # (glyph id, text) → code
        self.glyph_of = {}  # code → glyph id
        for gid in list(self.texts):
            if gid in glyphs.sara_aa:
                self.texts[gid] = glyphs.texts[gid]
            elif gid in glyphs.nikhahits:
                self.texts[gid] = glyphs.text_in_sara_am(gid)

    def code_for(self, gid, text):
        """The character code that draws glyph `gid` and reads `text`."""
        if self.texts.get(gid, text) == text:
            self.texts[gid] = text
            return gid
        key = (gid, text)
        if key not in self.aliases:
            code = self.aliases[key] = self.next_code
            self.next_code += 1
            self.texts[code] = text
            self.glyph_of[code] = gid
        return self.aliases[key]

    def settle(self, gid, text):
        """Glyph `gid` reads `text` wherever it is drawn with its own code."""
        self.texts[gid] = text

    def write(self, pdf):
        _write_code_map(self.to_unicode, self.texts)
        if not self.glyph_of:
            return
        descendant = _descendant(self.font, self.objects)
        for code, gid in self.glyph_of.items():
            if gid in self.widths:
                descendant["W"].extend([code, pydyf.Array([self.widths[gid]])])
        last = max(self.glyph_of)
        table = bytearray()
        for code in range(last + 1):
            table += self.glyph_of.get(code, code).to_bytes(2, "big")
        compress = self.to_unicode.compress
        gid_map = pydyf.Stream([bytes(table)], compress=compress)
        pdf.add_object(gid_map)
        descendant["CIDToGIDMap"] = gid_map.reference
        encoding = self.font.get("Encoding")
        if encoding != "/Identity-H":  # WeasyPrint's own CMap, for glyphs the font lacks
            stream = _resolve(encoding, self.objects)
            end = stream.stream.index(b"endcmap")
            entries = [f"<{code:04x}> {code}".encode() for code in sorted(self.glyph_of)]
            stream.stream[end:end] = [f"{len(entries)} begincidchar".encode(), *entries]
            stream.stream.insert(end + len(entries) + 1, b"endcidchar")


def _read_code_map(stream):
    texts = {}
    for item in stream.stream:
        line = item if isinstance(item, bytes) else str(item).encode()
        for code, text in CODE_MAP_ENTRY.findall(line):
            texts[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    return texts


def _write_code_map(stream, texts):
    """Replaces the bfchar entries of the ToUnicode stream by `texts`, 100 to a block."""
    items = [item for item in stream.stream if not _is_code_map_line(item)]
    end = items.index(b"endcmap")
    blocks = []
    entries = sorted(texts.items())
    for start in range(0, len(entries), 100):
        batch = entries[start : start + 100]
        blocks.append(f"{len(batch)} beginbfchar".encode())
        blocks.extend(
            f"<{code:04x}> <{text.encode('utf-16-be').hex()}>".encode() for code, text in batch
        )
        blocks.append(b"endbfchar")
    stream.stream[:] = items[:end] + blocks + items[end:]


def _is_code_map_line(item):
    line = item if isinstance(item, bytes) else str(item).encode()
    return line.endswith((b"beginbfchar", b"endbfchar")) or CODE_MAP_ENTRY.fullmatch(line.strip())


def _read_widths(array):
    widths, index = {}, 0
    while index < len(array):
        first, following = array[index], array[index + 1]
        if isinstance(following, (list, pydyf.Array)):
            for offset, width in enumerate(following):
                widths[first + offset] = width
            index += 2
        else:  # c_first c_last width
            for code in range(first, following + 1):
                widths[code] = array[index + 2]
            index += 3
    return widths


def _rewrite_content(stream, fonts):
    """Gives each SARA AM drawn in `stream` with one of `fonts` the codes that read ำ."""
    font = None
    pending = []  # (item index, offset, glyph id) of a NIKHAHIT and the marks after it
    for index, item in enumerate(stream.stream):
        if not isinstance(item, bytes):
            continue
        if selection := FONT_SELECTION.match(item):
            _flush(stream, font, pending, None)
            font = fonts.get(selection.group(1).decode())
            continue
        if font is None or not SHOW_TEXT.match(item):
            continue
        for match in HEX_STRING.finditer(item):
            digits = match.group(1)
            for start in range(0, len(digits), 4):
                gid = int(digits[start : start + 4], 16)
                where = (index, match.start(1) + start, gid)
                glyphs = font.glyphs
                if pending and gid in glyphs.above:
                    pending.append(where)
                elif pending and gid in glyphs.sara_aa:
                    _flush(stream, font, pending, where)
                elif gid in glyphs.nikhahits:
                    _flush(stream, font, pending, None)
                    pending.append(where)
                else:
                    _flush(stream, font, pending, None)
    _flush(stream, font, pending, None)


def _flush(stream, font, pending, sara_aa):
    """Sets the codes of a NIKHAHIT and the marks after it: with the SARA AA `sara_aa` they are
    a SARA AM; without one, a NIKHAHIT of its own (as Pali written in Thai has)."""
    if not pending:
        return
    glyphs = font.glyphs
    (index, offset, gid), *marks = pending
    if sara_aa is None:
        _put(stream, index, offset, font.code_for(gid, glyphs.texts[gid]))
    else:
        _put(stream, index, offset, font.code_for(gid, glyphs.text_in_sara_am(gid)))
        for *_where, mark in marks:
            font.settle(mark, glyphs.texts[mark])
        index, offset, gid = sara_aa
        _put(stream, index, offset, font.code_for(gid, SARA_AM))
    pending.clear()


def _put(stream, index, offset, code):
    item = stream.stream[index]
    stream.stream[index] = item[:offset] + f"{code:04x}".encode() + item[offset + 4 :]
