"""Apply a checked plan to the framework: one transaction, audited, all or nothing."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from indicators import services
from indicators.excel import columns
from indicators.excel.reader import read_plan
from indicators.models import Indicator, Programme

IMPORTED = "framework.imported"

# The model fields the columns fill, by column key.
FIELDS = {
    key: ("objective" if key == "objective_code" else key)
    for key in columns.KEYS
    if key not in ("code", "dimensions")
}


def describe_import(data):
    return _(
        "From %(file)s: %(added)s indicators added, %(changed)s changed, %(unchanged)s "
        "unchanged; targets: %(targets_created)s set, %(targets_changed)s changed, "
        "%(targets_removed)s removed."
    ) % {
        "file": data.get("file") or "—",
        **{
            key: data.get(key, 0)
            for key in (
                "added",
                "changed",
                "unchanged",
                "targets_created",
                "targets_changed",
                "targets_removed",
            )
        },
    }


# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [(IMPORTED, gettext_lazy("Framework imported from Excel"), describe_import)]


def import_file(programme, file, *, name, size, actor):
    """Check `file` against the framework as it is now and apply it if nothing is wrong.

    Returns the plan and, when it was applied, the counts of what changed (else None).
    The programme row is locked so that two imports of one programme run one after the other.
    """
    with transaction.atomic():
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        plan = read_plan(programme, file, name=name, size=size)
        if not plan.ok:
            return plan, None
        return plan, apply_plan(plan, actor=actor, filename=name)


@transaction.atomic
def apply_plan(plan, *, actor, filename=""):
    """Create and update the plan's indicators, their dimensions and targets.

    Indicators missing from the file are left alone. Each indicator written gets the audit
    entry of `services.save_with_audit`, the targets the one of `services.set_targets`, and
    the programme one summary entry. Raises ValidationError (and writes nothing) if a row
    breaks a rule of the model.
    """
    if not plan.ok:
        raise ValueError("a plan with errors cannot be applied")
    counts = {**plan.counts(), "targets_created": 0, "targets_changed": 0, "targets_removed": 0}
    if not plan.has_changes:  # e.g. the same file confirmed twice: the second changes nothing
        return counts
    programme = plan.programme
    objectives = {objective.code: objective for objective in programme.objectives.all()}
    year_ids = dict(programme.fiscal_years.values_list("year_be", "pk"))
    last_position = dict(
        Indicator.objects.filter(programme=programme)
        .values("objective")
        .annotate(last=Max("position"))
        .values_list("objective", "last")
    )
    targets = {}
    for row in plan.added:
        objective = objectives[row.values["objective_code"]]
        position = last_position.get(objective.pk, -1) + 1
        last_position[objective.pk] = position
        indicator = Indicator(programme=programme, code=row.code, position=position)
        _save(indicator, row.values, FIELDS.keys(), objectives, actor, row.values["dimensions"])
        targets.update(_targets(indicator, row.values, year_ids))
    for row in plan.changed:
        changed_keys = {change.column for change in row.changes}
        indicator = row.indicator
        if changed_keys & (FIELDS.keys() | {"dimensions"}):
            dimensions = row.values["dimensions"] if "dimensions" in changed_keys else None
            _save(
                indicator, row.values, changed_keys & FIELDS.keys(), objectives, actor, dimensions
            )
        changed_values = {key: row.values[key] for key in changed_keys}
        targets.update(_targets(indicator, changed_values, year_ids))
    created, changed, removed = services.set_targets(
        actor=actor, programme=programme, values=targets
    )
    counts.update(targets_created=created, targets_changed=changed, targets_removed=removed)
    audit.record(
        actor=actor,
        action=IMPORTED,
        obj=programme,
        data={
            "file": filename,
            **counts,
            "added_codes": [row.code for row in plan.added],
            "changed_codes": [row.code for row in plan.changed],
        },
    )
    return counts


def _save(indicator, values, keys, objectives, actor, dimensions=None):
    for key in keys:
        if key == "objective_code":
            indicator.objective = objectives[values[key]]
        else:
            setattr(indicator, key, values[key])
    # The reader checks all of this; the model's own rules are the last guard.
    indicator.clean_fields(exclude=["programme", "objective"])
    indicator.clean()
    services.save_with_audit(
        actor=actor,
        instance=indicator,
        fields=sorted(FIELDS[key] for key in keys),
        action="indicator",
        relations=None if dimensions is None else {"dimensions": dimensions},
    )


def _targets(indicator, values, year_ids):
    """{(indicator id, fiscal year id): value} for the target columns among `values`."""
    return {
        (indicator.pk, year_ids[columns.target_year(key)]): value
        for key, value in values.items()
        if columns.target_year(key)
    }
