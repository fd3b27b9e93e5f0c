"""The audit log: one place that writes it and one that reads an object's history."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import AuditEntry
from core.hooks import Hook

# Readable names of actions, and how to put their details into words: every app registers its
# own from its `extensions.py` with `register_action`.
ACTIONS = Hook(
    "accounts.audit_actions",
    "The readable name of an audit action, and how to describe its details: (label, fn(data)).",
    single=True,
)


def _role_names(values):
    from accounts.roles import Role

    return ", ".join(str(Role(v).label) if v in Role.values else v for v in values) or "—"


def describe_roles(data):
    return _("Before: %(before)s. After: %(after)s.") % {
        "before": _role_names(data.get("before", [])),
        "after": _role_names(data.get("after", [])),
    }


def describe_invitation(data):
    return _("Roles: %(roles)s.") % {"roles": _role_names(data.get("roles", []))}


def register_action(code, label, describe=None):
    """Name the action `code` for the history page; `describe(data)` puts its details into
    words (without it they are listed as key: value)."""
    ACTIONS.register((label, describe), key=code)


def action_label(code):
    label, _describe = ACTIONS.one(code, (code, None))
    return label


def describe(entry):
    """The details of an entry in words, for the history page."""
    if not entry.data:
        return ""
    _label, describer = ACTIONS.one(entry.action, (None, None))
    if describer:
        return describer(entry.data)
    return "; ".join(f"{key}: {value}" for key, value in entry.data.items())


# The readable names of this app's own audit actions (registered by accounts/extensions.py).
AUDIT_ACTIONS = [
    ("invitation.sent", gettext_lazy("Invitation sent"), describe_invitation),
    ("invitation.accepted", gettext_lazy("Invitation accepted"), None),
    ("invitation.revoked", gettext_lazy("Invitation revoked"), None),
    ("roles.changed", gettext_lazy("Roles changed"), describe_roles),
    ("account.signed_up", gettext_lazy("Signed up"), None),
    ("account.orcid_linked", gettext_lazy("ORCID iD linked"), None),
]


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
