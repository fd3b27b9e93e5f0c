import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.safestring import SafeString

from indicators.charts import svg as parts
from indicators.charts.bars import (
    PAIR_LEFT,
    PAIR_RIGHT,
    PERIOD_BOTTOM,
    PERIOD_TOP,
    Bar,
    Pair,
    pair_chart,
    period_chart,
)
from indicators.charts.svg import empty, format_number, truncate
from indicators.charts.target import (
    PLOT_LEFT,
    PLOT_RIGHT,
    IndicatorBar,
    share_of_target,
    target_chart,
)

NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def parse(chart):
    return ET.fromstring(str(chart))


def rects(root, fill):
    return [element for element in root.iter(f"{NS}rect") if element.get("fill") == fill]


def texts(root):
    return ["".join(element.itertext()) for element in root.iter(f"{NS}text")]


def titles(root):
    return [element.text for element in root.iter(f"{NS}title")]


def width(element):
    return float(element.get("width"))


def height(element):
    return float(element.get("height"))


def indicator(code="KR1", name="Cities", **values):
    return IndicatorBar(code=code, name=name, unit="cities", **values)


def test_a_chart_is_a_self_contained_labelled_svg_document():
    chart = target_chart([indicator(target=Decimal(10), result=Decimal(5))], title="O1 chart")

    root = parse(chart)

    assert isinstance(chart, SafeString)
    assert root.tag == f"{NS}svg"
    assert (root.get("role"), root.get("aria-label"), root.get("font-family")) == (
        "img",
        "O1 chart",
        "Sarabun, sans-serif",
    )
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert root[0].tag == f"{NS}title" and root[0].text == "O1 chart"
    assert "<style" not in chart and "<script" not in chart and 'href="http' not in chart


def test_bars_are_drawn_as_a_share_of_the_target():
    chart = target_chart(
        [indicator(target=Decimal(200), committed=Decimal(100), result=Decimal(200))],
        title="t",
    )
    root = parse(chart)

    committed, _legend = rects(root, parts.COMMITTED)
    result, _legend = rects(root, parts.ON_TRACK)

    full = (PLOT_RIGHT - PLOT_LEFT) * 100 / 120  # the axis runs to 120%
    assert (width(committed), width(result)) == (round(full / 2, 1), round(full, 1))
    assert "100 (50%)" in texts(root) and "200 (100%)" in texts(root)


def test_results_take_the_colour_of_their_status_by_the_programmes_thresholds():
    rows = [
        indicator(code="A", target=Decimal(100), result=Decimal(80)),
        indicator(code="B", target=Decimal(100), result=Decimal(50)),
        indicator(code="C", target=Decimal(100), result=Decimal(40)),
    ]
    root = parse(target_chart(rows, title="t", on_track=Decimal(80), at_risk=Decimal(50)))

    coloured = [
        element.get("fill") for element in root.iter(f"{NS}rect") if element.get("height") == "12"
    ]
    assert coloured == [parts.ON_TRACK, parts.AT_RISK, parts.OFF_TRACK]


def test_thresholds_shade_the_background_from_zero_to_the_end_of_the_axis():
    root = parse(
        target_chart(
            [indicator(target=Decimal(10), result=Decimal(5))],
            title="t",
            on_track=Decimal(90),
            at_risk=Decimal(60),
        )
    )
    bands = [
        (float(element.get("x")), width(element))
        for colour in (parts.OFF_TRACK_BAND, parts.AT_RISK_BAND, parts.ON_TRACK_BAND)
        for element in rects(root, colour)
    ]
    span = PLOT_RIGHT - PLOT_LEFT
    assert bands == [
        (PLOT_LEFT, round(span * 60 / 120, 1)),
        (round(PLOT_LEFT + span * 60 / 120, 1), round(span * 30 / 120, 1)),
        (round(PLOT_LEFT + span * 90 / 120, 1), round(span * 30 / 120, 1)),
    ]
    assert "Target = 100%. Shading: off track below 60%, at risk below 90%, on track from 90%." in (
        texts(root)
    )


