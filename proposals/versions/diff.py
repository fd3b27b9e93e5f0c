"""What changed between two snapshots of a proposal, field by field and row by row.

`diff(old_data, new_data)` takes two dicts made by snapshot.serialize (or stored in
ProposalVersion.data) and returns a Diff for the compare page. Labels are lazy translations
and names are Bilingual, so the page shows them in the reader's language when it renders.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from proposals.models import Proposal, ProposalKind, SectionKey
from proposals.versions.tables import TABLES, Bilingual, Column
from proposals.versions.textdiff import inline_diff

TEXT, LONG, MONEY, DATE = "text", "long", "money", "date"


@dataclass
class FieldDiff:
    """One field or cell: its label, the old and new values ready to show, and for a long
    text that changed, the inline segments (see textdiff.inline_diff)."""

    key: str
    label: Any
    kind: str
    old: Any
    new: Any
    changed: bool
    segments: list | None = None


@dataclass
class RowDiff:
    status: str  # "added", "removed" or "changed"
    title: Any
    cells: list[FieldDiff]

    @property
    def changed_cells(self):
        return [cell for cell in self.cells if cell.changed]


@dataclass
class TableDiff:
    key: str
    label: Any
    columns: list[Column]
    rows: list[RowDiff]
    unchanged: int
    totals: list[FieldDiff] = field(default_factory=list)

    def _count(self, status):
        return sum(1 for row in self.rows if row.status == status)

    @property
    def added(self):
        return self._count("added")

    @property
    def removed(self):
        return self._count("removed")

    @property
    def modified(self):
        return self._count("changed")

    @property
    def changed(self):
        return bool(self.rows)


@dataclass
class Diff:
    general: list[FieldDiff]
    sections: list[FieldDiff]
    tables: list[TableDiff]

    @property
    def general_changed(self):
        return any(item.changed for item in self.general)

    @property
    def sections_changed(self):
        return sum(1 for item in self.sections if item.changed)

    @property
    def change_count(self):
        """Fields, sections and rows that changed: the number the page's summary shows."""
        return (
            sum(1 for item in self.general if item.changed)
            + self.sections_changed
            + sum(len(table.rows) for table in self.tables)
        )

    @property
    def changed(self):
        return self.change_count > 0


def _choice(choices):
    def show(value):
        return choices(value).label if value in choices.values else value

    return show


def _label(name):
    return Proposal._meta.get_field(name).verbose_name


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


# The general part: (key, label, kind, shown as). The state is shown beside each version,
# not as a change: it differs between any two submissions by the nature of the lifecycle.
GENERAL = [
    ("title_th", _label("title_th"), TEXT, None),
    ("title_en", _label("title_en"), TEXT, None),
    ("kind", _label("kind"), "choice", _choice(ProposalKind)),
    ("duration_months", _label("duration_months"), "number", None),
    ("start_month", _label("start_month"), DATE, _date),
    ("keywords", _label("keywords"), TEXT, None),
    ("summary_th", _label("summary_th"), LONG, None),
    ("summary_en", _label("summary_en"), LONG, None),
    ("reference", _label("reference"), TEXT, None),
]


def compare(key, label, kind, old, new, show=None):
    """A FieldDiff of two raw values; `show` turns a raw value into what the page shows."""
    changed = old != new
    segments = inline_diff(old, new) if kind == LONG and changed else None

    def shown(value):
        if value is None or show is None:
            return value
        return show(value)

    return FieldDiff(key, label, kind, shown(old), shown(new), changed, segments)


def _general(old, new):
    return [
        compare(key, label, kind, old.get(key), new.get(key), show)
        for key, label, kind, show in GENERAL
    ]


def _sections(old, new):
    keys = list(SectionKey.values)
    keys += sorted((set(old) | set(new)) - set(keys))
    return [
        compare(
            key,
            SectionKey(key).label if key in SectionKey.values else key,
            LONG,
            old.get(key, ""),
            new.get(key, ""),
        )
        for key in keys
        if old.get(key) or new.get(key)
    ]


