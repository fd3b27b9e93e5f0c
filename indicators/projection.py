"""Projected achievement: where each indicator will land at the end of a fiscal year and at the
end of the programme, if the running projects keep delivering at the pace they have so far.

The method, in words (the dashboard and the README say the same):

- Each project's path is what it committed for each fiscal year in the KPI ledger. The part of
  the path already due is what it committed for the fiscal years that have ended (Thai fiscal
  years, October to September).
- A project's delivery rate, per indicator: its results to date ÷ its commitments already due,
  capped at 1 (a project ahead of its path is not projected to deliver more than it committed).
  A project with nothing due yet (no committed fiscal year has ended) counts at rate 1. For an
  indicator where lower is better the rate is the level due ÷ the level reached, capped at 1.
- A project's projection for a fiscal year that has not ended: its result for that year plus
  what it still has to deliver of its commitment for that year (never below 0) times its rate;
  for a year that has ended, its result. At the programme's end: the same over all its years.
- Projects combine as the indicator aggregates. Added-up indicators (sum, count of yes): the
  roll-up's result plus every project's projected remainder (so a municipality already counted
  stays counted once). Levels (average, maximum, latest): each project is heading for its own
  level — its result plus the rest of the way to its commitment times its rate — and these are
  averaged (average, and latest percentages), take the largest (maximum) or are summed over
  projects (latest amounts), as the roll-up combines municipalities. A project's figure over
  several years combines its years as targets do (`rollup.combined_target`: summed, averaged,
  the largest, or the last year's for latest values and cumulative targets).
- Achievement and status come from the projection against the target exactly as the roll-up's
  do from the result (`rollup.achievement`, `rollup.status`).

Everything is read from the ledger in a fixed number of queries whatever the number of projects:
the roll-up's own totals grouped by project and fiscal year (`ledger_totals`: one query, the
latest-value windows included; three with cumulative counts of yes), plus one for the fiscal
years unless the caller has them. Pages keep what they compute in the KPI figures' cache
(`indicators.cache`), whose version a new commitment or an accepted or returned report
replaces: it shows at once.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from core.numbers import cents
from indicators.models import Aggregation, Direction, FiscalYear
from indicators.rollup import achievement, combined_target, status
from indicators.totals import column, ledger_totals

ONE = Decimal(1)
ZERO = Decimal(0)
FIELDS = ["source", "fiscal_year"]

# How each kind of indicator is projected, for the page (keys are `Aggregation` values).
ADDED_UP = (Aggregation.SUM, Aggregation.COUNT_YES)


@dataclass(frozen=True)
class Projection:
    """One indicator's projection in one scope (a fiscal year, or the whole programme)."""

    projected: Decimal | None
    achievement: Decimal | None
    status: object
    projects: int  # running projects still projected to deliver something
    behind: int  # of these, projects whose rate is below 1


@dataclass
class ProjectPath:
    """One project's commitments and results against one indicator, per fiscal year (B.E.)."""

    committed: dict
    results: dict

    def rate(self, indicator, ended):
        """Results to date ÷ commitments already due, capped at 1; 1 with nothing due."""
        due = combined_target(
            indicator, [self.committed[y] for y in sorted(self.committed) if y in ended]
        )
        reached = combined_target(indicator, [self.results[y] for y in sorted(self.results)])
        if due is None or due <= 0:
            return ONE
        reached = reached or ZERO
        if indicator.direction == Direction.LOWER:
            return ONE if reached <= due else min(due / reached, ONE)
        return min(reached / due, ONE)


def paths(indicators, where, years=None):
    """{indicator id: {source: ProjectPath}} from the ledger rows matching `where`, keyed by
    fiscal year B.E.; a fixed number of queries. `years` ({fiscal year id: year B.E.}, every
    year) when the caller has read them."""
    if years is None:
        years = dict(FiscalYear.objects.values_list("pk", "year_be"))
    found = defaultdict(lambda: defaultdict(lambda: ProjectPath({}, {})))
    committed, results = ledger_totals(indicators, where, FIELDS, exact=True)
    for (indicator, source, year), value in committed.items():
        found[indicator][source].committed[years[year]] = value
    for (indicator, source, year), value in results.items():
        found[indicator][source].results[years[year]] = value
    return found


def ended_years(today):
    """The fiscal years (B.E.) that have ended by `today`."""
    current = FiscalYear.year_be_of(today)
    return range(2500, current)


def project_projection(indicator, path, rate, scope_years, ended):
    """(result, projected) of one project over `scope_years` (B.E., None: all its years)."""
    years = sorted(set(path.committed) | set(path.results))
    if scope_years is not None:
        if indicator.is_cumulative:
            # Figures to date: the scope's year stands for it, carrying the years before.
            years = [max(scope_years)] if years and min(years) <= max(scope_years) else []
        else:
            years = [y for y in years if y in scope_years]
    per_year_result, per_year_projected = [], []
    for year in years:
        result = _at(indicator, path.results, year)
        committed = _at(indicator, path.committed, year)
        projected = result
        if year not in ended and committed is not None:
            projected = _heading_for(indicator, result, committed, rate)
        per_year_result.append(result)
        per_year_projected.append(projected)
    return combined_target(indicator, per_year_result), combined_target(
        indicator, per_year_projected
    )


def _at(indicator, by_year, year):
    """A project's figure in `year`; to date (the last year up to it) for cumulative targets,
    since the ledger gives a running total only for the years that have rows."""
    if not indicator.is_cumulative:
        return by_year.get(year)
    earlier = [y for y in by_year if y <= year]
    return by_year[max(earlier)] if earlier else None


def _heading_for(indicator, result, committed, rate):
    if indicator.direction == Direction.LOWER:
        if result is None:
            return committed
        return result - max(result - committed, ZERO) * rate
    reached = result or ZERO
    return reached + max(committed - reached, ZERO) * rate


def combine(indicator, values):
    """Projects' projected levels combined as the roll-up combines municipalities."""
    values = [value for value in values if value is not None]
    if not values:
        return None
    name = column(indicator)
    if name == "avg":
        return sum(values) / len(values)
    if name == "max":
        return max(values)
    return sum(values)


def project(programme, rollups, where, *, fiscal_year=None, today=None, ledger=None):
    """{indicator id: Projection} for the `rollups` of `programme` (their target and result in
    the same scope): at the end of `fiscal_year`, or of the programme without one. `ledger`
    is what `paths` returned, when the caller reads it once for several scopes."""
    today = today or timezone.localdate()
    ended = ended_years(today)
    indicators = [rollup.indicator for rollup in rollups]
    ledger = ledger if ledger is not None else paths(indicators, where)
    scope_years = {fiscal_year.year_be} if fiscal_year is not None else None
    projections = {}
    for rollup in rollups:
        indicator = rollup.indicator
        projected_projects, remainders, behind, projects = [], [], 0, 0
        for path in ledger.get(indicator.pk, {}).values():
            rate = path.rate(indicator, ended)
            result, projected = project_projection(indicator, path, rate, scope_years, ended)
            projected_projects.append(projected)
            if projected is not None and projected != result:
                projects += 1
                behind += rate < ONE
                remainders.append(projected - (result or ZERO))
        if indicator.aggregation in ADDED_UP:
            if rollup.result is None and not remainders:
                value = None
            else:
                value = (rollup.result or ZERO) + sum(remainders, ZERO)
        else:
            value = combine(indicator, projected_projects)
        percent = achievement(indicator, rollup.target, value)
        projections[indicator.pk] = Projection(
            projected=cents(value),
            achievement=cents(percent),
            status=status(programme, percent),
            projects=projects,
            behind=behind,
        )
    return projections