def test_without_statuses_there_is_no_shading_and_results_have_one_colour():
    root = parse(
        target_chart([indicator(target=Decimal(10), result=Decimal(2))], title="t", statuses=False)
    )

    assert rects(root, parts.OFF_TRACK_BAND) == []
    assert len(rects(root, parts.RESULT)) == 2  # the bar and its legend swatch
    assert rects(root, parts.OFF_TRACK) == []


def test_lower_is_better_measures_the_target_against_the_value():
    root = parse(
        target_chart(
            [indicator(target=Decimal(7), result=Decimal(14), lower_is_better=True)], title="t"
        )
    )

    assert "14 (50%)" in texts(root)
    assert "target 7 cities · lower is better" in texts(root)


def test_a_huge_value_stops_at_the_end_of_the_axis_with_its_real_value_written():
    root = parse(target_chart([indicator(target=Decimal(1), result=Decimal(1_000_000))], title="t"))

    (bar,) = rects(root, parts.ON_TRACK)[:1]
    assert float(bar.get("x")) + width(bar) == PLOT_RIGHT
    assert "1,000,000 (100,000,000%)" in texts(root)
    assert len(list(root.iter(f"{NS}polyline"))) == 1  # the notch of a bar cut short


def test_a_negative_value_draws_no_bar_but_says_its_value():
    root = parse(target_chart([indicator(target=Decimal(10), result=Decimal(-5))], title="t"))

    bar = rects(root, parts.OFF_TRACK)[0]
    assert width(bar) == 0
    assert "-5 (-50%)" in texts(root)


def test_an_indicator_without_target_shows_its_values_without_bars():
    root = parse(target_chart([indicator(committed=Decimal(3), result=None)], title="t"))

    assert [element for element in root.iter(f"{NS}rect") if element.get("height") == "12"] == []
    assert {"3", "—", "no target"} <= set(texts(root))


def test_labels_are_escaped_and_long_ones_cut_with_the_whole_in_the_title():
    name = 'Data <script>alert("x")</script> & friends, a very long name that cannot fit the column'
    chart = target_chart(
        [indicator(name=name, target=Decimal(1), result=Decimal(1), url="/a?b=1&c=2")],
        title="<b>",
    )

    root = parse(chart)

    assert "<script>" not in chart and "&lt;script&gt;" in chart
    (label,) = [text for text in texts(root) if text.startswith("KR1 Data")]
    assert label.endswith("…") and len(label) < len(name)
    assert any(title.startswith(f"KR1 {name} — target 1 cities") for title in titles(root))
    assert root.get("aria-label") == "<b>"
    (link,) = root.iter(f"{NS}a")
    assert link.get("href") == "/a?b=1&c=2"


def test_thai_labels_keep_their_marks_when_cut():
    label = "จำนวนชุดข้อมูลสำรวจเมืองที่จัดทำและเปิดเผยต่อสาธารณะในทุกเทศบาล"

    cut = truncate(label, 100)

    # 100 px hold 16 letters at 12 px: 15 and the ellipsis; a vowel or tone mark above or
    # below ("ชุ", "ข้", "ที่") rides on its letter
    assert cut == "จำนวนชุดข้อมูลสำรว…"
    assert truncate("ที่ที่ที่ที่ที่ที่", 30) == "ที่ที่ที่…"


def test_a_short_label_is_left_whole():
    assert truncate("KR1.1  Cities", 300) == "KR1.1 Cities"


def test_no_rows_draw_the_no_data_chart():
    root = parse(target_chart([], title="Nothing"))

    assert texts(root) == ["Nothing", "No data yet"]
    assert root.get("aria-label") == "Nothing"
    assert str(empty("x", "Soon")).count("Soon") == 1


def test_period_columns_are_proportional_and_negative_ones_hang_below_zero():
    root = parse(
        period_chart(
            [
                Bar(label="31 Mar 2025", value=Decimal(10)),
                Bar(label="30 Sep 2025", value=Decimal(20)),
                Bar(label="31 Mar 2026", value=Decimal(-10)),
                Bar(label="no value", value=None),
            ],
            title="Per period",
            unit="cities",
        )
    )

    columns = rects(root, parts.RESULT)
    assert len(columns) == 3
    # ticks run from -10 to 20: 30 units over the plot's height
    unit = (PERIOD_BOTTOM - PERIOD_TOP) / 30
    assert [height(column) for column in columns] == [
        round(10 * unit, 1),
        round(20 * unit, 1),
        round(10 * unit, 1),
    ]
    zero = PERIOD_BOTTOM - 10 * unit
    assert float(columns[2].get("y")) == round(zero, 1)
    assert float(columns[0].get("y")) + height(columns[0]) == pytest.approx(zero, abs=0.1)
    assert "30 Sep 2025: 20 cities" in titles(root)
    assert "no value" not in texts(root)


