"""The audit log: one place that writes it and one that reads an object's history."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import AuditEntry

# Readable names of actions; apps higher up register theirs with `register_action`.
ACTION_LABELS = {
    "invitation.sent": gettext_lazy("Invitation sent"),
    "invitation.accepted": gettext_lazy("Invitation accepted"),
    "invitation.revoked": gettext_lazy("Invitation revoked"),
    "roles.changed": gettext_lazy("Roles changed"),
    "account.signed_up": gettext_lazy("Signed up"),
}


def _role_names(values):
    from accounts.roles import Role

    return ", ".join(str(Role(v).label) if v in Role.values else v for v in values) or "—"


def _describe_roles(data):
    return _("Before: %(before)s. After: %(after)s.") % {
        "before": _role_names(data.get("before", [])),
        "after": _role_names(data.get("after", [])),
    }


def _describe_invitation(data):
    return _("Roles: %(roles)s.") % {"roles": _role_names(data.get("roles", []))}


# How to put an action's details into words; apps higher up may register theirs.
ACTION_DESCRIBERS = {
    "roles.changed": _describe_roles,
    "invitation.sent": _describe_invitation,
}


def register_action(code, label, describe=None):
    ACTION_LABELS[code] = label
    if describe:
        ACTION_DESCRIBERS[code] = describe


def action_label(code):
    return ACTION_LABELS.get(code, code)


def describe(entry):
    """The details of an entry in words, for the history page."""
    if not entry.data:
        return ""
    describer = ACTION_DESCRIBERS.get(entry.action)
    if describer:
        return describer(entry.data)
    return "; ".join(f"{key}: {value}" for key, value in entry.data.items())


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
