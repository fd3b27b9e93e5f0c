"""Where each indicator will land: the projection (`indicators.projection`) beside the target
and the result of a dashboard's scope, the indicators likely to miss first."""

from dataclasses import dataclass, replace

from django.db.models import Exists, OuterRef, Subquery

from core.numbers import cents
from indicators.models import AchievementStatus, FiscalYear, IndicatorTarget, Programme
from indicators.projection import paths, project
from indicators.rollup import combined_target
from indicators.totals import result_totals

# Worst first: off track, at risk, on track, then those without a target or figures.
ORDER = {
    AchievementStatus.OFF_TRACK: 0,
    AchievementStatus.AT_RISK: 1,
    AchievementStatus.ON_TRACK: 2,
}


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


def year_outlook(scope, indicator, rollup=None):
    """One indicator's target, result and projection at the end of each of the programme's
    fiscal years and of the programme: [(fiscal year or None, figures, projection)]. Three
    queries: the fiscal years with the indicator's targets, the results per year, the ledger
    by project (read once for every year); one more for the results in all unless `rollup`,
    the indicator's roll-up in the scope, has them (without a fiscal year)."""
    where = ledger_of(scope)
    programme = scope.programme
    fiscal_years = list(
        FiscalYear.objects.annotate(
            in_programme=Exists(
                Programme.fiscal_years.through.objects.filter(
                    programme=programme, fiscalyear=OuterRef("pk")
                )
            ),
            target=Subquery(
                IndicatorTarget.objects.filter(
                    indicator=indicator, fiscal_year=OuterRef("pk")
                ).values("value")[:1]
            ),
        ).order_by("year_be")
    )
    years = {year.pk: year.year_be for year in fiscal_years}
    fiscal_years = [year for year in fiscal_years if year.in_programme]
    per_year = result_totals([indicator], where, ["fiscal_year"], exact=True)
    if rollup is not None and scope.fiscal_year is None:
        in_all = rollup.result
    else:
        in_all = result_totals([indicator], where, [], exact=True).get((indicator.pk,))
    ledger = paths([indicator], where, years)
    rows = []
    for fiscal_year in fiscal_years:
        figures = YearFigures(
            indicator,
            cents(fiscal_year.target),
            cents(per_year.get((indicator.pk, fiscal_year.pk))),
        )
        rows.append((fiscal_year, figures, _one(scope, figures, where, ledger, fiscal_year)))
    whole = YearFigures(
        indicator,
        cents(combined_target(indicator, [year.target for year in fiscal_years])),
        cents(in_all),
    )
    rows.append((None, whole, _one(scope, whole, where, ledger, None)))
    return rows


def _one(scope, figures, where, ledger, fiscal_year):
    return project(scope.programme, [figures], where, fiscal_year=fiscal_year, ledger=ledger)[
        figures.indicator.pk
    ]
