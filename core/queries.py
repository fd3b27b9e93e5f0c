"""Several figures of a page in one query: aggregates over querysets, selected side by side as
scalar subqueries."""

from django.db.models import Subquery, Value


def aggregate_of(queryset, aggregate):
    """`aggregate` (e.g. `Sum("amount")`) over the whole of `queryset`, as a subquery that gives
    one value (grouped by a constant, which SQL leaves out of the GROUP BY)."""
    return Subquery(
        queryset.order_by()
        .annotate(whole=Value(1))
        .values("whole")
        .annotate(value=aggregate)
        .values("value")[:1]
    )


def figures(row, **subqueries):
    """{name: value} of `subqueries` (e.g. `aggregate_of`), selected beside `row` (a queryset
    of one row, e.g. the page's programme by pk) in one query."""
    return row.order_by().annotate(**subqueries).values(*subqueries).get()