def pair_rows(old_rows, new_rows, keys):
    """Match old rows to new ones by each key function in turn (the first that finds a partner
    wins). Returns (pairs, removed, added): pairs in the new order, removed in the old one."""
    pairs = {}
    old_left = list(enumerate(old_rows))
    new_left = list(enumerate(new_rows))
    for key in keys:
        by_key = {}
        for index, row in old_left:
            by_key.setdefault(key(row), (index, row))
        still_new = []
        for new_index, row in new_left:
            value = key(row)
            match = by_key.pop(value, None) if value is not None else None
            if match is None:
                still_new.append((new_index, row))
            else:
                pairs[new_index] = (match[1], row)
        matched = {id(old_row) for old_row, _new in pairs.values()}
        old_left = [(i, row) for i, row in old_left if id(row) not in matched]
        new_left = still_new
    ordered = [pairs[index] for index in sorted(pairs)]
    return ordered, [row for _i, row in old_left], [row for _i, row in new_left]


def _cells(columns, old_row, new_row):
    return [
        compare(
            column.key,
            column.label,
            column.kind,
            column.get(old_row) if old_row is not None else None,
            column.get(new_row) if new_row is not None else None,
            column.show,
        )
        for column in columns
    ]


def _table(spec, old_rows, new_rows):
    pairs, removed, added = pair_rows(old_rows, new_rows, spec.keys)
    rows, unchanged = [], 0
    for old_row, new_row in pairs:
        cells = _cells(spec.columns, old_row, new_row)
        if any(cell.changed for cell in cells):
            rows.append(RowDiff("changed", spec.title(new_row), cells))
        else:
            unchanged += 1
    rows += [RowDiff("added", spec.title(row), _cells(spec.columns, None, row)) for row in added]
    rows += [
        RowDiff("removed", spec.title(row), _cells(spec.columns, row, None)) for row in removed
    ]
    return TableDiff(spec.key, spec.label, spec.columns, rows, unchanged)


def _amount(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal("0")


def _category_totals(rows):
    totals, names, positions = {}, {}, {}
    for row in rows:
        code = row.get("category_code", "")
        totals[code] = totals.get(code, Decimal("0")) + _amount(row.get("amount"))
        names[code] = Bilingual(row.get("category_name_th", ""), row.get("category_name_en", ""))
        positions[code] = row.get("category_position", 0)
    return totals, names, positions


def budget_totals(old_rows, new_rows):
    """The total of each budget category, old → new, in the call's order, then the grand
    total (key "total")."""
    old_totals, old_names, old_positions = _category_totals(old_rows)
    new_totals, new_names, new_positions = _category_totals(new_rows)
    names = {**old_names, **new_names}
    positions = {**old_positions, **new_positions}
    codes = sorted(names, key=lambda code: (positions[code], code))
    zero = Decimal("0")
    totals = [
        compare(code, names[code], MONEY, old_totals.get(code, zero), new_totals.get(code, zero))
        for code in codes
    ]
    totals.append(
        compare(
            "total",
            _("Total"),
            MONEY,
            sum(old_totals.values(), zero),
            sum(new_totals.values(), zero),
        )
    )
    return totals


def diff(old_data, new_data):
    """Compare two snapshots. Returns Diff(general=[FieldDiff], sections=[FieldDiff],
    tables=[TableDiff]); the budget table's `totals` holds the category totals."""
    old_data, new_data = old_data or {}, new_data or {}
    tables = []
    for spec in TABLES:
        old_rows, new_rows = old_data.get(spec.key) or [], new_data.get(spec.key) or []
        table = _table(spec, old_rows, new_rows)
        if spec.key == "budget_lines":
            table.totals = budget_totals(old_rows, new_rows)
        tables.append(table)
    return Diff(
        general=_general(old_data.get("general") or {}, new_data.get("general") or {}),
        sections=_sections(old_data.get("sections") or {}, new_data.get("sections") or {}),
        tables=tables,
    )
