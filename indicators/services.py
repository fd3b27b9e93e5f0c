"""Writes to a programme's framework. Each runs in one transaction and leaves an audit entry."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts import audit
from indicators.models import Indicator, IndicatorTarget

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("objective.created", _("Objective created"), None),
    ("objective.changed", _("Objective changed"), None),
    ("objective.deleted", _("Objective deleted"), None),
    ("indicator.created", _("Indicator created"), None),
    ("indicator.changed", _("Indicator changed"), None),
    ("indicator.deleted", _("Indicator deleted"), None),
    ("framework.targets_changed", _("Targets changed"), None),
    ("technology.created", _("Technology added"), None),
    ("technology.changed", _("Technology changed"), None),
    ("output_type.created", _("Output type added"), None),
    ("output_type.changed", _("Output type changed"), None),
    ("letterhead.created", _("Letterhead set"), None),
    ("letterhead.changed", _("Letterhead changed"), None),
]


def _changes(instance, fields, before):
    return {
        field: [str(before.get(field, "")), str(getattr(instance, field))]
        for field in fields
        if str(before.get(field, "")) != str(getattr(instance, field))
    }


def _keys(objects):
    """The keys of related objects (or the keys themselves), as one comparable text."""
    return ", ".join(sorted(str(getattr(obj, "pk", obj)) for obj in objects))


@transaction.atomic
def save_with_audit(*, actor, instance, fields, action, relations=None):
    """Save a model instance and its many-to-many `relations` ({field: objects}), and record
    which of `fields` and of the relations changed (old → new)."""
    created = instance.pk is None
    before = {}
    if not created:
        current = type(instance).objects.get(pk=instance.pk)
        before = {field: getattr(current, field) for field in fields}
        before.update({name: _keys(getattr(current, name).all()) for name in relations or {}})
    instance.save()
    for name, objects in (relations or {}).items():
        getattr(instance, name).set(objects)
    after = {name: _keys(objects) for name, objects in (relations or {}).items()}
    changes = {} if created else _changes(instance, fields, before)
    if not created:
        changes.update(
            {name: [before[name], text] for name, text in after.items() if before[name] != text}
        )
    audit.record(
        actor=actor,
        action=f"{action}.{'created' if created else 'changed'}",
        obj=instance,
        data=changes,
    )
    return instance


@transaction.atomic
def delete_with_audit(*, actor, instance, action):
    audit.record(actor=actor, action=f"{action}.deleted", obj=instance)
    instance.delete()


@transaction.atomic
def set_targets(*, actor, programme, values):
    """Set targets from {(indicator_id, fiscal_year_id): Decimal or None}; None removes one.

    Returns the number of targets created, changed and removed.
    """
    indicators = {i.pk: i for i in Indicator.objects.filter(programme=programme)}
    existing = {
        (t.indicator_id, t.fiscal_year_id): t
        for t in IndicatorTarget.objects.filter(indicator__programme=programme)
    }
    created = changed = removed = 0
    for (indicator_id, year_id), value in values.items():
        if indicator_id not in indicators:
            raise ValueError(f"indicator {indicator_id} is not in programme {programme.code}")
        target = existing.get((indicator_id, year_id))
        if value is None:
            if target:
                target.delete()
                removed += 1
            continue
        if target is None:
            IndicatorTarget.objects.create(
                indicator_id=indicator_id, fiscal_year_id=year_id, value=value
            )
            created += 1
        elif target.value != value:
            target.value = value
            target.save(update_fields=["value"])
            changed += 1
    if created or changed or removed:
        audit.record(
            actor=actor,
            action="framework.targets_changed",
            obj=programme,
            data={"created": created, "changed": changed, "removed": removed},
        )
    return created, changed, removed
