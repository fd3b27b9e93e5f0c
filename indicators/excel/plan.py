"""What an uploaded framework file would do: rows added, changed and unchanged, and problems."""

from dataclasses import dataclass, field
from types import SimpleNamespace

from core.thai import localized
from core.workbooks import Problem
from indicators.excel import columns


@dataclass
class Change:
    column: str
    old: object
    new: object

    @property
    def label(self):
        return columns.label(self.column)

    @property
    def old_text(self):
        return columns.display(self.column, self.old)

    @property
    def new_text(self):
        return columns.display(self.column, self.new)


@dataclass
class RowPlan:
    """One row of the Indicators sheet, read and checked, with what it changes."""

    row: int
    values: dict  # column key → value, the way `columns.current_values` gives them
    indicator: object = None  # the Indicator the row updates, None for a new one
    changes: list[Change] = field(default_factory=list)

    @property
    def code(self):
        return self.values["code"]

    @property
    def name(self):
        names = SimpleNamespace(name_th=self.values["name_th"], name_en=self.values["name_en"])
        return localized(names, "name")

    def targets(self):
        """(year, value as shown) of each target the row sets, in year order."""
        return [
            (columns.target_year(key), columns.display(key, value))
            for key, value in self.values.items()
            if columns.target_year(key) and value is not None
        ]


@dataclass
class Plan:
    programme: object
    added: list[RowPlan] = field(default_factory=list)
    changed: list[RowPlan] = field(default_factory=list)
    unchanged: list[RowPlan] = field(default_factory=list)
    missing: list = field(default_factory=list)  # indicators kept because the file lacks them
    errors: list[Problem] = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    @property
    def has_changes(self):
        return bool(self.added or self.changed)

    def counts(self):
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "unchanged": len(self.unchanged),
            "kept": len(self.missing),
        }
