"""The audit log: one place that writes it and one that reads an object's history."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from accounts.models import AuditEntry

# Readable names of actions; apps higher up register theirs with `register_action`.
ACTION_LABELS = {
    "invitation.sent": _("Invitation sent"),
    "invitation.accepted": _("Invitation accepted"),
    "invitation.revoked": _("Invitation revoked"),
    "roles.changed": _("Roles changed"),
    "account.signed_up": _("Signed up"),
}


def register_action(code, label):
    ACTION_LABELS[code] = label


def action_label(code):
    return ACTION_LABELS.get(code, code)


def record(*, actor, action, obj, from_state="", to_state="", comment="", data=None):
    """Write one audit entry. Call it inside the transaction of the change it records."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        from_state=str(from_state or ""),
        to_state=str(to_state or ""),
        comment=comment or "",
        data=data or {},
    )


def history(obj):
    """An object's audit entries, newest first, with the actor fetched in the same query."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    ).select_related("actor")
