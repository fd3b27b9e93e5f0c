"""Reads of the progress report pages, each shaped for its page and run with a fixed number of
queries whatever the number of activities, categories, results or evidence files."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Q, Subquery, Sum
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from core.compiled import CompiledRead
from core.numbers import ZERO
from projects import rules
from projects.models import (
    ActivityProgress,
    AwardBudget,
    DeliveredOutput,
    IndicatorResult,
    Instalment,
    ProgressReport,
    ProgressReportState,
    ResultEvidence,
    Spending,
)
from proposals.models import Activity, BudgetCategory, IndicatorContribution
from proposals.team.selectors import edits_team, know_team_editor


def reports():
    """Reports with what the permission predicates read (the programme's managers) and the
    people named on the page."""
    return ProgressReport.objects.select_related(
        "proposal__call__programme", "proposal__lead", "submitted_by", "decided_by"
    )


# The reads of the report page by id are compiled once (core.compiled): compiling their joins
# and subqueries cost more than the database took to answer them.
_report_for_page = CompiledRead(
    lambda pk, user_pk: (
        reports().annotate(viewer_edits=edits_team(User(pk=user_pk), "proposal")).filter(pk=pk)
    )
)


def visible_report(user, pk):
    """The report `pk` if `user` may read it; 404 otherwise, so that nothing leaks. Whether
    `user` edits the project's team comes with it (the rules need not read the team)."""
    report = next(iter(_report_for_page(pk, user.pk)), None)
    if report is None:
        raise Http404
    know_team_editor(report.proposal, user, report.viewer_edits)
    if not rules.can_view_report(user, report):
        raise Http404
    return report


def is_overdue(report, today=None):
    """Past its due date and still with the team."""
    today = today or timezone.localdate()
    return report.state in ProgressReportState.editable() and report.due_on < today


# Activities ---------------------------------------------------------------------------------


@dataclass
class ActivityRow:
    activity: object
    progress: object = None  # ActivityProgress or None (not reported yet)

    @property
    def key(self):
        return self.activity.pk


def _activities(proposal_pk, report_pk):
    """The project's activities with the report's progress on each."""
    progress = ActivityProgress.objects.filter(report=report_pk, activity=OuterRef("pk"))
    return (
        Activity.objects.filter(proposal=proposal_pk)
        .annotate(
            progress_pk=Subquery(progress.values("pk")[:1]),
            progress_percent=Subquery(progress.values("percent")[:1]),
            progress_note=Subquery(progress.values("note")[:1]),
        )
        .order_by("position", "id")
    )


_activities_read = CompiledRead(_activities)


def activity_rows(report):
    """One row per activity of the project's work plan, with this report's progress on it
    (read with the activities, one query)."""
    rows = []
    for activity in _activities_read(report.proposal_id, report.pk):
        progress = None
        if activity.progress_pk is not None:
            progress = ActivityProgress(
                pk=activity.progress_pk,
                report=report,
                activity=activity,
                percent=activity.progress_percent,
                note=activity.progress_note,
            )
        rows.append(ActivityRow(activity, progress))
    return rows


# Spending -----------------------------------------------------------------------------------


@dataclass
class SpendingRow:
    category: object
    approved: Decimal = ZERO
    earlier: Decimal = ZERO  # spent in the project's accepted reports before this one
    spending: object = None  # this report's Spending or None

    @property
    def key(self):
        return self.category.pk

    @property
    def this_report(self):
        return self.spending.amount if self.spending else ZERO

    @property
    def remaining(self):
        return self.approved - self.earlier - self.this_report

    @property
    def over(self):
        """How much the spending so far passes the approved amount (0: it does not)."""
        return max(-self.remaining, ZERO)

    @property
    def allowed(self):
        return self.category.allowed


@dataclass
class SpendingTable:
    rows: list = field(default_factory=list)

    def total(self, name):
        return sum((getattr(row, name) for row in self.rows), ZERO)

    @property
    def totals(self):
        return {
            name: self.total(name) for name in ("approved", "earlier", "this_report", "remaining")
        }

    @property
    def overspent(self):
        return [row for row in self.rows if row.over]


def _categories(call_pk, proposal_pk):
    """The call's budget categories with the amount approved in each (over fiscal years)."""
    approved = (
        AwardBudget.objects.filter(award__proposal=proposal_pk, category=OuterRef("pk"))
        .order_by()
        .values("category")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return (
        BudgetCategory.objects.filter(call=call_pk)
        .annotate(approved=Subquery(approved))
        .order_by("position", "code")
    )


_categories_read = CompiledRead(_categories)


def spending_table(report):
    """Per budget category of the call: the approved amount (summed over fiscal years), what
    accepted reports before this one spent, what this report spends, and what remains.
    Categories the call does not allow appear only when money was approved or spent in them."""
    proposal = report.proposal
    categories = _categories_read(proposal.call_id, proposal.pk)
    # This report's spending and the accepted reports' before it, in one query.
    earlier_accepted = Q(
        report__state=ProgressReportState.ACCEPTED, report__period_end__lt=report.period_end
    )
    earlier, spent = {}, {}
    for row in Spending.objects.filter(
        Q(report=report) | earlier_accepted, report__proposal=proposal
    ):
        if row.report_id == report.pk:
            spent[row.category_id] = row
        else:
            earlier[row.category_id] = earlier.get(row.category_id, ZERO) + row.amount
    rows = [
        SpendingRow(
            category=category,
            approved=category.approved or ZERO,
            earlier=earlier.get(category.pk, ZERO),
            spending=spent.get(category.pk),
        )
        for category in categories
    ]
    return SpendingTable(
        [row for row in rows if row.allowed or row.approved or row.earlier or row.spending]
    )


# Indicator results ----------------------------------------------------------------------------


@dataclass
class ResultRow:
    indicator: object
    municipality: object = None
    result: object = None  # IndicatorResult (its evidence prefetched) or None

    @property
    def key(self):
        return (self.indicator.pk, self.municipality.pk if self.municipality else None)

    @property
    def evidence(self):
        return list(self.result.evidence.all()) if self.result else []

    @property
    def has_evidence(self):
        return bool(self.result and (self.result.evidence_url or self.evidence))


_contributions_read = CompiledRead(
    lambda proposal_pk: IndicatorContribution.objects.filter(proposal=proposal_pk).select_related(
        "indicator", "municipality"
    )
)


def expected_results(proposal):
    """What the project reports on: each indicator it committed to, once, or once per committed
    municipality for indicators reported per municipality. [(indicator, municipality or None)]
    in the order of the indicators' codes and the municipalities' names."""
    seen = {}
    for contribution in _contributions_read(proposal.pk):
        indicator = contribution.indicator
        if indicator.per_municipality:
            if contribution.municipality is None:
                continue  # the proposal's checks refuse it; nothing to report against
            municipality = contribution.municipality
        else:
            municipality = None
        seen.setdefault(
            (indicator.pk, getattr(municipality, "pk", None)), (indicator, municipality)
        )
    return sorted(
        seen.values(),
        key=lambda pair: (pair[0].code, pair[1].name_th if pair[1] else ""),
    )


_results_read = CompiledRead(
    lambda report_pk: (
        IndicatorResult.objects.filter(report=report_pk)
        .select_related("indicator", "municipality")
        .prefetch_related(
            Prefetch("evidence", queryset=ResultEvidence.objects.select_related("uploaded_by"))
        )
    )
)


def result_rows(report):
    """One row per expected result, with what this report says of it and its evidence files;
    results no longer expected (should any exist) come last, so nothing stored is hidden."""
    results = {
        (result.indicator_id, result.municipality_id): result for result in _results_read(report.pk)
    }
    rows = []
    for indicator, municipality in expected_results(report.proposal):
        key = (indicator.pk, municipality.pk if municipality else None)
        rows.append(ResultRow(indicator, municipality, results.pop(key, None)))
    rows += [ResultRow(r.indicator, r.municipality, r) for r in results.values()]
    return rows


# Outputs and instalments -------------------------------------------------------------------------


_outputs_read = CompiledRead(
    lambda report_pk: DeliveredOutput.objects.filter(report=report_pk).select_related("output_type")
)
_instalments_read = CompiledRead(
    lambda report_pk: Instalment.objects.filter(report=report_pk).order_by("number")
)


def outputs_of(report):
    return _outputs_read(report.pk)


def instalments_on(report):
    """The instalments paid once this report is accepted."""
    return _instalments_read(report.pk)


def indicators_with_results(ids):
    """The ids among `ids` of indicators some progress report gives a value for (any state);
    one query."""
    return set(
        IndicatorResult.objects.filter(indicator__in=ids).values_list("indicator", flat=True)
    )
