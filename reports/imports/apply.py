"""Apply a results file: checked again against the rows as they are now, with the reports
locked, and written in one transaction, all or nothing, one audit entry per report, by the
service every write of indicator results goes through (`projects.progress.services.results`,
which the results page calls too)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from projects.models import ProgressReport
from projects.progress.services import results
from reports.imports.plan import CHANGED, KEPT, NEW, UNCHANGED, Plan, Problem
from reports.imports.reader import Invalid, check_rows, read_sheet

IMPORTED = results.RESULTS_IMPORTED


@dataclass
class Outcome:
    """What became of an import: `applied`, or refused because the file has problems now
    (`plan.errors`) or because the stored results changed since the preview (`stale`)."""

    plan: Plan
    applied: bool = False
    stale: bool = False


def import_file(file, *, name, size, kind, actor, digest=None):
    """Check `file` against the results as they are now and write it if nothing is wrong.

    The reports the file names are locked, then the file is checked again, so a report
    submitted meanwhile refuses the whole file. With `digest` (the preview's), the import
    is refused too when what it would do is no longer what the preview showed.
    """
    try:
        rows = read_sheet(file, name=name, size=size)
    except Invalid as problem:
        errors = [Problem(problem.kind, problem.message, sheet=problem.sheet)]
        return Outcome(Plan(kind, errors=errors))
    with transaction.atomic():
        plan = check_rows(rows, kind=kind, user=actor)
        if plan.ok:
            report_ids = sorted({row.report.pk for row in plan.rows})
            list(
                ProgressReport.objects.select_for_update(of=("self",))
                .filter(pk__in=report_ids)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            plan = check_rows(rows, kind=kind, user=actor)  # against the locked rows
        if not plan.ok:
            return Outcome(plan)
        if digest is not None and plan.digest != digest:
            return Outcome(plan, stale=True)
        try:
            apply_plan(plan, actor=actor, filename=name)
        except ValidationError as refused:  # the checks above should have found it first
            errors = [Problem("refused", message) for message in refused.messages]
            return Outcome(Plan(kind, rows=plan.rows, errors=errors))
        return Outcome(plan, applied=True)


@transaction.atomic
def apply_plan(plan, *, actor, filename=""):
    """Write the new and the changed results; rows left empty and unchanged rows are not
    touched. One audit entry per report written into. Raises what the results service
    raises when it refuses a report (then nothing is written)."""
    if not plan.ok:
        raise ValueError("a plan with errors cannot be applied")
    rows = {report.pk: [] for report in plan.reports}
    for row in plan.rows:
        if row.status in (NEW, CHANGED):
            rows[row.report.pk].append(
                (row.indicator, row.municipality, row.value, row.note, row.evidence_url)
            )
    results.write_results(
        actor=actor,
        reports=[
            results.ReportResults(report, rows[report.pk], data=_audit_data(plan, report, filename))
            for report in plan.reports
        ],
        action=IMPORTED,
    )


def _audit_data(plan, report, filename):
    """What the audit entry of `report` keeps: the counts and every result written."""
    rows = [row for row in plan.rows if row.report.pk == report.pk]
    data = {"file": filename}
    for status in (NEW, CHANGED, UNCHANGED, KEPT):
        data[status] = sum(row.status == status for row in rows)
    data["results"] = [
        {
            "indicator": row.indicator.code,
            "municipality": row.municipality.name_th if row.municipality else "",
            "old": None if row.result is None else str(row.result.value),
            "new": str(row.value),
        }
        for row in rows
        if row.status in (NEW, CHANGED)
    ]
    return data
