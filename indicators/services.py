"""Writes to a programme's framework. Each runs in one transaction and leaves an audit entry."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts import audit
from indicators import locks
from indicators.models import DEFINING_FIELDS, FiscalYear, Indicator, IndicatorTarget

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("objective.created", _("Objective created"), None),
    ("objective.changed", _("Objective changed"), None),
    ("objective.deleted", _("Objective deleted"), None),
    ("indicator.created", _("Indicator created"), None),
    ("indicator.changed", _("Indicator changed"), None),
    ("indicator.deleted", _("Indicator deleted"), None),
    ("framework.targets_changed", _("Targets changed"), None),
    ("programme.fiscal_years_added", _("Fiscal years added to the programme"), None),
    ("technology.created", _("Technology added"), None),
    ("technology.changed", _("Technology changed"), None),
    ("output_type.created", _("Output type added"), None),
    ("output_type.changed", _("Output type changed"), None),
    ("letterhead.created", _("Letterhead set"), None),
    ("letterhead.changed", _("Letterhead changed"), None),
    ("funder.created", _("Funder added"), None),
    ("funder.changed", _("Funder changed"), None),
    ("thresholds.changed", _("Thresholds of achievement and spending changed"), None),
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
def save_indicator(*, actor, instance, fields, relations=None):
    """Save an indicator (new or changed) with its audit entry, as `save_with_audit`; a
    change of its unit, value type, aggregation or direction is refused once proposals or
    projects have recorded data against it (`indicators.locks`). Raises ValidationError
    (nothing saved)."""
    if instance.pk is not None:
        stored = Indicator.objects.select_for_update().get(pk=instance.pk)
        values = {name: getattr(instance, name) for name in DEFINING_FIELDS}
        changed = locks.changed_definition(stored, values)
        if changed and locks.is_locked(stored):
            raise ValidationError(locks.refusal(stored, changed))
    return save_with_audit(
        actor=actor, instance=instance, fields=fields, action="indicator", relations=relations
    )


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


def fiscal_years_between(first_day, last_day):
    """The fiscal years (B.E., in order) of every day from `first_day` to `last_day`."""
    return list(range(FiscalYear.year_be_of(first_day), FiscalYear.year_be_of(last_day) + 1))


@transaction.atomic
def cover_fiscal_years(*, actor, programme, first_day, last_day, because=""):
    """Make the programme's fiscal years cover every day from `first_day` to `last_day` (a
    funded project's period), adding the years it lacks (their targets are then to be set):
    results and commitments are filed under the fiscal year they fall in, and a year the
    programme does not have would have no target. Audited on the programme with `because`
    (e.g. the project's reference). Returns the FiscalYears added, in order."""
    wanted = fiscal_years_between(first_day, last_day)
    have = set(programme.fiscal_years.filter(year_be__in=wanted).values_list("year_be", flat=True))
    added = [
        FiscalYear.objects.get_or_create(year_be=year_be)[0]
        for year_be in wanted
        if year_be not in have
    ]
    if added:
        programme.fiscal_years.add(*added)
        audit.record(
            actor=actor,
            action="programme.fiscal_years_added",
            obj=programme,
            data={"years": [year.year_be for year in added], "because": because},
        )
    return added
