"""Which indicators have data recorded against them, so that what their numbers mean (unit,
value type, aggregation, direction) can no longer change.

An indicator is in use once the KPI ledger holds a commitment or a result of it, or an app above
says it holds data of it (a proposal committing a target, a progress report giving a value):
those apps answer through `DEFINITION_USES`, filled from their `extensions.py`, so that
`indicators` never imports them. Changing the unit from "people" to "thousand people", or the
aggregation from sum to average, would silently change the meaning of every figure already
recorded; the page says to add a new indicator instead.
"""

from django.utils.translation import gettext as _

from core.hooks import Hook
from indicators.models import DEFINING_FIELDS, Commitment, Indicator, Result

DEFINITION_USES = Hook(
    "indicators.definition_uses",
    "Data of an app above recorded against indicators: fn(indicator ids) -> set of those ids "
    "that have some.",
)


def in_use(ids):
    """The ids among `ids` of indicators with data recorded against them; two queries, plus
    one per app that registered."""
    ids = set(ids)
    if not ids:
        return set()
    used = set()
    for model in (Commitment, Result):
        used |= set(model.objects.filter(indicator__in=ids).values_list("indicator", flat=True))
    for uses in DEFINITION_USES:
        if ids - used:
            used |= set(uses(ids - used)) & ids
    return used


def is_locked(indicator):
    return indicator.pk is not None and indicator.pk in in_use([indicator.pk])


def changed_definition(stored, values):
    """The defining fields whose value in `values` ({field: value}) differs from `stored`."""
    return [
        name
        for name in DEFINING_FIELDS
        if name in values and (values[name] or "") != (getattr(stored, name) or "")
    ]


def lock_reason():
    """Why the defining fields are locked, and what to do instead (for pages and errors)."""
    return _(
        "Proposals or projects have already committed to or reported on this indicator, so "
        "its unit, value type, aggregation and direction are locked: changing them would "
        "change the meaning of every figure already recorded. To measure it another way, add "
        "a new indicator with its own code and set its targets; names, definition, baseline "
        "and targets can still be edited here."
    )


def refusal(indicator, fields):
    """The message refusing a change of `fields` (field names) of `indicator` in use."""
    names = ", ".join(str(Indicator._meta.get_field(name).verbose_name) for name in fields)
    return _("%(code)s: %(fields)s cannot change. %(reason)s") % {
        "code": indicator.code,
        "fields": names,
        "reason": lock_reason(),
    }
