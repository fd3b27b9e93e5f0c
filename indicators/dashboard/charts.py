"""The dashboards' charts drawn from the ledger, for the pages and for PDF reports alike.

`indicators.charts` draws plain data; this module turns roll-ups and the dashboard selectors
into that data, with the titles the pages show. Links are optional (a PDF has no pages to go to).
"""

from django.utils.translation import gettext as _

from core.thai import format_date
from indicators.charts import bars as chart_bars
from indicators.charts import target as chart_target
from indicators.dashboard import selectors
from indicators.models import Direction


def indicator_bars(rollups, *, url=None):
    """Chart (a)'s rows from roll-ups; `url(indicator)` links each row when given."""
    return [
        chart_target.IndicatorBar(
            code=rollup.indicator.code,
            name=rollup.indicator.name,
            unit=str(rollup.indicator.unit or ""),
            target=rollup.target,
            committed=rollup.committed,
            result=rollup.result,
            lower_is_better=rollup.indicator.direction == Direction.LOWER,
            url=url(rollup.indicator) if url else None,
        )
        for rollup in rollups
    ]


def objective_chart(programme, objective, rollups, *, url=None):
    """Target, committed and result of an objective's indicators, with the programme's
    thresholds."""
    title = _("%(objective)s: committed and result as a share of the target") % {
        "objective": objective.code
    }
    return chart_target.target_chart(
        indicator_bars(rollups, url=url),
        title=title,
        on_track=programme.on_track_threshold,
        at_risk=programme.at_risk_threshold,
    )


def municipality_share_chart(programme, municipality, rollups):
    """What was committed and delivered in one municipality against the whole programme's
    targets: no status, since a part of the programme is not measured against all of it."""
    title = _("%(programme)s in %(municipality)s: share of the programme's target") % {
        "programme": programme.code,
        "municipality": municipality.name,
    }
    return chart_target.target_chart(indicator_bars(rollups), title=title, statuses=False)


def period_chart(scope, indicator):
    """Chart (b): the indicator's result for each end of reporting period; one query."""
    bars = [
        chart_bars.Bar(
            label=format_date(figure.period_end, "short"),
            value=figure.result,
            title=format_date(figure.period_end),
        )
        for figure in selectors.period_figures(scope, indicator)
    ]
    title = _("%(code)s: result per reporting period") % {"code": indicator.code}
    return chart_bars.period_chart(bars, title=title, unit=str(indicator.unit or ""))


def municipality_chart(scope, indicator, *, url=None):
    """Chart (c): committed and result of the indicator per municipality; `url(municipality)`
    links each row when given. One query."""
    pairs = [
        chart_bars.Pair(
            label=str(figure.municipality or _("No municipality")),
            committed=figure.committed,
            result=figure.result,
            url=url(figure.municipality) if url and figure.municipality else None,
        )
        for figure in selectors.municipality_figures(scope, indicator)
    ]
    title = _("%(code)s: committed and result per municipality") % {"code": indicator.code}
    return chart_bars.pair_chart(pairs, title=title, unit=str(indicator.unit or ""))
