"""The dashboards' SVG charts (indicators.charts), printed in a PDF with their text set by the
page instead of by WeasyPrint's SVG renderer.

WeasyPrint (70) draws SVG `<text>` one code point at a time, so Thai marks above and below a
letter lose their placement (ที่ prints as ที, น้ำ with its marks on top of each other): see
https://github.com/Kozea/WeasyPrint/issues/2249. An `<img>` of the same SVG goes through the
same renderer. So the chart's shapes stay SVG, and each `<text>` is taken out and laid over
the drawing as an absolutely placed line of HTML text, which Pango shapes whole (with libthai),
at the same place, size, colour, weight, anchor and rotation. Only the charts' own markup is
read (indicators.charts.svg writes it, text escaped), never user HTML.
"""

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

SVG_NS = "http://www.w3.org/2000/svg"
TEXT = f"{{{SVG_NS}}}text"
DEFAULT_SIZE = 12.0
ROTATE = re.compile(r"rotate\(\s*(-?[\d.]+)")


@functools.cache
def baseline_em():
    """Where the baseline lies below the top of a line box of `line-height: 1`, in em: half
    of the leading (1 − ascent − descent) plus the ascent, from Sarabun's own metrics (its
    OS/2 typographic ones, which it asks renderers to use, and which equal its hhea)."""
    from fontTools.ttLib import TTFont

    font = TTFont(Path(settings.SARABUN_DIR) / "Sarabun-Regular.ttf", lazy=True)
    em = font["head"].unitsPerEm
    ascent = font["OS/2"].sTypoAscender / em
    descent = -font["OS/2"].sTypoDescender / em
    return (1 - ascent - descent) / 2 + ascent


@dataclass(frozen=True)
class Label:
    """One `<text>` of a chart, in its user units."""

    text: str
    x: float
    y: float
    size: float
    fill: str
    anchor: str
    weight: str
    rotation: float | None


def _number(value, default=0.0):
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _rotation(node):
    """The angle of `rotate(a x y)` about the text's own anchor (the charts turn labels so)."""
    match = ROTATE.search(node.get("transform", ""))
    return float(match.group(1)) if match else None


def _take_labels(root):
    """Every `<text>` of the tree, removed from it, in document order."""
    labels = []
    size = _number(root.get("font-size"), DEFAULT_SIZE)
    for parent in list(root.iter()):
        for node in [child for child in parent if child.tag == TEXT]:
            labels.append(
                Label(
                    text="".join(node.itertext()),
                    x=_number(node.get("x")),
                    y=_number(node.get("y")),
                    size=_number(node.get("font-size"), size),
                    fill=node.get("fill", "#000000"),
                    anchor=node.get("text-anchor", "start"),
                    weight=node.get("font-weight", "normal"),
                    rotation=_rotation(node),
                )
            )
            parent.remove(node)
    return labels


def _plain(root):
    """The tree with its tags unqualified and the namespace declared on the root, so that it
    serialises as `<svg xmlns="…">` whatever prefix another library registered for SVG's
    namespace (qrcode registers "svg:", which an HTML page would not read as SVG)."""
    for node in root.iter():
        if isinstance(node.tag, str) and node.tag.startswith(f"{{{SVG_NS}}}"):
            node.tag = node.tag[len(SVG_NS) + 2 :]
    root.set("xmlns", SVG_NS)
    return root


def _mm(value):
    return f"{value:.2f}mm"


def _label_html(label, scale, reach):
    """A line of text whose baseline starts (or is centred, or ends) at the label's point.
    `reach` (mm) is the width of the box it is aligned in, wider than any label."""
    size = label.size * scale
    x, top = label.x * scale, label.y * scale - baseline_em() * size
    if label.anchor == "middle":
        left, width, align, origin = x - reach, 2 * reach, "center", reach
    elif label.anchor == "end":
        left, width, align, origin = x - reach, reach, "right", reach
    else:
        left, width, align, origin = x, reach, "left", 0
    style = (
        "position:absolute;white-space:nowrap;line-height:1;margin:0;padding:0;"
        f"left:{_mm(left)};top:{_mm(top)};width:{_mm(width)};font-size:{_mm(size)};"
        f"color:{label.fill};font-weight:{label.weight};text-align:{align}"
    )
    if label.rotation:
        style += (
            f";transform:rotate({label.rotation:g}deg);"
            f"transform-origin:{_mm(origin)} {_mm(baseline_em() * size)}"
        )
    # format_html escapes the style and the text alike.
    return format_html('<span class="chart-label" style="{}">{}</span>', style, label.text)


def printable_chart(svg, *, width_mm):
    """The chart `svg` (a string from indicators.charts) as HTML for a PDF: `width_mm` wide,
    its drawing kept as SVG, its text set as HTML over it."""
    root = ET.fromstring(str(svg))
    width = _number(root.get("width"), 720.0)
    height = _number(root.get("height"), 80.0)
    scale = width_mm / width
    labels = _take_labels(root)
    root.set("style", f"display:block;width:{_mm(width_mm)};height:{_mm(height * scale)}")
    drawing = ET.tostring(_plain(root), encoding="unicode")
    spans = "".join(str(_label_html(label, scale, width_mm)) for label in labels)
    # Safe: the drawing is the chart's own SVG re-serialised (ElementTree escapes its text
    # and attributes) and every label went through format_html.
    return mark_safe(
        f'<div class="chart" style="position:relative;break-inside:avoid;'
        f'width:{_mm(width_mm)};height:{_mm(height * scale)}">'
        f"{drawing}{spans}</div>"
    )
