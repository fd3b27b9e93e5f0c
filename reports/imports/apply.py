"""Apply a results file: checked again against the rows as they are now, with the reports
locked, and written in one transaction, all or nothing, one audit entry per report."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from projects.models import IndicatorResult, ProgressReport
from reports.imports.plan import CHANGED, KEPT, NEW, UNCHANGED, Plan, Problem
from reports.imports.reader import Invalid, check_rows, read_sheet

IMPORTED = "progress_report.results_imported"


def _describe_import(data):
    return _(
        "From %(file)s: %(new)s results added, %(changed)s changed, %(unchanged)s unchanged."
    ) % {
        "file": data.get("file") or "—",
        **{key: data.get(key, 0) for key in ("new", "changed", "unchanged")},
    }


# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    (IMPORTED, gettext_lazy("Indicator results imported from Excel"), _describe_import),
]


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
        apply_plan(plan, actor=actor, filename=name)
        return Outcome(plan, applied=True)


@transaction.atomic
def apply_plan(plan, *, actor, filename=""):
    """Create the new results and update the changed ones; rows left empty and unchanged
    rows are not touched. One audit entry per report written into."""
    if not plan.ok:
        raise ValueError("a plan with errors cannot be applied")
    new, changed = plan.new, plan.changed
    entries = [_audit_data(plan, report, filename) for report in plan.reports]
    IndicatorResult.objects.bulk_create(
        IndicatorResult(
            report=row.report,
            indicator=row.indicator,
            municipality=row.municipality,
            value=row.value,
            note=row.note,
            evidence_url=row.evidence_url,
        )
        for row in new
    )
    # Fresh instances, so that the plan keeps what was stored before (its rows still compare).
    IndicatorResult.objects.bulk_update(
        [
            IndicatorResult(
                pk=row.result.pk, value=row.value, note=row.note, evidence_url=row.evidence_url
            )
            for row in changed
        ],
        ["value", "note", "evidence_url"],
    )
    for report, data in entries:
        audit.record(actor=actor, action=IMPORTED, obj=report, data=data)


def _audit_data(plan, report, filename):
    """(report, the data of its audit entry): the counts and every result written."""
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
    return report, data
