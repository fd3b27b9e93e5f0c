"""The pieces every chart is drawn with: escaped text, shapes, scales and the SVG document.

Charts are self-contained SVG strings — inline attributes only, no stylesheet or script — so a
page can inline them and a PDF (WeasyPrint) can draw them as they are. Text is escaped here and
nowhere else: every string a chart shows passes through `text()` or `attr()`.
"""

import math
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

FONT = "Sarabun, sans-serif"
WIDTH = 720
INK = "#212529"
MUTED = "#6c757d"
GRID = "#dee2e6"
COMMITTED = "#6f8fbf"
RESULT = "#0d6efd"
ON_TRACK = "#198754"
AT_RISK = "#e0a800"
OFF_TRACK = "#dc3545"
ON_TRACK_BAND = "#e3f1e9"
AT_RISK_BAND = "#fff6d9"
OFF_TRACK_BAND = "#fbe4e6"
ELLIPSIS = "…"
# Sarabun's average advance is a little over half its size, for Thai and Latin letters alike.
CHARACTER_WIDTH = 0.52


def attr(value):
    return escape(str(value))


def number(value):
    """A coordinate with at most one decimal, as SVG reads it."""
    rounded = round(float(value), 1)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def element(name, content=None, **attrs):
    """`<name a="…">content</name>`; attribute names take "-" for "_", values are escaped;
    `content` must already be markup (use `text()` for strings)."""
    attributes = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{attr(value)}"'
        for key, value in attrs.items()
        if value is not None
    )
    if content is None:
        return f"<{name}{attributes}/>"
    return f"<{name}{attributes}>{content}</{name}>"


def text(x, y, label, *, size=12, fill=INK, anchor="start", weight=None, **attrs):
    return element(
        "text",
        escape(label),
        x=number(x),
        y=number(y),
        font_size=size,
        fill=fill,
        text_anchor=anchor,
        font_weight=weight,
        **attrs,
    )


def haloed_text(x, y, label, *, size=11, **attrs):
    """Text on a pale patch, readable where it crosses a grid or target line."""
    patch = rect(
        x - 1, y - size + 1, text_width(label, size) + 2, size + 2, "#ffffff", fill_opacity="0.8"
    )
    return patch + text(x, y, label, size=size, **attrs)


def rect(x, y, width, height, fill, **attrs):
    return element(
        "rect",
        x=number(x),
        y=number(y),
        width=number(max(width, 0)),
        height=number(max(height, 0)),
        fill=fill,
        **attrs,
    )


def line(x1, y1, x2, y2, stroke=GRID, **attrs):
    return element(
        "line", x1=number(x1), y1=number(y1), x2=number(x2), y2=number(y2), stroke=stroke, **attrs
    )


def tooltip(label):
    """A `<title>` child: browsers show it on hover, screen readers read it."""
    return element("title", escape(label))


def group(parts, *, title=None, href=None, **attrs):
    inner = (tooltip(title) if title else "") + "".join(parts)
    content = element("g", inner, **attrs)
    return element("a", content, href=href, style="text-decoration: none") if href else content


def document(title, height, parts, width=WIDTH):
    """The whole chart: sized, scalable (viewBox, max-width), titled and labelled for readers.

    A chart is one image for a screen reader, unless it holds links (to each indicator): then
    it is a group, whose links each say what they lead to, since an image holds nothing one
    could reach with the keyboard."""
    body = tooltip(title) + "".join(parts)
    role = "group" if "<a " in body else "img"
    svg = element(
        "svg",
        body,
        xmlns="http://www.w3.org/2000/svg",
        width=number(width),
        height=number(height),
        viewBox=f"0 0 {number(width)} {number(height)}",
        role=role,
        aria_label=title,
        font_family=FONT,
        font_size=12,
        style="width: 100%; max-width: 1000px; height: auto",
    )
    # Safe: every string inside went through escape() in element(), text() or tooltip().
    return mark_safe(svg)


def empty(title, message=None):
    """A small chart that says there is nothing to draw yet."""
    message = message or _("No data yet")
    parts = [
        rect(0.5, 0.5, WIDTH - 1, 79, "#f8f9fa", stroke=GRID, rx=6),
        text(WIDTH / 2, 24, title, size=13, anchor="middle", weight="600"),
        text(WIDTH / 2, 52, message, size=13, fill=MUTED, anchor="middle"),
    ]
    return document(title, 80, parts)


def graphemes(label):
    """Letters with their combining marks (Thai vowels and tones above or below), so that a cut
    never leaves a mark without its letter."""
    clusters = []
    for character in label:
        if clusters and unicodedata.category(character) in ("Mn", "Me"):
            clusters[-1] += character
        else:
            clusters.append(character)
    return clusters


def truncate(label, width, size=12):
    """`label` cut to about `width` pixels at font `size`, with an ellipsis when cut."""
    label = " ".join(str(label).split())
    limit = max(int(width / (size * CHARACTER_WIDTH)), 2)
    clusters = graphemes(label)
    if len(clusters) <= limit:
        return label
    return "".join(clusters[: limit - 1]).rstrip() + ELLIPSIS


def text_width(label, size=12):
    return len(graphemes(str(label))) * size * CHARACTER_WIDTH


def decimal(value):
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_number(value):
    """12345.5 → "12,345.5", 7.00 → "7": thousands separators, at most two decimals."""
    value = decimal(value)
    if value is None:
        return "—"
    value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0")


def format_percent(value):
    return f"{Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP):,}%"


def nice_ceiling(value):
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ that is at least `value` (> 0)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value * (1 - 1e-12):
            return step * power
    return 10 * power


def ticks(low, high, count=4):
    """Round tick values from `low` to `high` (low ≤ 0 ≤ high), about `count` intervals."""
    step = nice_ceiling((high - low) / count) if high > low else 1.0
    start = math.floor(low / step) * step
    stop = math.ceil(high / step) * step
    values = []
    value = start
    while value <= stop + step / 2:
        values.append(0.0 if abs(value) < step / 1e9 else value)
        value += step
    return values