def test_periods_without_values_draw_the_no_data_chart():
    root = parse(period_chart([Bar(label="x", value=None)], title="Per period"))

    assert texts(root) == ["Per period", "No data yet"]


def test_pairs_put_committed_beside_result_in_the_same_scale():
    root = parse(
        pair_chart(
            [
                Pair(label="เทศบาลนครลำปาง", committed=Decimal(40), result=Decimal(10)),
                Pair(label="Town <2>", committed=Decimal(20), result=None, url="/m/2/"),
                Pair(label="Nothing here", committed=None, result=None),
            ],
            title="By municipality",
            unit="datasets",
        )
    )

    committed = rects(root, parts.COMMITTED)[:2]
    results = rects(root, parts.RESULT)[:1]
    span = PAIR_RIGHT - PAIR_LEFT  # ticks from 0 to 40
    assert [width(bar) for bar in committed] == [span, span / 2]
    assert width(results[0]) == span / 4
    assert "เทศบาลนครลำปาง" in texts(root)
    assert "Town <2> — Committed: 20 datasets; Result: —" in titles(root)
    assert "Nothing here" not in texts(root)
    assert [link.get("href") for link in root.iter(f"{NS}a")] == ["/m/2/"]


def test_pairs_with_negative_values_start_from_the_zero_line():
    root = parse(
        pair_chart(
            [Pair(label="A", committed=Decimal(10), result=Decimal(-10))], title="t", unit=""
        )
    )

    (committed,) = rects(root, parts.COMMITTED)[:1]
    (result,) = rects(root, parts.RESULT)[:1]
    assert float(result.get("x")) + width(result) == float(committed.get("x"))
    assert width(result) == width(committed)


def test_numbers_have_separators_and_at_most_two_decimals():
    assert [
        format_number(value)
        for value in (Decimal("1234567.50"), Decimal("7.00"), Decimal("0.125"), None, -3)
    ] == ["1,234,567.5", "7", "0.13", "—", "-3"]


@pytest.mark.parametrize(
    ("value", "target", "lower", "share"),
    [
        (Decimal(5), Decimal(10), False, Decimal("50.00")),
        (Decimal(5), Decimal(0), False, None),
        (Decimal(5), None, False, None),
        (None, Decimal(10), False, None),
        (Decimal(14), Decimal(7), True, Decimal("50.00")),
        (Decimal(0), Decimal(7), True, Decimal(100)),
        (Decimal(1), Decimal(3), False, Decimal("33.33")),
    ],
)
def test_share_of_target_follows_the_direction(value, target, lower, share):
    assert share_of_target(value, target, lower) == share


def test_the_largest_ledger_values_still_fit_their_charts():
    huge = Decimal("9999999999999999.99")

    columns = parse(period_chart([Bar(label="x", value=huge)], title="t"))
    pairs = parse(pair_chart([Pair(label="x", committed=huge, result=Decimal(0))], title="t"))

    (column,) = rects(columns, parts.RESULT)
    assert float(column.get("y")) >= PERIOD_TOP and height(column) > 0
    assert "10,000,000,000,000,000" in texts(columns)
    bar = rects(pairs, parts.COMMITTED)[0]
    assert float(bar.get("x")) + width(bar) <= PAIR_RIGHT


def test_many_periods_tilt_their_labels_to_keep_them_apart():
    bars = [Bar(label=f"{day} Mar 2025", value=Decimal(day)) for day in range(1, 13)]

    root = parse(period_chart(bars, title="t"))

    tilted = [text for text in root.iter(f"{NS}text") if text.get("transform")]
    assert len(tilted) == 12
    assert tilted[0].get("transform").startswith("rotate(-35 ")
