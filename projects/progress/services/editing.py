"""The team's writes to its progress report: the narrative (checked against the version the
writer loaded), the fixed tables of activities and spending, evidence files and delivered
outputs. Each save locks the report, refuses a report that is no longer the team's to change,
stores every row or none and writes one audit entry.

Indicator results are written by `results`, which the results import calls too; the report's
states (submit, accept, return) are in `states`."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from accounts.models import AuditEntry
from projects.models import (
    ActivityProgress,
    ProgressReport,
    ProgressReportState,
    ResultEvidence,
    Spending,
)
from projects.progress.evidence import short_name, stored_name
from proposals.models import ProposalState
from proposals.rules import is_team_editor

NARRATIVE_SAVED = "progress_report.narrative_saved"
ACTIVITIES_SAVED = "progress_report.activities_saved"
SPENDING_SAVED = "progress_report.spending_saved"
EVIDENCE_ADDED = "progress_report.evidence_added"
EVIDENCE_REMOVED = "progress_report.evidence_removed"
OUTPUTS_SAVED = "progress_report.outputs_saved"

# Autosave writes every few seconds: saves by the same person within this window widen one
# audit entry instead of adding one per pause in typing.
AUDIT_SESSION = timedelta(minutes=30)


def describe_rows(data):
    words = {
        "added": _("Added: %(rows)s."),
        "changed": _("Changed: %(rows)s."),
        "removed": _("Removed: %(rows)s."),
    }
    return " ".join(words[key] % {"rows": ", ".join(data[key])} for key in words if data.get(key))


def _describe_file(data):
    return _("File: %(name)s (%(result)s).") % {
        "name": data.get("file", ""),
        "result": data.get("result", ""),
    }


# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    (NARRATIVE_SAVED, gettext_lazy("Progress narrative saved"), None),
    (ACTIVITIES_SAVED, gettext_lazy("Activity progress saved"), describe_rows),
    (SPENDING_SAVED, gettext_lazy("Spending saved"), describe_rows),
    (OUTPUTS_SAVED, gettext_lazy("Delivered outputs saved"), describe_rows),
    (EVIDENCE_ADDED, gettext_lazy("Evidence file added"), _describe_file),
    (EVIDENCE_REMOVED, gettext_lazy("Evidence file removed"), _describe_file),
]


class NotEditable(ValidationError):
    """The report (or its project) is in a state in which the team no longer changes it."""


class StaleVersion(Exception):
    """A colleague saved the narrative after the writer loaded it: the save is refused."""

    def __init__(self, version):
        super().__init__("stale version")
        self.version = version


def not_editable_message(report):
    """Why the team may not change `report` now (empty: it may)."""
    if report.state not in ProgressReportState.editable():
        return _("This report is “%(state)s”: it can no longer be changed.") % {
            "state": ProgressReportState(report.state).label
        }
    if report.proposal.state != ProposalState.ACTIVE:
        return _("The project is “%(state)s”: its reports can no longer be changed.") % {
            "state": ProposalState(report.proposal.state).label
        }
    return ""


def fresh(report):
    """The report as stored now (its state may have changed since the page read it)."""
    return ProgressReport.objects.select_related("proposal").get(pk=report.pk)


def lock_for_editing(actor, report):
    """The report, locked until the save ends, if `actor` may still change it: a submission
    at the same moment waits for the save, or the save for it."""
    locked = (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("proposal")
        .get(pk=report.pk)
    )
    if not is_team_editor(actor, locked.proposal):
        raise PermissionDenied
    message = not_editable_message(locked)
    if message:
        raise NotEditable(message)
    return locked


def _record(actor, report, action, data):
    if any(data.values()):
        audit.record(actor=actor, action=action, obj=report, data=data)


# The narrative ----------------------------------------------------------------------------------


def _record_narrative(actor, report):
    """One audit entry per writing session (see AUDIT_SESSION)."""
    latest = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ProgressReport),
            object_id=str(report.pk),
        )
        .order_by("-created_at", "-id")
        .first()
    )
    if (
        latest is not None
        and latest.action == NARRATIVE_SAVED
        and latest.actor_id == actor.pk
        and timezone.now() - latest.created_at < AUDIT_SESSION
    ):
        latest.data = {"saves": latest.data.get("saves", 1) + 1}
        latest.save(update_fields=["data"])
        return
    audit.record(actor=actor, action=NARRATIVE_SAVED, obj=report, data={"saves": 1})


@transaction.atomic
def save_narrative(*, actor, report, narrative, problems, version):
    """Save the narrative and the problems if `version` is the one stored; returns the new
    version. A save that changes nothing succeeds at any version (nothing is overwritten), so
    that the same text sent twice (autosave, then a closing tab's beacon) is no conflict."""
    locked = lock_for_editing(actor, report)
    if (locked.narrative, locked.problems) == (narrative, problems):
        return locked.version
    if locked.version != version:
        raise StaleVersion(locked.version)
    ProgressReport.objects.filter(pk=locked.pk).update(
        narrative=narrative, problems=problems, version=locked.version + 1
    )
    _record_narrative(actor, locked)
    return locked.version + 1


# The fixed tables -------------------------------------------------------------------------------


def _sync(existing, wanted, build, fields):
    """Bring the stored rows `existing` ({key: row}) to `wanted` ({key: (label, values or
    None)}): None removes the row, values create or update it. Returns the labels added,
    changed and removed."""
    changes = {"added": [], "changed": [], "removed": []}
    for key, (label, values) in wanted.items():
        row = existing.get(key)
        if values is None:
            if row is not None:
                row.delete()
                changes["removed"].append(label)
        elif row is None:
            build(key, values).save()
            changes["added"].append(label)
        elif any(getattr(row, name) != values[name] for name in fields):
            for name in fields:
                setattr(row, name, values[name])
            row.save(update_fields=list(fields))
            changes["changed"].append(label)
    return changes


def _save_rows(actor, report, rows, *, model, key, value, action):
    """Bring the report's `model` rows, one per `key` object, to `rows`: [(object, value or
    None, note)]; no value removes the row."""
    locked = lock_for_editing(actor, report)
    key_id = f"{key}_id"
    existing = {getattr(row, key_id): row for row in model.objects.filter(report=locked)}
    wanted = {
        obj.pk: (str(obj), None if amount is None else {value: amount, "note": note})
        for obj, amount, note in rows
    }
    changes = _sync(
        existing,
        wanted,
        lambda pk, values: model(report=locked, **{key_id: pk}, **values),
        (value, "note"),
    )
    _record(actor, locked, action, changes)
    return changes


@transaction.atomic
def save_activity_progress(*, actor, report, rows):
    """`rows`: [(activity, percent or None, note)]; no percent removes the row."""
    return _save_rows(
        actor,
        report,
        rows,
        model=ActivityProgress,
        key="activity",
        value="percent",
        action=ACTIVITIES_SAVED,
    )


@transaction.atomic
def save_spending(*, actor, report, rows):
    """`rows`: [(category, amount or None, note)]; no amount removes the row. Refused on a
    report without a financial part (the call asks for it with the final report only)."""
    if not report.asks_spending:
        raise ValidationError(
            _("The call asks for spending only in the final report: this report has none.")
        )
    return _save_rows(
        actor, report, rows, model=Spending, key="category", value="amount", action=SPENDING_SAVED
    )


def result_label(indicator, municipality):
    return f"{indicator.code} · {municipality}" if municipality else indicator.code


# Evidence files ---------------------------------------------------------------------------------


def _evidence_data(evidence, result):
    return {
        "file": evidence.original_name,
        "result": result_label(result.indicator, result.municipality),
    }


@transaction.atomic
def add_evidence(*, actor, report, result, upload):
    """Store a checked evidence file for `result` (a result of `report`)."""
    locked = lock_for_editing(actor, report)
    if result.report_id != locked.pk:
        raise PermissionDenied
    evidence = ResultEvidence(
        result=result, original_name=short_name(upload.name), size=upload.size, uploaded_by=actor
    )
    evidence.file.save(stored_name(upload), upload, save=False)
    try:
        evidence.save()
        audit.record(
            actor=actor,
            action=EVIDENCE_ADDED,
            obj=locked,
            data=_evidence_data(evidence, result),
        )
    except Exception:
        evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


@transaction.atomic
def remove_evidence(*, actor, report, evidence):
    """Remove an evidence file of `report`; the file leaves the storage once this commits."""
    locked = lock_for_editing(actor, report)
    result = evidence.result
    if result.report_id != locked.pk:
        raise PermissionDenied
    storage, name = evidence.file.storage, evidence.file.name
    audit.record(
        actor=actor,
        action=EVIDENCE_REMOVED,
        obj=locked,
        data=_evidence_data(evidence, result),
    )
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))


# Delivered outputs -------------------------------------------------------------------------------


@transaction.atomic
def save_outputs(*, actor, report, formset):
    """Save a valid, bound formset of the report's delivered outputs: every row or none."""
    locked = lock_for_editing(actor, report)
    formset.save()
    changes = {
        "added": [str(row) for row in formset.new_objects],
        "changed": [str(row) for row, _fields in formset.changed_objects],
        "removed": [str(row) for row in formset.deleted_objects],
    }
    _record(actor, locked, OUTPUTS_SAVED, changes)
    return changes
