"""What an uploaded results file would do: results to add, to change (old → new), unchanged
and left as they are, and every problem, located by sheet, row and column."""

import hashlib
import json
from dataclasses import dataclass, field

from core.workbooks import Problem
from indicators.excel.columns import format_number
from reports.excel.writer import clean_text
from reports.imports.columns import BY_KEY, EVIDENCE, NOTE, VALUE


@dataclass
class Change:
    label: object  # the field's name for people
    old: str
    new: str


NEW, CHANGED, UNCHANGED, KEPT = "new", "changed", "unchanged", "kept"


@dataclass
class RowPlan:
    """One good row of the results sheet: which result it is and what it would become."""

    row: int
    report: object
    indicator: object
    municipality: object  # None for indicators not reported per municipality
    result: object  # the stored IndicatorResult, or None
    value: object = None  # Decimal, or None when the cell was empty ("leave as is")
    note: str = ""
    evidence_url: str = ""

    @property
    def proposal(self):
        return self.report.proposal

    @property
    def status(self):
        if self.value is None:
            return KEPT
        if self.result is None:
            return NEW
        return CHANGED if self.changes else UNCHANGED

    @property
    def changes(self):
        """The fields the row changes, old → new, as the preview shows them."""
        if self.value is None or self.result is None:
            return []
        pairs = [
            (VALUE, show_number(self.result.value), show_number(self.value)),
            (NOTE, as_read(self.result.note), self.note),
            (EVIDENCE, as_read(self.result.evidence_url), self.evidence_url),
        ]
        return [
            Change(BY_KEY[key].label, old or "—", new or "—")
            for key, old, new in pairs
            if old != new
        ]

    @property
    def value_text(self):
        return show_number(self.value)

    def fingerprint(self):
        """What the row would write and over what, for the preview's digest."""
        stored = self.result
        return [
            self.report.pk,
            self.indicator.pk,
            getattr(self.municipality, "pk", None),
            None if stored is None else [str(stored.value), stored.note, stored.evidence_url],
            None if self.value is None else [str(self.value), self.note, self.evidence_url],
        ]


def as_read(text):
    """Stored text as it comes back from the template: what a cell may hold, line ends as
    XML gives them (a web form's CRLF comes back as LF), trimmed like every cell read."""
    text = clean_text(text or "").replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def show_number(value):
    return "—" if value is None else format_number(value)


@dataclass
class Plan:
    kind: str
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def _with(self, status):
        return [row for row in self.rows if row.status == status]

    @property
    def new(self):
        return self._with(NEW)

    @property
    def changed(self):
        return self._with(CHANGED)

    @property
    def unchanged(self):
        return self._with(UNCHANGED)

    @property
    def kept(self):
        return self._with(KEPT)

    @property
    def has_changes(self):
        return any(row.status in (NEW, CHANGED) for row in self.rows)

    @property
    def reports(self):
        """The reports the file writes into, in the order of their first row."""
        reports = {}
        for row in self.rows:
            if row.status in (NEW, CHANGED):
                reports.setdefault(row.report.pk, row.report)
        return list(reports.values())

    def counts(self):
        return {
            "new": len(self.new),
            "changed": len(self.changed),
            "unchanged": len(self.unchanged),
            "kept": len(self.kept),
            "reports": len(self.reports),
        }

    @property
    def digest(self):
        """A short fingerprint of everything the preview showed: the import is applied only if
        it is still the same when the person confirms."""
        content = json.dumps([row.fingerprint() for row in self.rows], default=str)
        return hashlib.sha256(content.encode()).hexdigest()[:32]
