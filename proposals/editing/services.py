"""Saving the table parts of a proposal: each page in one transaction, under a lock on the
proposal, with one audit entry saying which rows were added, changed and removed."""

import secrets

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from proposals import rules
from proposals.editing.files import extension_of
from proposals.models import (
    Activity,
    BudgetLine,
    ExpectedOutput,
    IndicatorContribution,
    Proposal,
    ProposalAttachment,
    ProposalMunicipality,
    ProposalTechnology,
)

# part → (audit action, its label, the model of its rows)
PART_ACTIONS = {
    "municipalities": (
        "proposal.municipalities_changed",
        gettext_lazy("Partner municipalities changed"),
        ProposalMunicipality,
    ),
    "technologies": (
        "proposal.technologies_changed",
        gettext_lazy("Technologies changed"),
        ProposalTechnology,
    ),
    "activities": ("proposal.work_plan_changed", gettext_lazy("Work plan changed"), Activity),
    "budget": ("proposal.budget_changed", gettext_lazy("Budget changed"), BudgetLine),
    "contributions": (
        "proposal.contributions_changed",
        gettext_lazy("Indicator contributions changed"),
        IndicatorContribution,
    ),
    "outputs": (
        "proposal.outputs_changed",
        gettext_lazy("Expected outputs changed"),
        ExpectedOutput,
    ),
}
ATTACHMENTS_CHANGED = "proposal.attachments_changed"


def _field_label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field removed since the entry was written
        return name


def _rows_describer(model):
    def describe(data):
        parts = []
        if data.get("added"):
            parts.append(_("Added: %(rows)s.") % {"rows": ", ".join(data["added"])})
        if data.get("changed"):
            rows = [
                f"{row['row']} ({', '.join(_field_label(model, name) for name in row['fields'])})"
                for row in data["changed"]
            ]
            parts.append(_("Changed: %(rows)s.") % {"rows": "; ".join(rows)})
        if data.get("removed"):
            parts.append(_("Removed: %(rows)s.") % {"rows": ", ".join(data["removed"])})
        return " ".join(parts)

    return describe


def _describe_attachments(data):
    words = {
        "uploaded": _("Uploaded: %(files)s."),
        "replaced": _("Replaced: %(files)s."),
        "removed": _("Removed: %(files)s."),
    }
    return " ".join(
        words[key] % {"files": ", ".join(f"{row['kind']} ({row['file']})" for row in rows)}
        for key, rows in data.items()
        if rows and key in words
    )


# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    *((action, label, _rows_describer(model)) for action, label, model in PART_ACTIONS.values()),
    (ATTACHMENTS_CHANGED, gettext_lazy("Attachments changed"), _describe_attachments),
]

ROWS_COLLIDE = gettext_lazy(
    "These rows could not be stored together (two rows may be exchanging the same item): "
    "nothing was saved. Change one row at a time."
)


def _lock_for_editing(actor, proposal):
    """The proposal, locked until the save ends, if `actor` may still edit it: a submission
    at the same moment waits for the save, or the save for it."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not rules.can_edit_proposal(actor, locked):
        raise PermissionDenied
    return locked


def _touch(proposal):
    Proposal.objects.filter(pk=proposal.pk).update(updated_at=timezone.now())


@transaction.atomic
def save_rows(*, actor, proposal, part, formset):
    """Save a valid, bound formset of one table part (`part`, a key of PART_ACTIONS) of
    `proposal`: every row or none, then one audit entry listing the rows added, changed (with
    their fields) and removed. Returns that list ({"added", "changed", "removed"})."""
    locked = _lock_for_editing(actor, proposal)
    try:
        with transaction.atomic():
            formset.save()
    except IntegrityError as error:
        raise ValidationError(ROWS_COLLIDE) from error
    changes = {
        "added": [str(row) for row in formset.new_objects],
        "changed": [
            {"row": str(row), "fields": list(fields)} for row, fields in formset.changed_objects
        ],
        "removed": [str(row) for row in formset.deleted_objects],
    }
    if any(changes.values()):
        action = PART_ACTIONS[part][0]
        audit.record(actor=actor, action=action, obj=locked, data=changes)
        _touch(locked)
    return changes


def _stored_name(upload):
    """A random name, so that file names never reveal or collide (the original is kept)."""
    return f"{secrets.token_hex(16)}{extension_of(upload.name)}"


def _short(name, limit=255):
    if len(name) <= limit:
        return name
    extension = extension_of(name)
    return name[: limit - len(extension)] + extension


@transaction.atomic
def save_attachments(*, actor, proposal, uploads, removals):
    """Store the checked `uploads` ({RequiredAttachment: uploaded file}, each replacing the
    kind's file if it has one) and remove the files of the kinds in `removals`, all or none,
    with one audit entry. Old files leave the storage only once the transaction commits."""
    locked = _lock_for_editing(actor, proposal)
    existing = {
        attachment.kind_id: attachment
        for attachment in ProposalAttachment.objects.select_for_update().filter(proposal=locked)
    }
    changes = {"uploaded": [], "replaced": [], "removed": []}
    stored, obsolete = [], []
    try:
        for kind, upload in uploads.items():
            attachment = existing.get(kind.pk)
            if attachment is None:
                attachment = ProposalAttachment(proposal=locked, kind=kind)
                changes["uploaded"].append({"kind": str(kind), "file": upload.name})
            else:
                obsolete.append(attachment.file.name)
                changes["replaced"].append({"kind": str(kind), "file": upload.name})
            attachment.original_name = _short(upload.name)
            attachment.size = upload.size
            attachment.uploaded_by = actor
            attachment.file.save(_stored_name(upload), upload, save=False)
            stored.append((attachment.file.storage, attachment.file.name))
            attachment.save()
        for kind in removals:
            attachment = existing.get(kind.pk)
            if attachment is not None:
                obsolete.append(attachment.file.name)
                changes["removed"].append({"kind": str(kind), "file": attachment.original_name})
                attachment.delete()
        if any(changes.values()):
            audit.record(actor=actor, action=ATTACHMENTS_CHANGED, obj=locked, data=changes)
            _touch(locked)
    except Exception:
        for storage, name in stored:
            storage.delete(name)
        raise
    storage = ProposalAttachment._meta.get_field("file").storage

    def forget_old_files():
        for name in obsolete:
            storage.delete(name)

    transaction.on_commit(forget_old_files)
    return changes
