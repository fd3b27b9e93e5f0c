"""The figures of one project page: its approved budget against what it spent, and its
indicators against what it committed. Aggregated in the database from the project's own rows,
so that the page runs the same queries whatever the number of reports or indicators.

The indicator rules follow the KPI roll-up of `indicators` (see `indicators/rollup.py`) for a
single project:

- Committed: the project's targets combined by the indicator's rule — added up for sum, averaged
  for average, the highest for maximum, the last fiscal year's for latest value (a year's
  percentages of several municipalities averaged, never added up); for count of yes, how many
  municipalities (or the project itself, without a municipality) it committed to a yes.
- Result: the values of accepted reports combined by the same rule (count of yes counts the
  distinct municipalities that said yes, and the project once for values without a
  municipality; latest value takes the newest value of each municipality and adds them up, or
  averages them for percentages).
- Pending: the values of submitted reports not yet accepted, combined the same way; they do not
  count until an officer accepts the report.
- Achievement: the roll-up's own `achievement` — result ÷ committed × 100 when higher is
  better, committed ÷ result × 100 when lower is better (a result of 0 meets any target: 100%),
  from the exact figures; every figure is rounded half up to 0.01 only to be shown.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, F, Max, OuterRef, Q, Subquery, Sum, Value

from core.compiled import CompiledRead
from core.numbers import ZERO, cents
from indicators.models import Aggregation, ValueType
from indicators.rollup import achievement
from indicators.totals import partition, value_of
from projects.models import AwardBudget, IndicatorResult, ProgressReportState, Spending
from proposals.models import BudgetCategory, IndicatorContribution

HUNDRED = Decimal(100)
REPORTS = "reports"  # the side of the results' rows among the ledger's (see `_results`)
COUNTED = (ProgressReportState.ACCEPTED, ProgressReportState.SUBMITTED)


# The budget ------------------------------------------------------------------------------------


def _used_percent(spent, approved):
    return cents(spent / approved * HUNDRED) if approved else None


@dataclass(frozen=True)
class BudgetRow:
    category: object
    amounts: list  # approved per fiscal year, in the order of the table's years
    approved: Decimal
    spent: Decimal  # in accepted reports
    pending: Decimal  # in submitted reports awaiting a decision

    @property
    def remaining(self):
        return self.approved - self.spent

    @property
    def over(self):
        return self.spent > self.approved

    @property
    def used_percent(self):
        return _used_percent(self.spent, self.approved)


@dataclass(frozen=True)
class BudgetTable:
    years: list
    rows: list
    year_totals: list
    sent: Decimal = ZERO  # spent in the reports sent (accepted or submitted)
    sent_until: object = None  # the last period end among the sent reports that spent

    @property
    def approved(self):
        return sum((row.approved for row in self.rows), ZERO)

    @property
    def spent(self):
        return sum((row.spent for row in self.rows), ZERO)

    @property
    def pending(self):
        return sum((row.pending for row in self.rows), ZERO)

    @property
    def remaining(self):
        return self.approved - self.spent

    @property
    def used_percent(self):
        return _used_percent(self.spent, self.approved)


def _spending(proposal, states, aggregate):
    """`aggregate` of the project's spending in a category (the outer row) among the reports
    in `states`, as a subquery."""
    rows = Spending.objects.filter(
        category=OuterRef("pk"), report__proposal=proposal, report__state__in=states
    )
    return Subquery(rows.order_by().values("category").annotate(value=aggregate).values("value"))


def _categories(call_pk, proposal_pk):
    """The call's budget categories with the project's spending in each."""
    return (
        BudgetCategory.objects.filter(call=call_pk)
        .annotate(
            spent=_spending(proposal_pk, [ProgressReportState.ACCEPTED], Sum("amount")),
            pending=_spending(proposal_pk, [ProgressReportState.SUBMITTED], Sum("amount")),
            sent_until=_spending(proposal_pk, COUNTED, Max("report__period_end")),
        )
        .order_by("position", "code")
    )


# Compiled once (core.compiled): their subqueries cost more to compile than to run.
_categories_read = CompiledRead(_categories)
_cells_read = CompiledRead(
    lambda proposal_pk: AwardBudget.objects.filter(award__proposal=proposal_pk).select_related(
        "fiscal_year"
    )
)


def budget_table(proposal):
    """The approved budget per category and fiscal year against the spending of accepted
    reports, with the spending of submitted reports apart; two queries (the call's categories
    with the project's spending in each, then the approved cells)."""
    categories = _categories_read(proposal.call_id, proposal.pk)
    cells = _cells_read(proposal.pk)
    years = sorted({cell.fiscal_year for cell in cells}, key=lambda year: year.year_be)
    approved = {(cell.category_id, cell.fiscal_year_id): cell.amount for cell in cells}
    with_cells = {cell.category_id for cell in cells}
    table_rows = []
    for category in categories:
        if category.pk not in with_cells and category.sent_until is None:
            continue
        amounts = [approved.get((category.pk, year.pk), ZERO) for year in years]
        table_rows.append(
            BudgetRow(
                category=category,
                amounts=amounts,
                approved=sum(amounts, ZERO),
                spent=category.spent or ZERO,
                pending=category.pending or ZERO,
            )
        )
    year_totals = [
        sum((approved.get((row.category.pk, year.pk), ZERO) for row in table_rows), ZERO)
        for year in years
    ]
    ends = [category.sent_until for category in categories if category.sent_until]
    return BudgetTable(
        years=years,
        rows=table_rows,
        year_totals=year_totals,
        sent=sum((row.spent + row.pending for row in table_rows), ZERO),
        sent_until=max(ends, default=None),
    )


# The indicators --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    indicator: object
    targets: list  # the project's target per fiscal year (None where it set none)
    committed: Decimal | None
    result: Decimal | None
    pending: Decimal | None
    achievement: Decimal | None


@dataclass(frozen=True)
class IndicatorTable:
    years: list
    rows: list
    ledger_rows: list = field(default_factory=list)  # the rows of `indicator_table`'s `ledger`


def combine(values, rule, *, percent=False):
    """Values of one indicator combined by its aggregation `rule`, exact: the sum, the
    average for average (and for percentages of several municipalities, which are never added
    up), the highest for maximum, and for count of yes whether any said yes (1 or 0: the values
    of one municipality, or of a project, say yes once). Latest: added up (averaged for
    percentages); the caller picks the values of the latest year or the newest rows."""
    values = [value for value in values if value is not None]
    if not values:
        return None
    if rule == Aggregation.AVERAGE or (rule == Aggregation.LATEST and percent):
        return sum(values) / len(values)
    if rule in (Aggregation.MAXIMUM, Aggregation.COUNT_YES):
        return max(values)
    return sum(values)


def _yes_count(rows):
    """How many said yes among (municipality id or None, value) pairs: distinct
    municipalities, and the project itself for the values without a municipality."""
    return Decimal(len({municipality for municipality, value in rows if value == 1}))


def _result_parts(proposal_pk):
    """The aggregates of the project's results by indicator and report state: the rules other
    than latest, and latest (two querysets with the columns of
    `indicators.totals.ledger_parts`, for one UNION ALL)."""
    rows = IndicatorResult.objects.filter(report__proposal=proposal_pk, report__state__in=COUNTED)
    aggregated = rows.exclude(indicator__aggregation=Aggregation.LATEST)
    # The newest row of each municipality (rows without one form a bucket of their own) among
    # the reports in the same state; on a tie of period ends, the row recorded last.
    same_state = IndicatorResult.objects.filter(
        report__proposal=proposal_pk, report__state=OuterRef("report__state")
    )
    newest = partition(same_state, []).order_by("-report__period_end", "-pk").values("pk")[:1]
    latest = rows.filter(indicator__aggregation=Aggregation.LATEST, pk=Subquery(newest))
    yes, alone = Q(value=1), Q(municipality=None)
    # The columns of `indicators.totals.ledger_parts`: the report's state stands as the source.
    return [
        part.annotate(side=Value(REPORTS), source=F("report__state"))
        .values("side", "indicator", "source")
        .annotate(
            sum=Sum("value"),
            avg=Avg("value"),
            max=Max("value"),
            yes_places=Count("municipality", distinct=True, filter=yes),
            # The project says yes once, however many rows without a municipality do.
            yes_projects=Count("report__proposal", distinct=True, filter=yes & alone),
        )
        .order_by()
        for part in (aggregated, latest)
    ]


# Without parts of the ledger (the project's lead, a reader who sees no risk badge), the same
# query for every project: compiled once (core.compiled).
_results_alone = CompiledRead(lambda proposal_pk: _union(*_result_parts(proposal_pk)))


def _union(first, *others):
    return first.union(*others, all=True)


def _results(proposal, indicators, also=()):
    """{(indicator id, report state): exact value} over accepted and submitted reports, and the
    rows of the parts `also` (other sides, same columns) run in the same query; one query (a
    UNION ALL of the rules other than latest, of latest, and of `also`)."""
    rows = _union(*_result_parts(proposal.pk), *also) if also else _results_alone(proposal.pk)
    values, others = {}, []
    for row in rows:
        if row["side"] != REPORTS:
            others.append(row)
            continue
        indicator = indicators.get(row["indicator"])
        if indicator is not None:
            values[(row["indicator"], row["source"])] = value_of(indicator, row)
    return values, others


def _indicator_order(indicator):
    return (indicator.objective.position, indicator.position, indicator.code)


def _committed(indicator, targets, contributions):
    """The project's commitment over its fiscal years (`targets`: per year, combined)."""
    if indicator.aggregation == Aggregation.COUNT_YES:
        return _yes_count((c.municipality_id, c.target) for c in contributions)
    if indicator.aggregation == Aggregation.LATEST:
        return next((target for target in reversed(targets) if target is not None), None)
    percent = indicator.value_type == ValueType.PERCENT
    return combine([c.target for c in contributions], indicator.aggregation, percent=percent)


def _year_target(indicator, contributions):
    """The project's target of one fiscal year, over its municipalities."""
    if not contributions:
        return None
    if indicator.aggregation == Aggregation.COUNT_YES:
        return _yes_count((c.municipality_id, c.target) for c in contributions)
    percent = indicator.value_type == ValueType.PERCENT
    return combine([c.target for c in contributions], indicator.aggregation, percent=percent)


_contributions_read = CompiledRead(
    lambda proposal_pk: IndicatorContribution.objects.filter(proposal=proposal_pk).select_related(
        "indicator__objective", "fiscal_year"
    )
)


def indicator_table(proposal, *, ledger=None):
    """Per indicator the project committed to: its target per fiscal year, the commitment,
    the result of accepted reports, what submitted reports would add, the achievement (from
    the exact figures; all are rounded to show them); two queries. `ledger`: a function of the
    project's indicators answering parts of a read of the KPI ledger
    (`indicators.totals.ledger_parts`) to run in the same query as the results; their rows
    come back as the table's `ledger_rows`."""
    contributions = _contributions_read(proposal.pk)
    indicators = {c.indicator_id: c.indicator for c in contributions}
    also = ledger(list(indicators.values())) if ledger else None
    results, ledger_rows = _results(proposal, indicators, also or ())
    years = sorted({c.fiscal_year for c in contributions}, key=lambda year: year.year_be)
    per_year = defaultdict(list)
    for contribution in contributions:
        per_year[(contribution.indicator_id, contribution.fiscal_year_id)].append(contribution)
    rows = []
    for indicator in sorted(indicators.values(), key=_indicator_order):
        mine = [c for c in contributions if c.indicator_id == indicator.pk]
        targets = [_year_target(indicator, per_year.get((indicator.pk, y.pk))) for y in years]
        committed = _committed(indicator, targets, mine)
        result = results.get((indicator.pk, ProgressReportState.ACCEPTED))
        rows.append(
            IndicatorRow(
                indicator=indicator,
                targets=[cents(target) for target in targets],
                committed=cents(committed),
                result=cents(result),
                pending=cents(results.get((indicator.pk, ProgressReportState.SUBMITTED))),
                achievement=cents(achievement(indicator, committed, result)),
            )
        )
    return IndicatorTable(years=years, rows=rows, ledger_rows=ledger_rows)
