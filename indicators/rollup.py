"""The KPI roll-up: targets, commitments and results of a programme's indicators.

Everything is aggregated in the database from the ledger (`Commitment`, `Result`), counting only
rows whose status is counted. The number of queries is fixed whatever the number of indicators:
one for the indicators, one for the targets (and one more for the targets per year when grouping
by fiscal year), then three for the figures — commitments, results aggregated by sum, average,
maximum and count of yes, and results aggregated by latest value — plus those three again for
the groups when `group_by` is given (and one more each for commitments and results when grouping
cumulative counts of yes by fiscal year). The targets of several years are combined in Python.

The rules:

- Target. With a fiscal year, the target of that year. Without one, the targets of the
  programme's fiscal years combined as the indicator aggregates its results: summed for sum and
  count of yes; for average their average, for maximum their maximum, for latest the target of the
  last year that has one (adding up yearly percentages or levels would mean nothing). An
  indicator whose targets are cumulative (each year's target is the total to reach by the end
  of that year, earlier years included) takes the target of the last year: 6 cities by 2567 and
  12 by 2568 is 12 in all, not 18.
- Committed, over counted commitments, combined as the indicator aggregates: summed for sum,
  averaged for average, the maximum for maximum, counted as results are for count of yes; for
  latest, the commitments of the last fiscal year each municipality has one for, combined
  across municipalities as below.
- Percentages are never added up: wherever values of several municipalities (or projects) would
  be summed — the latest values, the commitments of a latest indicator — an indicator whose
  values are percentages takes their average instead (and an indicator cannot sum them).
- Result, over counted results only. Sum, average (each reported row weighs the same) and maximum
  of the values. Count of yes: how many distinct municipalities said yes (a value of 1) in the
  period, plus, among rows without a municipality, how many distinct projects did — a
  municipality that said yes in two reports counts once. Latest: for each municipality (rows
  without a municipality form one bucket of their own) the value of the row with the latest
  `period_end` — on a tie the row recorded last — and these values summed over the
  municipalities (averaged for percentages). With `group_by`, the latest row is taken within
  each group (within each fiscal year, each technology…). See `indicators.totals`.
- Cumulative targets, with a fiscal year: committed and result are to date (every row of that
  year and the years before), as the target is; grouped by fiscal year, each year's figures are
  to date. Projects commit and report what they add in each year, so the total to date is the
  sum (or the municipalities that said yes so far).
- Achievement, in percent, computed from the exact figures (an average of 2.70, 2.70 and 2.69
  against 3 is 89.89%, not 90%). Higher is better: result / target × 100; a target of 0 gives
  no achievement. Lower is better: target / result × 100; a result of 0 cannot be beaten, so it
  counts as 100 (the target is met) rather than an infinite ratio. None without a target or a
  result.
- Status, from the exact achievement and the programme's thresholds: at least
  `on_track_threshold` → on track; at least `at_risk_threshold` → at risk; below → off track; None
  without an achievement. Target, committed, result and achievement are rounded half up to 0.01
  only to be shown, so 89.996% shows as 90.00% and is at risk.
- Groups. Keys are ids (municipality, fiscal year, technology) or the region code. The programme
  sets targets per fiscal year only, so a group has a target (and an achievement and status) only
  when grouping by fiscal year alone.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from core.numbers import cents
from indicators.models import (
    CUMULATIVE_AGGREGATIONS,
    AchievementStatus,
    Aggregation,
    Direction,
    Indicator,
    IndicatorTarget,
    LedgerStatus,
)
from indicators.totals import ledger_totals

GROUPS = {
    "municipality": "municipality",
    "fiscal_year": "fiscal_year",
    "region": "municipality__region",
    "technology": "technology",
}
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class RollupGroup:
    key: dict
    target: Decimal | None
    committed: Decimal | None
    result: Decimal | None
    achievement: Decimal | None
    status: AchievementStatus | None


@dataclass(frozen=True)
class IndicatorRollup:
    indicator: Indicator
    target: Decimal | None
    committed: Decimal | None
    result: Decimal | None
    achievement: Decimal | None
    status: AchievementStatus | None
    groups: list[RollupGroup] = field(default_factory=list)


def indicator_rollup(
    programme,
    *,
    fiscal_year=None,
    region=None,
    technology=None,
    municipality=None,
    dimension=None,
    group_by=(),
    indicators=None,
):
    """One `IndicatorRollup` per indicator of `programme`, in framework order, filtered; or
    per indicator of `indicators` (of `programme`, already read: one query less)."""
    group_by = _checked(group_by)
    if indicators is None:
        indicators = programme_indicators(programme, dimension=dimension)
    indicators = list(indicators)
    ids = [indicator.pk for indicator in indicators]
    where = ledger_scope(
        programme,
        ids,
        fiscal_year=fiscal_year,
        region=region,
        technology=technology,
        municipality=municipality,
    )
    targets = _targets(
        programme, {indicator.pk: indicator for indicator in indicators}, fiscal_year
    )
    committed, results = _figures(indicators, where, ())
    groups = {}
    if group_by:
        year_targets = _targets_per_year(ids, fiscal_year) if group_by == ("fiscal_year",) else {}
        groups = rollup_groups(
            programme, indicators, where, group_by, fiscal_year=fiscal_year, targets=year_targets
        )

    rollups = []
    for indicator in indicators:
        figures = _shown(
            programme,
            indicator,
            targets.get(indicator.pk),
            committed.get((indicator.pk,)),
            results.get((indicator.pk,)),
        )
        rollups.append(
            IndicatorRollup(indicator=indicator, groups=groups.get(indicator.pk, []), **figures)
        )
    return rollups


def programme_indicators(programme, *, dimension=None):
    """The indicators of `programme` in framework order (with their objective), those of
    `dimension` only when it is given; a queryset."""
    indicators = Indicator.objects.filter(programme=programme).select_related("objective")
    if dimension is not None:
        indicators = indicators.filter(dimensions=dimension)
    return indicators


def ledger_scope(
    programme, ids, *, fiscal_year=None, region=None, technology=None, municipality=None
):
    """The counted ledger rows of `programme`'s indicators `ids` within the filters, as a Q
    (of `Commitment` or `Result`)."""
    where = Q(programme=programme, indicator__in=ids, status=LedgerStatus.COUNTED)
    if fiscal_year is not None:
        where &= year_condition(fiscal_year)
    if region is not None:
        where &= Q(municipality__region=region)
    if technology is not None:
        where &= Q(technology=technology)
    if municipality is not None:
        where &= Q(municipality=municipality)
    return where


def rollup_groups(programme, indicators, where, group_by, *, fiscal_year=None, targets=None):
    """{indicator id: [RollupGroup]}: the figures of `indicators` over the ledger rows `where`
    (see `ledger_scope`) grouped by `group_by`, without the indicators' overall figures (a
    caller that needs only the groups, such as the KPI matrix grouped two ways, skips their
    queries). `targets` {(indicator id, fiscal year id): target} gives the groups of a
    grouping by fiscal year alone their target; `fiscal_year` keeps that year's groups only
    (figures to date reach back to earlier years)."""
    group_by = _checked(group_by)
    targets = targets or {}
    group_committed, group_results = _figures(indicators, where, group_by)
    keys_of = defaultdict(set)
    for key in (*group_committed, *group_results):
        if _in_year(key, group_by, fiscal_year):
            keys_of[key[0]].add(key)
    groups = {}
    for indicator in indicators:
        keys = sorted(keys_of.get(indicator.pk, ()), key=lambda key: tuple(map(str, key)))
        groups[indicator.pk] = [
            RollupGroup(
                key=dict(zip(group_by, key[1:], strict=True)),
                **_shown(
                    programme,
                    indicator,
                    targets.get(key),
                    group_committed.get(key),
                    group_results.get(key),
                ),
            )
            for key in keys
        ]
    return groups


def _checked(group_by):
    group_by = tuple(group_by)
    unknown = set(group_by) - set(GROUPS)
    if unknown:
        raise ValueError(f"cannot group by {sorted(unknown)}; choose from {sorted(GROUPS)}")
    return group_by


def _shown(programme, indicator, target, committed, result):
    """The figures as pages show them (rounded half up to 0.01), with the achievement and the
    status worked out from the exact values."""
    percent = achievement(indicator, target, result)
    return {
        "target": cents(target),
        "committed": cents(committed),
        "result": cents(result),
        "achievement": cents(percent),
        "status": status(programme, percent),
    }


def _in_year(key, group_by, fiscal_year):
    if fiscal_year is None or "fiscal_year" not in group_by:
        return True
    return key[1 + group_by.index("fiscal_year")] == fiscal_year.pk


def year_condition(fiscal_year):
    """The ledger rows the figures of `fiscal_year` read: that year's, and for an indicator
    whose targets are cumulative every row up to and including that year (figures to date,
    against a target to date)."""
    cumulative = Q(
        indicator__targets_cumulative=True,
        indicator__aggregation__in=CUMULATIVE_AGGREGATIONS,
    )
    return (cumulative & Q(fiscal_year__year_be__lte=fiscal_year.year_be)) | (
        ~cumulative & Q(fiscal_year=fiscal_year)
    )


def combined_target(indicator, targets):
    """The target of several fiscal years (`targets`: their values, oldest year first),
    combined as the indicator aggregates (see the rules); None without any."""
    targets = [value for value in targets if value is not None]
    if not targets:
        return None
    if indicator.is_cumulative or indicator.aggregation == Aggregation.LATEST:
        return targets[-1]
    if indicator.aggregation == Aggregation.AVERAGE:
        return sum(targets) / len(targets)
    if indicator.aggregation == Aggregation.MAXIMUM:
        return max(targets)
    return sum(targets)


def _targets(programme, indicators, fiscal_year):
    """{indicator id: target} over the years in scope, exact; one query."""
    years = [fiscal_year] if fiscal_year is not None else programme.fiscal_years.all()
    rows = (
        IndicatorTarget.objects.filter(indicator__in=list(indicators), fiscal_year__in=years)
        .order_by("fiscal_year__year_be")
        .values_list("indicator", "value")
    )
    by_indicator = defaultdict(list)
    for indicator_id, value in rows:
        by_indicator[indicator_id].append(value)
    return {
        pk: combined_target(indicator, by_indicator[pk])
        for pk, indicator in indicators.items()
        if by_indicator.get(pk)
    }


def _targets_per_year(ids, fiscal_year):
    targets = IndicatorTarget.objects.filter(indicator__in=ids)
    if fiscal_year is not None:
        targets = targets.filter(fiscal_year=fiscal_year)
    return {
        (indicator_id, year_id): value
        for indicator_id, year_id, value in targets.values_list("indicator", "fiscal_year", "value")
    }


def _figures(indicators, where, group_by):
    """Committed and result per (indicator id, *group values), exact, in one query (more when
    grouping cumulative figures by fiscal year)."""
    fields = [GROUPS[name] for name in group_by]
    return ledger_totals(indicators, where, fields, exact=True)


def achievement(indicator, target, result):
    """Percent of `target` met by `result`, by the indicator's direction (see the rules),
    exact: pages round it to show it, the status compares it unrounded."""
    if target is None or result is None:
        return None
    if indicator.direction == Direction.LOWER:
        if result == 0:
            return HUNDRED
        return target / result * HUNDRED
    if target == 0:
        return None
    return result / target * HUNDRED


def status(programme, percent):
    """The `AchievementStatus` of `percent` by the programme's thresholds; None without it."""
    if percent is None:
        return None
    if percent >= programme.on_track_threshold:
        return AchievementStatus.ON_TRACK
    if percent >= programme.at_risk_threshold:
        return AchievementStatus.AT_RISK
    return AchievementStatus.OFF_TRACK
