"""Reads of the KPI ledger shaped for the dashboards, beyond what the roll-up gives.

The roll-up (`indicators.rollup`) answers "how does each indicator stand"; the pages also need
the same figures cut by project, by reporting period and by municipality, and a few counts.
Every function here aggregates in the database — a fixed number of queries whatever the number
of projects — through the roll-up's own totals (`indicators.totals`), so its rules hold:
only counted rows; commitments and results combine by the indicator's rule, "latest" taking the
newest row (for commitments, the last fiscal year) of each municipality inside each group and
adding those up, or averaging them when the values are percentages.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import CharField, Count, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import Municipality
from core.queries import aggregate_of, figures
from indicators.models import Commitment, Indicator, LedgerStatus, Programme, Result
from indicators.rollup import year_condition
from indicators.totals import ledger_totals, result_totals

# Grouped by municipality with its names (one to one): the page needs no second query for them.
MUNICIPALITY_NAMES = ["municipality", "municipality__name_th", "municipality__name_en"]


@dataclass(frozen=True)
class Scope:
    """The filters of a dashboard: which counted ledger rows of `programme` a page reads."""

    programme: Programme
    fiscal_year: object = None
    region: str | None = None
    technology: object = None
    dimension: object = None
    municipality: object = None

    def rollup_filters(self):
        """The keyword arguments of `indicator_rollup` for this scope."""
        return {
            "fiscal_year": self.fiscal_year,
            "region": self.region,
            "technology": self.technology,
            "dimension": self.dimension,
            "municipality": self.municipality,
        }

    def ledger(self, *, to_date=True):
        """The condition on commitment and result rows (counted, in the filters). With a
        fiscal year, an indicator whose targets are cumulative reads the years before too
        (figures to date, as the roll-up shows them), unless `to_date` is false."""
        where = Q(programme=self.programme, status=LedgerStatus.COUNTED)
        if self.fiscal_year is not None:
            where &= (
                year_condition(self.fiscal_year) if to_date else Q(fiscal_year=self.fiscal_year)
            )
        if self.region is not None:
            where &= Q(municipality__region=self.region)
        if self.technology is not None:
            where &= Q(technology=self.technology)
        if self.municipality is not None:
            where &= Q(municipality=self.municipality)
        if self.dimension is not None:
            # A subquery, not a join: a join through the dimensions could repeat rows in sums.
            where &= Q(
                indicator__in=Indicator.objects.filter(
                    programme=self.programme, dimensions=self.dimension
                ).values("pk")
            )
        return where


@dataclass(frozen=True)
class LedgerCounts:
    projects: int
    municipalities: int
    reports: int


@dataclass(frozen=True)
class SourceFigures:
    """What one project (a ledger `source`) committed and delivered against one indicator."""

    source: str
    label: str
    committed: Decimal | None
    result: Decimal | None
    results: int


@dataclass(frozen=True)
class PeriodFigure:
    period_end: object
    result: Decimal


@dataclass(frozen=True)
class MunicipalityFigures:
    municipality: Municipality | None
    committed: Decimal | None
    result: Decimal | None


def ledger_counts(scope):
    """Projects contributing (distinct sources of counted commitments), municipalities reached
    (of counted commitments or results) and accepted reports (distinct counted result reports),
    in the fiscal year itself when one is chosen; one query."""
    where = scope.ledger(to_date=False)
    commitments = Commitment.objects.filter(where)
    results = Result.objects.filter(where)
    municipalities = Municipality.objects.filter(
        Q(pk__in=commitments.values("municipality")) | Q(pk__in=results.values("municipality"))
    )
    counts = figures(
        Programme.objects.filter(pk=scope.programme.pk),
        projects=aggregate_of(commitments, Count("source", distinct=True)),
        municipalities=aggregate_of(municipalities, Count("pk")),
        reports=aggregate_of(results, Count("report", distinct=True)),
    )
    return LedgerCounts(**counts)


def source_figures(scope, indicator):
    """One `SourceFigures` per project with counted rows of `indicator`, by label; two
    queries (commitments and results together; the labels and counts of rows of each)."""
    where = scope.ledger() & Q(indicator=indicator)
    committed, results = ledger_totals([indicator], where, ["source"])
    reported, labels = {}, {}
    for row in _by_source(Result.objects.filter(where), "result").union(
        _by_source(Commitment.objects.filter(where), "committed"), all=True
    ):
        if row["side"] == "result":
            reported[row["source"]] = row
        else:
            labels[row["source"]] = row["label"]
    rows = [
        SourceFigures(
            source=source,
            label=labels.get(source) or reported.get(source, {}).get("label") or source,
            committed=committed.get((indicator.pk, source)),
            result=results.get((indicator.pk, source)),
            results=reported.get(source, {}).get("n", 0),
        )
        for source in {key[1] for key in (*committed, *results)} | set(reported)
    ]
    return sorted(rows, key=lambda row: (row.label, row.source))


def period_figures(scope, indicator):
    """The result of `indicator` for each end of period, oldest first; one query."""
    where = scope.ledger() & Q(indicator=indicator)
    totals = result_totals([indicator], where, ["period_end"])
    return [
        PeriodFigure(period_end=key[1], result=value)
        for key, value in sorted(totals.items(), key=lambda item: item[0][1])
    ]


def municipality_figures(scope, indicator):
    """Committed and result of `indicator` per municipality (rows without one last), by name;
    one query (the municipalities' names grouped with their figures)."""
    where = scope.ledger() & Q(indicator=indicator)
    committed, results = ledger_totals([indicator], where, MUNICIPALITY_NAMES)
    places = {
        key[1:]: Municipality(pk=key[1], name_th=key[2], name_en=key[3])
        for key in (*committed, *results)
        if key[1] is not None
    }
    rows = [
        MunicipalityFigures(
            municipality=places.get(key[1:]),
            committed=committed.get(key),
            result=results.get(key),
        )
        for key in dict.fromkeys((*committed, *results))
    ]
    return sorted(rows, key=lambda row: (row.municipality is None, str(row.municipality or "")))


def counted_results(scope, indicator):
    """The counted result rows of `indicator`, by end of period and project: the evidence."""
    return (
        Result.objects.filter(scope.ledger(), indicator=indicator)
        .select_related("municipality", "fiscal_year")
        .order_by("period_end", "source_label", "pk")
    )


def municipalities_with_counts():
    """Every municipality with the number of projects that committed there and of results
    delivered there (counted rows of any programme); one query."""
    counted = Q(municipality=OuterRef("pk"), status=LedgerStatus.COUNTED)
    projects = (
        Commitment.objects.filter(counted)
        .order_by()
        .values("municipality")
        .annotate(n=Count("source", distinct=True))
        .values("n")
    )
    results = (
        Result.objects.filter(counted)
        .order_by()
        .values("municipality")
        .annotate(n=Count("pk"))
        .values("n")
    )
    zero = Value(0, output_field=IntegerField())
    return Municipality.objects.annotate(
        project_count=Coalesce(Subquery(projects, output_field=IntegerField()), zero),
        result_count=Coalesce(Subquery(results, output_field=IntegerField()), zero),
    ).order_by("region", "name_th")


def programmes_in(municipality):
    """The programmes with counted ledger rows in `municipality`; one query."""
    counted = Q(municipality=municipality, status=LedgerStatus.COUNTED)
    return Programme.objects.filter(
        Q(pk__in=Commitment.objects.filter(counted).values("programme"))
        | Q(pk__in=Result.objects.filter(counted).values("programme"))
    ).order_by("code")


@dataclass(frozen=True)
class ProjectFigures:
    """A project's commitments and results, one `(indicator, committed, result)` per indicator."""

    source: str
    label: str
    rows: list


def project_figures(scope, indicators):
    """Per project, what it committed and delivered for each of `indicators` in the scope (by
    label, indicators in framework order); one query (the labels from the commitments')."""
    where = scope.ledger() & Q(indicator__in=[indicator.pk for indicator in indicators])
    committed, results, labels = ledger_totals(indicators, where, ["source"], labels=True)
    projects = []
    for source in {key[1] for key in (*committed, *results)}:
        rows = [
            (indicator, committed.get((indicator.pk, source)), results.get((indicator.pk, source)))
            for indicator in indicators
            if (indicator.pk, source) in committed or (indicator.pk, source) in results
        ]
        projects.append(ProjectFigures(source=source, label=labels.get(source, ""), rows=rows))
    return sorted(projects, key=lambda project: (project.label or project.source, project.source))


def _by_source(rows, side):
    """Per source of `rows`: how many rows and the reference the ledger kept, marked `side`."""
    return (
        rows.annotate(side=Value(side, output_field=CharField()))
        .values("side", "source")
        .annotate(n=Count("pk"), label=Max("source_label"))
        .order_by()
    )
