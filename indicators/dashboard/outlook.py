"""Where each indicator will land: the projection (`indicators.projection`) beside the target
and the result of a dashboard's scope, the indicators likely to miss first."""

from dataclasses import dataclass, replace

from core.numbers import cents
from indicators.models import AchievementStatus, IndicatorTarget
from indicators.projection import paths, project
from indicators.rollup import indicator_rollup

# Worst first: off track, at risk, on track, then those without a target or figures.
ORDER = {AchievementStatus.OFF_TRACK: 0, AchievementStatus.AT_RISK: 1, AchievementStatus.ON_TRACK: 2}


@dataclass(frozen=True)
class OutlookRow:
    rollup: object
    projection: object
    url: str

    @property
    def status(self):
        """The projected status, for the status badge (it reads `rollup.status`)."""
        return self.projection.status

    @property
    def result(self):
        return self.projection.projected


def ledger_of(scope):
    """The ledger rows a projection reads: the scope's filters but every fiscal year, since a
    project's delivery rate looks at its whole path."""
    return replace(scope, fiscal_year=None).ledger()


def programme_outlook(scope, rollups, url):
    """One `OutlookRow` per indicator, those likely to miss their target first."""
    projections = project(scope.programme, rollups, ledger_of(scope), fiscal_year=scope.fiscal_year)
    rows = [
        OutlookRow(rollup, projections[rollup.indicator.pk], url(rollup.indicator))
        for rollup in rollups
    ]
    rows.sort(key=lambda row: (ORDER.get(row.projection.status, 3), row.rollup.indicator.code))
    return rows


@dataclass(frozen=True)
class YearFigures:
    """An indicator's target and result in one fiscal year, as a roll-up gives them."""

    indicator: object
    target: object
    result: object


def year_outlook(scope, indicator):
    """One indicator's target, result and projection at the end of each of the programme's
    fiscal years and of the programme: [(fiscal year or None, figures, projection)], in a
    fixed number of queries (the ledger is read once for every year)."""
    whole_scope = replace(scope, fiscal_year=None)
    (rollup,) = [
        item
        for item in indicator_rollup(
            scope.programme, **whole_scope.rollup_filters(), group_by=("fiscal_year",)
        )
        if item.indicator.pk == indicator.pk
    ]
    by_year = {group.key["fiscal_year"]: group for group in rollup.groups}
    targets = dict(
        IndicatorTarget.objects.filter(indicator=indicator).values_list("fiscal_year", "value")
    )
    where = whole_scope.ledger()
    ledger = paths([indicator], where)
    rows = []
    for fiscal_year in scope.programme.fiscal_years.order_by("year_be"):
        group = by_year.get(fiscal_year.pk)
        figures = YearFigures(
            indicator,
            cents(targets.get(fiscal_year.pk)),
            group.result if group else None,
        )
        projection = project(
            scope.programme, [figures], where, fiscal_year=fiscal_year, ledger=ledger
        )[indicator.pk]
        rows.append((fiscal_year, figures, projection))
    whole = project(scope.programme, [rollup], where, ledger=ledger)[indicator.pk]
    rows.append((None, rollup, whole))
    return rows
