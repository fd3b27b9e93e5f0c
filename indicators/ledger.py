"""The only writer of the KPI ledger: commitments and results.

`proposals`' services call these when a proposal is funded or withdrawn and when a progress
report is accepted or returned; they record the audit entry of that change themselves. Rows name
where they came from by opaque keys (`source`, `report`) so that `indicators` never imports
`proposals`.

Each row given to `record_commitments` or `record_results` is a dict with `indicator`,
`fiscal_year`, `value` and optionally `municipality` and `technology` (model instances).
"""

from decimal import Decimal

from django.db import transaction
from django.dispatch import Signal

from indicators.models import Commitment, LedgerStatus, Result, ValueType

YES_NO_VALUES = (Decimal(0), Decimal(1))

# Sent after every write with `programme_id`, once per programme whose figures changed, so
# that whatever keeps the ledger's figures (the public portfolio's cache, the KPI figures'
# cache) forgets them: the bulk writes below send no post_save. Risk signals read it live.
ledger_changed = Signal()


def _changed(programme_ids):
    for programme_id in sorted(set(programme_ids)):
        ledger_changed.send(sender=Commitment, programme_id=programme_id)


def _check(programme, row):
    indicator = row["indicator"]
    if indicator.programme_id != programme.pk:
        raise ValueError(
            f"indicator {indicator.code} belongs to another programme than {programme.code}"
        )
    if indicator.per_municipality and row.get("municipality") is None:
        raise ValueError(f"indicator {indicator.code} is reported per municipality: give one")
    value = row.get("value")
    if value is None:
        raise ValueError(f"indicator {indicator.code}: a value is required")
    if indicator.value_type == ValueType.YES_NO and Decimal(value) not in YES_NO_VALUES:
        raise ValueError(f"indicator {indicator.code} is yes/no: the value must be 0 or 1")


def _fields(programme, row):
    _check(programme, row)
    return {
        "programme": programme,
        "indicator": row["indicator"],
        "fiscal_year": row["fiscal_year"],
        "municipality": row.get("municipality"),
        "technology": row.get("technology"),
        "value": Decimal(row["value"]),
        "status": LedgerStatus.COUNTED,
    }


@transaction.atomic
def record_commitments(*, programme, source, source_label, rows):
    """Replace every commitment of `source` by `rows`, all counted. Returns the new rows."""
    new = [
        Commitment(source=source, source_label=source_label, **_fields(programme, row))
        for row in rows
    ]
    old = set(Commitment.objects.filter(source=source).values_list("programme", flat=True))
    Commitment.objects.filter(source=source).delete()
    rows = Commitment.objects.bulk_create(new)
    _changed({*old, programme.pk})
    return rows


@transaction.atomic
def withdraw_commitments(*, source):
    """Stop counting the commitments of `source` (the project was withdrawn or terminated).

    Returns the number of rows changed.
    """
    rows = Commitment.objects.filter(source=source, status=LedgerStatus.COUNTED)
    programmes = set(rows.values_list("programme", flat=True))
    changed = rows.update(status=LedgerStatus.NOT_COUNTED)
    _changed(programmes)
    return changed


@transaction.atomic
def record_results(*, programme, report, source, source_label, period, period_end, rows):
    """Replace every result of `report` by `rows` for `period`, all counted (report accepted).

    Returns the new rows.
    """
    new = [
        Result(
            report=report,
            source=source,
            source_label=source_label,
            period=period,
            period_end=period_end,
            evidence_url=row.get("evidence_url", ""),
            note=row.get("note", ""),
            **_fields(programme, row),
        )
        for row in rows
    ]
    Result.objects.filter(report=report).delete()
    rows = Result.objects.bulk_create(new)
    _changed([programme.pk])
    return rows


@transaction.atomic
def discount_results(*, report):
    """Stop counting the results of `report` (it was returned). Returns the number changed."""
    rows = Result.objects.filter(report=report, status=LedgerStatus.COUNTED)
    programmes = set(rows.values_list("programme", flat=True))
    changed = rows.update(status=LedgerStatus.NOT_COUNTED)
    _changed(programmes)
    return changed
