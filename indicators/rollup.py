"""The KPI roll-up: targets, commitments and results of a programme's indicators.

Everything is aggregated in the database from the ledger (`Commitment`, `Result`), counting only
rows whose status is counted. The number of queries is fixed whatever the number of indicators:
one for the indicators, one for the targets (and one more for the targets per year when grouping
by fiscal year), then three for the figures — commitments, results aggregated by sum, average,
maximum and count of yes, and results aggregated by latest value — plus those three again for
the groups when `group_by` is given.

The rules:

- Target. With a fiscal year, the target of that year. Without one, the targets of the
  programme's fiscal years combined as the indicator aggregates its results: summed for sum and
  count of yes; for average their average, for maximum their maximum, for latest the target of the
  last year that has one (adding up yearly percentages or levels would mean nothing).
- Committed, over counted commitments, combined as the indicator aggregates: summed for sum and
  count of yes, averaged for average, the maximum for maximum; for latest, the commitments of
  the last fiscal year each municipality has one for, combined across municipalities as below.
- Percentages are never added up: wherever values of several municipalities (or projects) would
  be summed — the latest values, the commitments of a latest indicator — an indicator whose
  values are percentages takes their average instead.
- Result, over counted results only. Sum, average (each reported row weighs the same) and maximum
  of the values; count of yes is the number of rows whose value is 1. Latest: for each
  municipality (rows without a municipality form one bucket of their own) the value of the row
  with the latest `period_end` — on a tie the row recorded last — and these values summed over the
  municipalities (averaged for percentages). With `group_by`, the latest row is taken within
  each group (within each fiscal year, each technology…).
- Achievement, in percent rounded to 0.01. Higher is better: result / target × 100; a target of
  0 gives no achievement. Lower is better: target / result × 100; a result of 0 cannot be beaten,
  so it counts as 100 (the target is met) rather than an infinite ratio. None without a target or
  a result.
- Status, from the rounded achievement and the programme's thresholds: at least
  `on_track_threshold` → on track; at least `at_risk_threshold` → at risk; below → off track; None
  without an achievement.
- Groups. Keys are ids (municipality, fiscal year, technology) or the region code. The programme
  sets targets per fiscal year only, so a group has a target (and an achievement and status) only
  when grouping by fiscal year alone.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from core.numbers import CENT, cents
from indicators.models import (
    AchievementStatus,
    Aggregation,
    Commitment,
    Direction,
    Indicator,
    IndicatorTarget,
    LedgerStatus,
    Result,
    ValueType,
)

GROUPS = {
    "municipality": "municipality",
    "fiscal_year": "fiscal_year",
    "region": "municipality__region",
    "technology": "technology",
}
HUNDRED = Decimal(100)
TARGET_COLUMN = {
    Aggregation.SUM: "sum",
    Aggregation.COUNT_YES: "sum",
    Aggregation.AVERAGE: "avg",
    Aggregation.MAXIMUM: "max",
    Aggregation.LATEST: "latest",
}
RESULT_COLUMN = {
    Aggregation.SUM: "sum",
    Aggregation.COUNT_YES: "yes",
    Aggregation.AVERAGE: "avg",
    Aggregation.MAXIMUM: "max",
}


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
):
    """One `IndicatorRollup` per indicator of `programme`, in framework order, filtered."""
    group_by = tuple(group_by)
    unknown = set(group_by) - set(GROUPS)
    if unknown:
        raise ValueError(f"cannot group by {sorted(unknown)}; choose from {sorted(GROUPS)}")
    indicators = Indicator.objects.filter(programme=programme)
    if dimension is not None:
        indicators = indicators.filter(dimensions=dimension)
    indicators = list(indicators)
    ids = [indicator.pk for indicator in indicators]

    where = Q(programme=programme, indicator__in=ids, status=LedgerStatus.COUNTED)
    if fiscal_year is not None:
        where &= Q(fiscal_year=fiscal_year)
    if region is not None:
        where &= Q(municipality__region=region)
    if technology is not None:
        where &= Q(technology=technology)
    if municipality is not None:
        where &= Q(municipality=municipality)

    targets = _targets(programme, ids, fiscal_year)
    committed, results = _figures(indicators, where, ())
    if group_by:
        group_committed, group_results = _figures(indicators, where, group_by)
        year_targets = _targets_per_year(ids, fiscal_year) if group_by == ("fiscal_year",) else {}

    rollups = []
    for indicator in indicators:
        target = targets.get(indicator.pk, {}).get(TARGET_COLUMN[indicator.aggregation])
        result = results.get((indicator.pk,))
        percent = achievement(indicator, target, result)
        groups = []
        if group_by:
            keys = sorted(
                {key for key in (*group_committed, *group_results) if key[0] == indicator.pk},
                key=lambda key: tuple(str(part) for part in key),
            )
            for key in keys:
                group_target = year_targets.get(key)
                group_result = group_results.get(key)
                group_achievement = achievement(indicator, group_target, group_result)
                groups.append(
                    RollupGroup(
                        key=dict(zip(group_by, key[1:], strict=True)),
                        target=group_target,
                        committed=group_committed.get(key),
                        result=group_result,
                        achievement=group_achievement,
                        status=status(programme, group_achievement),
                    )
                )
        rollups.append(
            IndicatorRollup(
                indicator=indicator,
                target=target,
                committed=committed.get((indicator.pk,)),
                result=result,
                achievement=percent,
                status=status(programme, percent),
                groups=groups,
            )
        )
    return rollups


def _targets(programme, ids, fiscal_year):
    """{indicator id: {"sum", "avg", "max", "latest": value}} over the years in scope."""
    years = [fiscal_year] if fiscal_year is not None else programme.fiscal_years.all()
    targets = IndicatorTarget.objects.filter(indicator__in=ids, fiscal_year__in=years)
    last = (
        targets.filter(indicator=OuterRef("indicator"))
        .order_by("-fiscal_year__year_be")
        .values("value")[:1]
    )
    rows = (
        targets.values("indicator")
        .annotate(sum=Sum("value"), avg=Avg("value"), max=Max("value"), latest=Subquery(last))
        .order_by()
    )
    return {
        row.pop("indicator"): {name: cents(value) for name, value in row.items()} for row in rows
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
    """Committed and result per (indicator id, *group values), from three queries."""
    fields = [GROUPS[name] for name in group_by]
    return committed_totals(indicators, where, fields), result_totals(indicators, where, fields)


def committed_totals(indicators, where, fields):
    """{(indicator id, *fields): committed value by the indicator's rule}; one query."""
    by_pk = _by_pk(indicators)
    latest = [pk for pk, indicator in by_pk.items() if _is_latest(indicator)]
    rows = Commitment.objects.filter(where, indicator__in=list(by_pk))
    if latest:
        rows = rows.filter(
            ~Q(indicator__in=latest) | Q(fiscal_year=Subquery(_last_year(where, fields)))
        )
    rows = (
        rows.values("indicator", *fields)
        .annotate(sum=Sum("value"), avg=Avg("value"), max=Max("value"))
        .order_by()
    )
    return {_key(row, fields): cents(row[column(by_pk[row["indicator"]])]) for row in rows}


def result_totals(indicators, where, fields):
    """{(indicator id, *fields): result by the indicator's rule}; one query per kind of rule
    present (latest, or the others)."""
    by_pk = _by_pk(indicators)
    latest = [pk for pk, indicator in by_pk.items() if _is_latest(indicator)]
    other = [pk for pk, indicator in by_pk.items() if not _is_latest(indicator)]
    totals = {}
    if other:
        rows = (
            Result.objects.filter(where, indicator__in=other)
            .values("indicator", *fields)
            .annotate(
                sum=Sum("value"),
                avg=Avg("value"),
                max=Max("value"),
                yes=Count("pk", filter=Q(value=1)),
            )
            .order_by()
        )
        for row in rows:
            result_column = RESULT_COLUMN[by_pk[row["indicator"]].aggregation]
            totals[_key(row, fields)] = cents(row[result_column])
    if latest:
        rows = (
            Result.objects.filter(where, indicator__in=latest)
            .filter(pk=Subquery(_newest(where, fields)))
            .values("indicator", *fields)
            .annotate(sum=Sum("value"), avg=Avg("value"))
            .order_by()
        )
        for row in rows:
            totals[_key(row, fields)] = cents(row[column(by_pk[row["indicator"]])])
    return totals


def column(indicator):
    """Which aggregate of several rows answers for `indicator`: the sum, except the average
    for average indicators and for percentages that would be summed (latest), the maximum for
    maximum indicators."""
    if indicator.aggregation == Aggregation.AVERAGE:
        return "avg"
    if indicator.aggregation == Aggregation.MAXIMUM:
        return "max"
    if _is_latest(indicator) and indicator.value_type == ValueType.PERCENT:
        return "avg"
    return "sum"


def partition(query, fields):
    """Narrow `query` to the outer row's indicator, municipality and `fields` (a null is a value
    of its own). A field reached through the municipality (its region) follows the
    municipality, already in the partition."""
    query = query.filter(indicator=OuterRef("indicator"))
    names = [name for name in ["municipality", *fields] if not name.startswith("municipality__")]
    for position, name in enumerate(dict.fromkeys(names)):
        if query.model._meta.get_field(name).null:
            alias = f"partition_{position}"
            query = query.alias(**{alias: Coalesce(name, 0)}).filter(
                **{alias: Coalesce(OuterRef(name), 0)}
            )
        else:
            query = query.filter(**{name: OuterRef(name)})
    return query


def _last_year(where, fields):
    """The last fiscal year with a counted commitment in the outer row's partition."""
    query = partition(Commitment.objects.filter(where), fields)
    return query.order_by("-fiscal_year__year_be").values("fiscal_year")[:1]


def _newest(where, fields):
    """The id of the counted row with the latest period end in the outer row's partition:
    same indicator, same municipality and same fields (a null is a value of its own); on a
    tie, the row recorded last."""
    query = partition(Result.objects.filter(where), fields)
    return query.order_by("-period_end", "-pk").values("pk")[:1]


def _by_pk(indicators):
    return {indicator.pk: indicator for indicator in indicators}


def _is_latest(indicator):
    return indicator.aggregation == Aggregation.LATEST


def _key(row, fields):
    return (row["indicator"], *(row[name] for name in fields))


def achievement(indicator, target, result):
    """Percent of `target` met by `result`, by the indicator's direction (see the rules)."""
    if target is None or result is None:
        return None
    if indicator.direction == Direction.LOWER:
        if result == 0:
            return HUNDRED.quantize(CENT)
        ratio = target / result
    else:
        if target == 0:
            return None
        ratio = result / target
    return (ratio * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def status(programme, percent):
    """The `AchievementStatus` of `percent` by the programme's thresholds; None without it."""
    if percent is None:
        return None
    if percent >= programme.on_track_threshold:
        return AchievementStatus.ON_TRACK
    if percent >= programme.at_risk_threshold:
        return AchievementStatus.AT_RISK
    return AchievementStatus.OFF_TRACK
