"""Charts (b) and (c) of one indicator, in its own unit: the result of each reporting period as
columns, and committed against result for each municipality as pairs of horizontal bars.

Values may be negative (a reduction reported as a loss, say): bars then run the other way from
the zero line, which is drawn wherever zero falls on the scale.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.charts import svg


@dataclass(frozen=True)
class Bar:
    """A column: a short `label` under it, its value, and a longer `title` on hover."""

    label: str
    value: Decimal | None
    title: str = ""


@dataclass(frozen=True)
class Pair:
    """Two bars of one row: what was committed and what was delivered."""

    label: str
    committed: Decimal | None
    result: Decimal | None
    url: str | None = None


def _range(values):
    """Ticks of a scale that holds every value and zero."""
    numbers = [float(value) for value in values]
    low, high = min([0.0, *numbers]), max([0.0, *numbers])
    if low == high:
        high = 1.0
    marks = svg.ticks(low, high)
    return marks[0], marks[-1], marks


def _unit(unit):
    return f" {unit}" if unit else ""


PERIOD_LEFT = 96
PERIOD_RIGHT = 704
PERIOD_TOP = 40
PERIOD_BOTTOM = 236


def period_chart(bars, *, title, unit=""):
    """Columns of `bars` (`Bar`s) in the order given; the empty chart without any value."""
    bars = [bar for bar in bars if bar.value is not None]
    if not bars:
        return svg.empty(title)
    low, high, marks = _range(bar.value for bar in bars)

    def y(value):
        share = (float(value) - low) / (high - low)
        return PERIOD_BOTTOM - share * (PERIOD_BOTTOM - PERIOD_TOP)

    parts = [svg.text(8, 16, svg.truncate(title, svg.WIDTH - 16, 13), size=13, weight="600")]
    for mark in marks:
        parts.append(svg.line(PERIOD_LEFT, y(mark), PERIOD_RIGHT, y(mark)))
        parts.append(
            svg.text(
                PERIOD_LEFT - 6,
                y(mark) + 4,
                svg.format_number(mark),
                size=11,
                fill=svg.MUTED,
                anchor="end",
            )
        )
    if unit:
        parts.append(
            svg.text(
                8,
                PERIOD_TOP - 12,
                svg.truncate(unit, PERIOD_LEFT + 100, 10),
                size=11,
                fill=svg.MUTED,
            )
        )
    slot = (PERIOD_RIGHT - PERIOD_LEFT) / len(bars)
    width = min(slot * 0.6, 64)
    tilt = slot < 72
    zero = y(0)
    for index, bar in enumerate(bars):
        middle = PERIOD_LEFT + slot * (index + 0.5)
        top, bottom = sorted((y(bar.value), zero))
        shown = svg.format_number(bar.value)
        # Above a column; for a negative one, just above the zero line it hangs from.
        above = top - 4 if float(bar.value) >= 0 else zero - 4
        label_y = PERIOD_BOTTOM + 16
        if tilt:
            label = svg.text(
                middle,
                label_y,
                svg.truncate(bar.label, 90, 10),
                size=11,
                anchor="end",
                transform=f"rotate(-35 {svg.number(middle)} {svg.number(label_y)})",
            )
        else:
            label = svg.text(
                middle, label_y, svg.truncate(bar.label, slot - 4, 11), size=11, anchor="middle"
            )
        parts.append(
            svg.group(
                [
                    svg.rect(middle - width / 2, top, width, max(bottom - top, 1), svg.RESULT),
                    svg.text(middle, above, shown, size=11, anchor="middle"),
                    label,
                ],
                title=f"{bar.title or bar.label}: {shown}{_unit(unit)}",
            )
        )
    parts.append(svg.line(PERIOD_LEFT, zero, PERIOD_RIGHT, zero, stroke=svg.INK))
    return svg.document(title, PERIOD_BOTTOM + (80 if tilt else 30), parts)


PAIR_LABEL_WIDTH = 188
PAIR_LEFT = 204
PAIR_RIGHT = 600
PAIR_TOP = 44
PAIR_ROW = 36
PAIR_BAR = 12


def pair_chart(pairs, *, title, unit=""):
    """Committed against result for each of `pairs` (`Pair`s), e.g. per municipality; the
    empty chart when no pair has a value."""
    pairs = [p for p in pairs if p.committed is not None or p.result is not None]
    if not pairs:
        return svg.empty(title)
    values = [v for p in pairs for v in (p.committed, p.result) if v is not None]
    low, high, marks = _range(values)

    def x(value):
        share = (float(value) - low) / (high - low)
        return PAIR_LEFT + share * (PAIR_RIGHT - PAIR_LEFT)

    bottom = PAIR_TOP + PAIR_ROW * len(pairs)
    parts = [svg.text(8, 16, svg.truncate(title, svg.WIDTH - 16, 13), size=13, weight="600")]
    for mark in marks:
        parts.append(svg.line(x(mark), PAIR_TOP - 4, x(mark), bottom))
        parts.append(
            svg.text(
                x(mark),
                PAIR_TOP - 9,
                svg.format_number(mark),
                size=11,
                fill=svg.MUTED,
                anchor="middle",
            )
        )
    zero = x(0)
    for index, pair in enumerate(pairs):
        top = PAIR_TOP + PAIR_ROW * index
        row = [svg.text(8, top + 17, svg.truncate(pair.label, PAIR_LABEL_WIDTH), size=12)]
        details = []
        for name, value, colour, y in (
            (_("Committed"), pair.committed, svg.COMMITTED, top + 3),
            (_("Result"), pair.result, svg.RESULT, top + 3 + PAIR_BAR + 2),
        ):
            shown = svg.format_number(value)
            details.append(f"{name}: {shown}{_unit(unit) if value is not None else ''}")
            if value is None:
                row.append(svg.text(zero + 4, y + PAIR_BAR - 2, shown, size=11, fill=svg.MUTED))
                continue
            start, end = sorted((zero, x(value)))
            row.append(svg.rect(start, y, max(end - start, 1), PAIR_BAR, colour))
            # Right of the bar, or of the zero line for a negative one (its left is the labels).
            row.append(svg.text(end + 4, y + PAIR_BAR - 2, shown, size=11))
        parts.append(svg.group(row, title=f"{pair.label} — " + "; ".join(details), href=pair.url))
    parts.append(svg.line(zero, PAIR_TOP - 4, zero, bottom, stroke=svg.INK))
    parts += _pair_legend(bottom + 20, unit)
    return svg.document(title, bottom + 34, parts)


def _pair_legend(y, unit):
    parts = []
    x = 8
    for colour, label in ((svg.COMMITTED, _("Committed")), (svg.RESULT, _("Result"))):
        parts.append(svg.rect(x, y - 9, 12, 10, colour))
        parts.append(svg.text(x + 16, y, label, size=11))
        x += 16 + svg.text_width(label, 11) + 14
    if unit:
        parts.append(svg.text(x, y, _("Unit: %(unit)s") % {"unit": unit}, size=11, fill=svg.MUTED))
    return parts
