"""Chart (a): target, committed and result of each indicator, as a share of its target.

Indicators have different units, so each is drawn against its own target: the target is the
dashed 100% line, the committed value and the result are bars, the background is shaded by the
programme's thresholds and the real values are written beside the bars. When lower is better,
the share is target ÷ value (a value of 0 meets the target), as in the roll-up.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from indicators.charts import svg

LABEL_X = 8
LABEL_WIDTH = 224
PLOT_LEFT = 240
PLOT_RIGHT = 584
TOP = 44
ROW = 42
BAR = 12


@dataclass(frozen=True)
class IndicatorBar:
    """One indicator of the chart; values in the indicator's unit, None when unknown."""

    code: str
    name: str
    unit: str = ""
    target: Decimal | None = None
    committed: Decimal | None = None
    result: Decimal | None = None
    lower_is_better: bool = False
    url: str | None = None


def share_of_target(value, target, lower_is_better=False):
    """The value as a percentage of the target (rounded to 0.01), None when it cannot be said."""
    value, target = svg.decimal(value), svg.decimal(target)
    if value is None or target is None:
        return None
    if lower_is_better:
        if value == 0:
            return Decimal(100)
        if value < 0 or target < 0:
            return None
        ratio = target / value
    else:
        if target <= 0:
            return None
        ratio = value / target
    return (ratio * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def target_chart(rows, *, title, on_track=Decimal(90), at_risk=Decimal(60), statuses=True):
    """The SVG of `rows` (`IndicatorBar`s); the empty chart when there is no row.

    `statuses=False` leaves out the thresholds (no shading, results in one colour): for a part
    of the programme, such as one municipality, whose share of the whole target is no status.
    """
    rows = list(rows)
    if not rows:
        return svg.empty(title)
    shares = [
        (
            share_of_target(row.committed, row.target, row.lower_is_better),
            share_of_target(row.result, row.target, row.lower_is_better),
        )
        for row in rows
    ]
    axis, step = _axis([share for pair in shares for share in pair if share is not None])
    bottom = TOP + ROW * len(rows)
    parts = [svg.text(LABEL_X, 16, svg.truncate(title, svg.WIDTH - 16, 13), size=13, weight="600")]
    if statuses:
        parts += _bands(axis, Decimal(on_track), Decimal(at_risk), bottom)
    parts += _grid(axis, step, bottom)
    for position, (row, (committed, result)) in enumerate(zip(rows, shares, strict=True)):
        top = TOP + ROW * position
        colour = None if statuses else svg.RESULT
        parts.append(_row(row, committed, result, top, axis, on_track, at_risk, colour))
    parts += _legend(bottom + 18, on_track, at_risk, statuses)
    return svg.document(title, bottom + 58, parts)


def _axis(shares):
    """The largest percentage drawn (at least 120, at most 200) and the step of its ticks."""
    top = float(max([Decimal(120), *shares]))
    if top <= 140:
        return -(-top // 20) * 20, 20
    return min(-(-top // 50) * 50, 200), 50


def _x(share, axis):
    share = min(max(float(share), 0.0), axis)
    return PLOT_LEFT + share / axis * (PLOT_RIGHT - PLOT_LEFT)


def _bands(axis, on_track, at_risk, bottom):
    height = bottom - TOP + 6
    edges = [
        (0, at_risk, svg.OFF_TRACK_BAND),
        (at_risk, on_track, svg.AT_RISK_BAND),
        (on_track, axis, svg.ON_TRACK_BAND),
    ]
    return [
        svg.rect(_x(low, axis), TOP - 4, _x(high, axis) - _x(low, axis), height, colour)
        for low, high, colour in edges
        if float(high) > float(low)
    ]


def _grid(axis, step, bottom):
    parts = []
    share = 0
    while share <= axis:
        x = _x(share, axis)
        parts.append(svg.line(x, TOP - 4, x, bottom + 2))
        parts.append(
            svg.text(x, TOP - 9, f"{share:.0f}%", size=11, fill=svg.MUTED, anchor="middle")
        )
        share += step
    target = _x(100, axis)
    parts.append(
        svg.line(
            target,
            TOP - 6,
            target,
            bottom + 4,
            stroke=svg.INK,
            stroke_width=1.5,
            stroke_dasharray="4 3",
        )
    )
    return parts


def _status_colour(share, on_track, at_risk):
    if share >= Decimal(on_track):
        return svg.ON_TRACK
    if share >= Decimal(at_risk):
        return svg.AT_RISK
    return svg.OFF_TRACK


def _row(row, committed, result, top, axis, on_track, at_risk, result_colour):
    unit = f" {row.unit}" if row.unit else ""
    label = f"{row.code} {row.name}".strip()
    if row.target is None:
        target = _("no target")
    else:
        target = _("target %(value)s") % {"value": f"{svg.format_number(row.target)}{unit}"}
    if row.lower_is_better:
        lower_is_better = _("lower is better")
        target = f"{target} · {lower_is_better}"
    parts = [
        svg.text(LABEL_X, top + 13, svg.truncate(label, LABEL_WIDTH), size=12),
        svg.text(LABEL_X, top + 28, svg.truncate(target, LABEL_WIDTH, 11), size=11, fill=svg.MUTED),
    ]
    bars = [
        (_("Committed"), row.committed, committed, svg.COMMITTED, top + 3),
        (_("Result"), row.result, result, result_colour, top + 3 + BAR + 3),
    ]
    details = []
    for name, value, share, colour, y in bars:
        shown = svg.format_number(value) if value is not None else "—"
        if share is not None:
            shown = f"{shown} ({svg.format_percent(share)})"
            colour = colour or _status_colour(share, on_track, at_risk)
            parts.append(svg.rect(PLOT_LEFT, y, _x(share, axis) - PLOT_LEFT, BAR, colour))
            if float(share) > axis:
                parts.append(_overflow(PLOT_RIGHT, y))
            end = _x(share, axis)
        else:
            end = PLOT_LEFT
        parts.append(svg.haloed_text(end + 4, y + BAR - 2, shown, size=11))
        details.append(f"{name}: {shown}")
    summary = f"{label} — {target}; " + "; ".join(details)
    return svg.group(parts, title=summary, href=row.url)


def _overflow(x, y):
    """A notch at the end of a bar that runs past the axis."""
    points = f"{x - 5},{y} {x + 1},{y + BAR / 2} {x - 5},{y + BAR}"
    return svg.element("polyline", points=points, fill="none", stroke="#ffffff", stroke_width=2)


def _legend(y, on_track, at_risk, statuses):
    entries = [(svg.COMMITTED, _("Committed"))]
    if statuses:
        entries += [
            (svg.ON_TRACK, _("Result on track")),
            (svg.AT_RISK, _("Result at risk")),
            (svg.OFF_TRACK, _("Result off track")),
        ]
    else:
        entries.append((svg.RESULT, _("Result")))
    parts = []
    x = LABEL_X
    for colour, label in entries:
        parts.append(svg.rect(x, y - 9, 12, 10, colour))
        parts.append(svg.text(x + 16, y, label, size=11))
        x += 16 + svg.text_width(label, 11) + 14
    second = y + 20
    parts.append(
        svg.line(
            LABEL_X,
            second - 10,
            LABEL_X,
            second + 2,
            stroke=svg.INK,
            stroke_width=1.5,
            stroke_dasharray="4 3",
        )
    )
    if statuses:
        thresholds = _(
            "Target = 100%%. Shading: off track below %(at_risk)s, at risk below %(on_track)s, "
            "on track from %(on_track)s."
        ) % {"at_risk": svg.format_percent(at_risk), "on_track": svg.format_percent(on_track)}
    else:
        thresholds = _("Target = 100%")
    parts.append(svg.text(LABEL_X + 8, second, thresholds, size=11, fill=svg.MUTED))
    return parts
