"""Committed and result totals of the KPI ledger, combined by each indicator's rule, in the
database: the roll-up (`indicators.rollup`) and every page that cuts the ledger by project,
period or municipality call these two functions, so that one rule holds everywhere.

- Sum, average (each row weighs the same) and maximum of the values.
- Count of yes: how many distinct municipalities said yes (a value of 1), plus, among the rows
  without a municipality (an indicator not reported per municipality), how many distinct
  projects did. A municipality that said yes in two reports, or for two projects, counts once.
- Latest: for each municipality (rows without one form a bucket of their own) the row with the
  latest `period_end` — on a tie the row recorded last — and these values summed over the
  municipalities, averaged for percentages (percentages are never added up). Commitments of a
  latest indicator: those of the last fiscal year each municipality has one for.
- Cumulative targets (`Indicator.is_cumulative`, sums and counts of yes only): the caller's
  condition already reaches back to earlier years (`rollup.year_condition`); grouped by fiscal
  year, each year's figure is the total to date (a running sum, from the same query, or the
  municipalities and projects that said yes in that year or before, from one more).

Values come back exact (an average of 2.70, 2.70 and 2.69 is 2.6966…) with `exact=True`, for
the roll-up to compute achievement from them; otherwise rounded half up to 0.01 for pages.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Avg, CharField, Count, F, Max, OuterRef, Q, Sum, Value, Window
from django.db.models.functions import Coalesce, Rank, RowNumber

from core.numbers import cents
from indicators.models import Aggregation, Commitment, Result, ValueType

YES = Q(value=1)
YEAR = "fiscal_year"


def _yes_counts():
    """The annotations that count who said yes: distinct municipalities, and distinct projects
    among the rows without a municipality."""
    return {
        "yes_places": Count("municipality", distinct=True, filter=YES),
        "yes_projects": Count("source", distinct=True, filter=YES & Q(municipality__isnull=True)),
    }


def column(indicator):
    """Which aggregate of several rows answers for `indicator`: the sum, except the average
    for average indicators and for percentages that would be summed (latest), the maximum for
    maximum indicators, and the count of who said yes for count of yes."""
    if indicator.aggregation == Aggregation.COUNT_YES:
        return "yes"
    if indicator.aggregation == Aggregation.AVERAGE:
        return "avg"
    if indicator.aggregation == Aggregation.MAXIMUM:
        return "max"
    if _is_latest(indicator) and indicator.value_type == ValueType.PERCENT:
        return "avg"
    return "sum"


def value_of(indicator, row):
    """The figure of `indicator` among a row's aggregates (sum, avg, max; yes_places and
    yes_projects for count of yes)."""
    name = column(indicator)
    if name == "yes":
        return Decimal(row["yes_places"] + row["yes_projects"])
    return row[name]


def committed_totals(indicators, where, fields, *, exact=False):
    """{(indicator id, *fields): committed value by the indicator's rule}; one query (two
    when grouping cumulative counts of yes by fiscal year)."""
    by_pk = _by_pk(indicators)
    latest = [pk for pk, indicator in by_pk.items() if _is_latest(indicator)]
    rows = Commitment.objects.filter(where, indicator__in=list(by_pk))
    if latest:
        rows = rows.filter(~Q(indicator__in=latest) | Q(pk__in=_last_year(where, latest, fields)))
    counted = _running(by_pk, fields, Aggregation.COUNT_YES)
    totals = _aggregated(rows.exclude(indicator__in=counted), by_pk, fields)
    if counted:
        totals.update(_yes_to_date(rows.filter(indicator__in=counted), fields))
    return _shown(totals, exact)


def result_totals(indicators, where, fields, *, exact=False):
    """{(indicator id, *fields): result by the indicator's rule}; one query per kind of rule
    present (latest, or the others), and one more when grouping cumulative counts of yes by
    fiscal year."""
    by_pk = _by_pk(indicators)
    latest = [pk for pk, indicator in by_pk.items() if _is_latest(indicator)]
    counted = _running(by_pk, fields, Aggregation.COUNT_YES)
    other = [pk for pk in by_pk if pk not in latest and pk not in counted]
    totals = {}
    if other:
        totals.update(_aggregated(Result.objects.filter(where, indicator__in=other), by_pk, fields))
    if counted:
        rows = Result.objects.filter(where, indicator__in=counted)
        totals.update(_yes_to_date(rows, fields))
    if latest:
        rows = (
            Result.objects.filter(pk__in=_newest(where, latest, fields))
            .values("indicator", *fields)
            .annotate(sum=Sum("value"), avg=Avg("value"))
            .order_by()
        )
        for row in rows:
            totals[_key(row, fields)] = value_of(by_pk[row["indicator"]], row)
    return _shown(totals, exact)


def ledger_totals(indicators, where, fields, *, exact=False, labels=False):
    """(committed, results): what `committed_totals` and `result_totals` answer for the same
    arguments, in one query (a UNION ALL of the commitments' aggregates, the results' and the
    newest results' of latest indicators, each row marked with its side; grouped by fiscal
    year, cumulative sums come back to date from the same rows). Grouped by fiscal year with
    cumulative counts of yes (who said yes so far), the two functions answer apart.

    With `labels` (grouped by source, not by fiscal year), also {source: the reference the
    ledger kept for it in its commitments}, from the same query."""
    if labels and ("source" not in fields or YEAR in fields):
        raise ValueError("labels come with totals grouped by source, not by fiscal year")
    parts = ledger_parts(indicators, where, fields, labels=labels)
    if parts is None:
        return (
            committed_totals(indicators, where, fields, exact=exact),
            result_totals(indicators, where, fields, exact=exact),
        )
    rows = parts[0].union(*parts[1:], all=True)
    return read_ledger(rows, indicators, fields, exact=exact, labels=labels)


def ledger_parts(indicators, where, fields, *, labels=False):
    """The aggregates `ledger_totals` reads, as querysets for one UNION ALL (a page may add
    parts of its own with the same columns: side, indicator, the `fields`, then `AGGREGATES`;
    then the fiscal year B.E. when cumulative sums are grouped by fiscal year, and the
    source's label with `labels`), or None when cumulative counts of yes grouped by fiscal
    year come apart."""
    by_pk = _by_pk(indicators)
    if _running(by_pk, fields, Aggregation.COUNT_YES):
        return None
    summed = bool(_running(by_pk, fields, Aggregation.SUM))
    latest = [pk for pk, indicator in by_pk.items() if _is_latest(indicator)]
    other = [pk for pk in by_pk if pk not in latest]
    commitments = Commitment.objects.filter(where, indicator__in=list(by_pk))
    if latest:
        commitments = commitments.filter(
            ~Q(indicator__in=latest) | Q(pk__in=_last_year(where, latest, fields))
        )
    parts = [_grouped(commitments, fields, "committed", summed, labels)]
    if other:
        results = Result.objects.filter(where, indicator__in=other)
        parts.append(_grouped(results, fields, "result", summed, labels))
    if latest:
        newest = Result.objects.filter(pk__in=_newest(where, latest, fields))
        parts.append(_grouped(newest, fields, "result", summed, labels))
    return parts


def read_ledger(rows, indicators, fields, *, exact=False, labels=False):
    """(committed, results) from the rows of `ledger_parts`' union (rows of other sides are
    left to their reader); cumulative sums grouped by fiscal year added up to date; with
    `labels`, also {source: its commitments' label}."""
    by_pk = _by_pk(indicators)
    summed = set(_running(by_pk, fields, Aggregation.SUM))
    totals = {"committed": {}, "result": {}}
    to_date = {"committed": [], "result": []}
    found = {}
    for row in rows:
        if row["side"] not in totals:
            continue
        if labels and row["side"] == "committed":
            found[row["source"]] = max(found.get(row["source"], ""), row["label"] or "")
        if row["indicator"] in summed:
            to_date[row["side"]].append((_key(row, fields), row["year_be"], row["sum"]))
        else:
            totals[row["side"]][_key(row, fields)] = value_of(by_pk[row["indicator"]], row)
    for side, entries in to_date.items():
        totals[side].update(_to_date(entries, fields))
    answer = (_shown(totals["committed"], exact), _shown(totals["result"], exact))
    return (*answer, found) if labels else answer


def aggregates(rows, **more):
    """`rows` (values grouped by indicator and more) with the aggregates every rule picks from:
    sum, avg, max, and who said yes (then `more`)."""
    return rows.annotate(
        sum=Sum("value"), avg=Avg("value"), max=Max("value"), **_yes_counts(), **more
    )


def _grouped(rows, fields, side, summed=False, labels=False):
    """Every aggregate of `rows` by indicator and `fields`, marked with `side`; with the
    fiscal year (B.E.) when cumulative sums are to be added up to date (`summed`), with the
    source's label when asked."""
    more = {}
    if summed:
        more["year_be"] = Max("fiscal_year__year_be")
    if labels:
        more["label"] = Max("source_label")
    rows = rows.annotate(side=Value(side, output_field=CharField()))
    return aggregates(rows.values("side", "indicator", *fields), **more).order_by()


def _aggregated(rows, by_pk, fields):
    """The figures of `rows` grouped by indicator and `fields`, each by its indicator's rule;
    grouped by fiscal year, a cumulative sum comes back to date. One query."""
    summed = set(_running(by_pk, fields, Aggregation.SUM))
    annotations = {"sum": Sum("value"), "avg": Avg("value"), "max": Max("value"), **_yes_counts()}
    if summed:
        annotations["year_be"] = Max("fiscal_year__year_be")
    rows = rows.values("indicator", *fields).annotate(**annotations).order_by()
    totals, to_date = {}, []
    for row in rows:
        if row["indicator"] in summed:
            to_date.append((_key(row, fields), row["year_be"], row["sum"]))
        else:
            totals[_key(row, fields)] = value_of(by_pk[row["indicator"]], row)
    totals.update(_to_date(to_date, fields))
    return totals


def _running(by_pk, fields, aggregation):
    """The cumulative indicators of `aggregation` whose figures per fiscal year (one of the
    `fields`) are totals to date."""
    if YEAR not in fields:
        return []
    return [
        pk
        for pk, indicator in by_pk.items()
        if indicator.is_cumulative and indicator.aggregation == aggregation
    ]


def _yes_to_date(rows, fields):
    """Cumulative counts of yes grouped by fiscal year: who said yes (a municipality, or the
    project for rows without one) in that year or before. One query."""
    said_yes = (
        rows.filter(YES)
        .values_list("indicator", *fields, "fiscal_year__year_be", "municipality", "source")
        .distinct()
        .order_by()
    )
    entries = defaultdict(set)  # (key, year) → who said yes
    for *key, year_be, municipality, source in said_yes:
        entries[(tuple(key), year_be)].add(("m", municipality) if municipality else ("p", source))
    return _to_date([(key, year_be, who) for (key, year_be), who in entries.items()], fields)


def _to_date(entries, fields):
    """Totals to date from `entries` [(key, fiscal year B.E., a sum or a set of who said yes)]
    whose key holds the fiscal year's id among `fields`: for each key without its year, the
    running total over the years (a set counts its members). A group gets a figure for every
    year of its indicator from its own first year on, even one in which it added nothing."""
    if not entries:
        return {}
    position = 1 + fields.index(YEAR)
    year_ids, groups, years_of = {}, defaultdict(dict), defaultdict(set)
    for key, year_be, value in entries:
        year_ids[year_be] = key[position]
        group = key[:position] + key[position + 1 :]
        groups[group][year_be] = value
        years_of[key[0]].add(year_be)
    totals = {}
    for group, by_year in groups.items():
        running = None
        for year_be in sorted(year for year in years_of[group[0]] if year >= min(by_year)):
            running = _add(running, by_year.get(year_be))
            key = (*group[:position], year_ids[year_be], *group[position:])
            totals[key] = Decimal(len(running)) if isinstance(running, set) else running
    return totals


def _add(running, value):
    """A running total and a year's value: sums add up, sets of who said yes join."""
    if value is None:
        return running
    if running is None:
        return value
    return running | value if isinstance(value, set) else running + value


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


def _partition_by(fields):
    """The window's partition: indicator, municipality and `fields` (a null is a value of its
    own, as PARTITION BY groups nulls together). A field reached through the municipality (its
    region) follows the municipality, already in the partition."""
    names = ["indicator", "municipality", *fields]
    return [F(name) for name in dict.fromkeys(names) if not name.startswith("municipality__")]


def _last_year(where, indicators, fields):
    """The ids of the counted commitments of `indicators` in the last fiscal year their
    partition has one for: ranked by year within the partition, in one pass (a window), not
    a subquery per row."""
    ranked = Commitment.objects.filter(where, indicator__in=indicators).annotate(
        year_rank=Window(
            Rank(), partition_by=_partition_by(fields), order_by=F("fiscal_year__year_be").desc()
        )
    )
    return ranked.filter(year_rank=1).values("pk")


def _newest(where, indicators, fields):
    """The ids of the counted results of `indicators` that are the newest of their partition
    (same indicator, municipality and `fields`): the latest period end, on a tie the row
    recorded last. One window over the rows, not a subquery per row."""
    ranked = Result.objects.filter(where, indicator__in=indicators).annotate(
        newest=Window(
            RowNumber(),
            partition_by=_partition_by(fields),
            order_by=[F("period_end").desc(), F("pk").desc()],
        )
    )
    return ranked.filter(newest=1).values("pk")


def _shown(totals, exact):
    if exact:
        return totals
    return {key: cents(value) for key, value in totals.items()}


def _by_pk(indicators):
    return {indicator.pk: indicator for indicator in indicators}


def _is_latest(indicator):
    return indicator.aggregation == Aggregation.LATEST


def _key(row, fields):
    return (row["indicator"], *(row[name] for name in fields))
