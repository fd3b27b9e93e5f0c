"""The figures of one project page: its approved budget against what it spent, and its
indicators against what it committed. Aggregated in the database from the project's own rows,
so that the page runs the same queries whatever the number of reports or indicators.

The indicator rules follow the KPI roll-up of `indicators` (see `indicators/rollup.py`) for a
single project:

- Committed: the project's targets combined by the indicator's rule — added up for sum and count
  of yes, averaged for average, the highest for maximum, the last fiscal year's for latest value.
- Result: the values of accepted reports combined by the same rule (count of yes counts the
  values of 1; latest value takes the newest value of each municipality and adds them up).
- Pending: the values of submitted reports not yet accepted, combined the same way; they do not
  count until an officer accepts the report.
- Achievement: the roll-up's own `achievement` — result ÷ committed × 100 when higher is
  better, committed ÷ result × 100 when lower is better (a result of 0 meets any target: 100%).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Max, OuterRef, Q, Subquery, Sum

from core.numbers import ZERO, cents
from indicators.models import Aggregation
from indicators.rollup import RESULT_COLUMN, achievement, partition
from projects.models import AwardBudget, IndicatorResult, ProgressReportState, Spending
from proposals.models import IndicatorContribution

HUNDRED = Decimal(100)
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


def budget_table(proposal):
    """The approved budget per category and fiscal year against the spending of accepted
    reports, with the spending of submitted reports apart; two queries (the call's categories
    come prefetched with the project)."""
    cells = list(AwardBudget.objects.filter(award__proposal=proposal).select_related("fiscal_year"))
    spending = defaultdict(
        lambda: {ProgressReportState.ACCEPTED: ZERO, ProgressReportState.SUBMITTED: ZERO}
    )
    rows = (
        Spending.objects.filter(report__proposal=proposal, report__state__in=COUNTED)
        .values("category", "report__state")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in rows:
        spending[row["category"]][row["report__state"]] = row["total"]
    years = sorted({cell.fiscal_year for cell in cells}, key=lambda year: year.year_be)
    approved = {(cell.category_id, cell.fiscal_year_id): cell.amount for cell in cells}
    used = {cell.category_id for cell in cells} | set(spending)
    categories = [c for c in proposal.call.budget_categories.all() if c.pk in used]
    table_rows = []
    for category in categories:
        amounts = [approved.get((category.pk, year.pk), ZERO) for year in years]
        table_rows.append(
            BudgetRow(
                category=category,
                amounts=amounts,
                approved=sum(amounts, ZERO),
                spent=spending[category.pk][ProgressReportState.ACCEPTED],
                pending=spending[category.pk][ProgressReportState.SUBMITTED],
            )
        )
    year_totals = [
        sum((approved.get((row.category.pk, year.pk), ZERO) for row in table_rows), ZERO)
        for year in years
    ]
    return BudgetTable(years=years, rows=table_rows, year_totals=year_totals)


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


def combine(values, rule):
    """Values combined by an indicator's aggregation (latest: added up, the caller picks the
    values of the latest year or the newest rows)."""
    values = [value for value in values if value is not None]
    if not values:
        return None
    if rule == Aggregation.AVERAGE:
        return cents(sum(values) / len(values))
    if rule == Aggregation.MAXIMUM:
        return cents(max(values))
    return cents(sum(values))


def _results(proposal):
    """{(indicator id, report state): value} over accepted and submitted reports; two
    queries (the rules other than latest, then latest)."""
    rows = IndicatorResult.objects.filter(report__proposal=proposal, report__state__in=COUNTED)
    values = {}
    aggregated = (
        rows.exclude(indicator__aggregation=Aggregation.LATEST)
        .values("indicator", "indicator__aggregation", "report__state")
        .annotate(
            sum=Sum("value"), avg=Avg("value"), max=Max("value"), yes=Count("pk", filter=Q(value=1))
        )
        .order_by()
    )
    for row in aggregated:
        column = RESULT_COLUMN[row["indicator__aggregation"]]
        values[(row["indicator"], row["report__state"])] = cents(row[column])
    # The newest row of each municipality (rows without one form a bucket of their own) among
    # the reports in the same state; on a tie of period ends, the row recorded last.
    same_state = IndicatorResult.objects.filter(
        report__proposal=proposal, report__state=OuterRef("report__state")
    )
    newest = partition(same_state, []).order_by("-report__period_end", "-pk").values("pk")[:1]
    latest = (
        rows.filter(indicator__aggregation=Aggregation.LATEST, pk=Subquery(newest))
        .values("indicator", "report__state")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for row in latest:
        values[(row["indicator"], row["report__state"])] = cents(row["total"])
    return values


def _indicator_order(indicator):
    return (indicator.objective.position, indicator.position, indicator.code)


def indicator_table(proposal):
    """Per indicator the project committed to: its target per fiscal year, the commitment,
    the result of accepted reports, what submitted reports would add, the achievement; three
    queries."""
    contributions = list(
        IndicatorContribution.objects.filter(proposal=proposal).select_related(
            "indicator__objective", "fiscal_year"
        )
    )
    results = _results(proposal)
    years = sorted({c.fiscal_year for c in contributions}, key=lambda year: year.year_be)
    per_year = defaultdict(list)
    indicators = {}
    for contribution in contributions:
        indicators[contribution.indicator_id] = contribution.indicator
        per_year[(contribution.indicator_id, contribution.fiscal_year_id)].append(
            contribution.target
        )
    rows = []
    for indicator in sorted(indicators.values(), key=_indicator_order):
        rule = indicator.aggregation
        targets = [combine(per_year.get((indicator.pk, year.pk), []), rule) for year in years]
        if rule == Aggregation.LATEST:
            committed = next((target for target in reversed(targets) if target is not None), None)
        else:
            every = [value for year in years for value in per_year.get((indicator.pk, year.pk), [])]
            committed = combine(every, rule)
        result = results.get((indicator.pk, ProgressReportState.ACCEPTED))
        rows.append(
            IndicatorRow(
                indicator=indicator,
                targets=targets,
                committed=committed,
                result=result,
                pending=results.get((indicator.pk, ProgressReportState.SUBMITTED)),
                achievement=achievement(indicator, committed, result),
            )
        )
    return IndicatorTable(years=years, rows=rows)
