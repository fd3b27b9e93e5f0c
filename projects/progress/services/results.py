"""The indicator results of progress reports, written one way whoever writes them: the team on
its report's results page (one report) and the Excel import (many reports at once) both call
`write_results`, which locks the reports, refuses any report that is no longer editable and any
result that would lose its value while it has evidence files, then writes every row or none and
one audit entry per report."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from projects.models import IndicatorResult, ProgressReport, ResultEvidence
from projects.progress.services.editing import (
    NotEditable,
    describe_rows,
    not_editable_message,
    result_label,
)
from projects.rules import can_write_results, writes_results_of_every_project

RESULTS_SAVED = "progress_report.results_saved"
RESULTS_IMPORTED = "progress_report.results_imported"

FIELDS = ("value", "note", "evidence_url")


def _describe_import(data):
    return _(
        "From %(file)s: %(new)s results added, %(changed)s changed, %(unchanged)s unchanged."
    ) % {
        "file": data.get("file") or "—",
        **{key: data.get(key, 0) for key in ("new", "changed", "unchanged")},
    }


# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    (RESULTS_SAVED, gettext_lazy("Indicator results saved"), describe_rows),
    (RESULTS_IMPORTED, gettext_lazy("Indicator results imported from Excel"), _describe_import),
]


@dataclass
class ReportResults:
    """What to write into one report: `rows` are (indicator, municipality or None, value or
    None, note, evidence link), no value removing the result; `data`, when given, is what the
    report's audit entry keeps instead of the labels of the results added, changed and
    removed."""

    report: ProgressReport
    rows: list
    data: dict | None = None


def save_results(*, actor, report, rows):
    """The results page: bring the results of `report` to `rows` (see ReportResults)."""
    return write_results(actor=actor, reports=[ReportResults(report, rows)])[0]


@transaction.atomic
def write_results(*, actor, reports, action=RESULTS_SAVED):
    """Write the results of several reports (a list of ReportResults) in one transaction:
    everything or, when anything is refused, nothing. Returns, per report and in order, the
    labels of the results added, changed and removed.

    Raises PermissionDenied when `actor` may not write a report's results, NotEditable (one
    message per report) when a report or its project no longer takes changes, and
    ValidationError (one message per result) when a result with evidence files would lose its
    value. Runs the same queries for one report or many, one row or a thousand, but for one
    audit entry per report.
    """
    if action not in (RESULTS_SAVED, RESULTS_IMPORTED):
        raise ValueError(f"not an audit action of indicator results: {action}")
    locked = _lock(actor, [item.report.pk for item in reports])
    stored = {
        (result.report_id, result.indicator_id, result.municipality_id): result
        for result in IndicatorResult.objects.filter(report__in=list(locked.values()))
    }
    plans = [_plan(locked[item.report.pk], item.rows, stored) for item in reports]
    removed = [result for plan in plans for result in plan.removed]
    _refuse_lost_evidence(removed, plans)
    IndicatorResult.objects.bulk_create(result for plan in plans for result in plan.added)
    IndicatorResult.objects.bulk_update(
        [result for plan in plans for result in plan.changed], FIELDS
    )
    if removed:
        IndicatorResult.objects.filter(pk__in=[result.pk for result in removed]).delete()
    for item, plan in zip(reports, plans, strict=True):
        if any(plan.labels.values()):
            audit.record(
                actor=actor,
                action=action,
                obj=locked[item.report.pk],
                data=plan.labels if item.data is None else item.data,
            )
    return [plan.labels for plan in plans]


def _lock(actor, report_ids):
    """{pk: report} locked until the transaction ends, in the order of their keys (two writes
    over the same reports wait for each other instead of deadlocking); refused unless `actor`
    may write the results of every one of them and each still takes changes."""
    if len(set(report_ids)) != len(report_ids):
        raise ValueError("each report is written once")
    rows = (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("proposal")
        .filter(pk__in=report_ids)
        .order_by("pk")
    )
    if not writes_results_of_every_project(actor):
        rows = rows.prefetch_related("proposal__team")
    locked = {report.pk: report for report in rows}
    if len(locked) != len(report_ids) or not all(
        can_write_results(actor, report.proposal) for report in locked.values()
    ):
        raise PermissionDenied
    refused = [(report, not_editable_message(report)) for report in locked.values()]
    refused = [(report, message) for report, message in refused if message]
    if refused:
        if len(locked) == 1:
            raise NotEditable(refused[0][1])
        raise NotEditable([f"{report}: {message}" for report, message in refused])
    return locked


class _Plan:
    """What the rows of one report change: results to add, change and remove, and their
    labels for the audit entry."""

    def __init__(self):
        self.added, self.changed, self.removed = [], [], []
        self.labels = {"added": [], "changed": [], "removed": []}
        self.label_of = {}  # removed result's pk → its label


def _plan(report, rows, stored):
    plan = _Plan()
    wanted = {}
    for indicator, municipality, value, note, evidence_url in rows:
        key = (report.pk, indicator.pk, municipality.pk if municipality else None)
        values = (
            None if value is None else {"value": value, "note": note, "evidence_url": evidence_url}
        )
        wanted[key] = (result_label(indicator, municipality), values)
    for key, (label, values) in wanted.items():
        result = stored.get(key)
        if values is None:
            if result is not None:
                plan.removed.append(result)
                plan.label_of[result.pk] = label
                plan.labels["removed"].append(label)
        elif result is None:
            plan.added.append(
                IndicatorResult(
                    report=report, indicator_id=key[1], municipality_id=key[2], **values
                )
            )
            plan.labels["added"].append(label)
        elif any(getattr(result, name) != values[name] for name in FIELDS):
            for name in FIELDS:
                setattr(result, name, values[name])
            plan.changed.append(result)
            plan.labels["changed"].append(label)
    return plan


def _refuse_lost_evidence(removed, plans):
    """A result keeps its value while it has evidence files: they are removed first."""
    if not removed:
        return
    with_files = set(
        ResultEvidence.objects.filter(result__in=removed).values_list("result_id", flat=True)
    )
    labels = {pk: label for plan in plans for pk, label in plan.label_of.items()}
    problems = [
        _("The result for %(result)s has evidence files: remove them first.")
        % {"result": labels[result.pk]}
        for result in removed
        if result.pk in with_files
    ]
    if problems:
        raise ValidationError(problems)
