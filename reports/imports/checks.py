"""Check every row of a results sheet against the database, into a plan. Writes nothing.

What the rows name is fetched once for the whole sheet (`lookups`), so a sheet of a thousand
rows runs as many queries as a sheet of one.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from core.numbers import CENT
from core.workbooks import Problem, blank, shown
from indicators.excel.reader import read_text
from indicators.values import parse_value
from projects.models import IndicatorResult, ProgressReportState
from proposals.models import ProgressReportKind, ProposalState
from reports.imports import columns, lookups
from reports.imports.columns import KINDS, RESULTS
from reports.imports.plan import Plan, RowPlan, as_read

LINK_MAX_LENGTH = IndicatorResult._meta.get_field("evidence_url").max_length


def check_rows(rows, *, kind, user):
    """Check the header and every row; the plan lists the good rows and every problem."""
    plan = Plan(kind)
    checker = _Checker(plan, user)
    if not rows or all(blank(value) for value in rows[0].values):
        checker.problem("empty_sheet", _("The first row must hold the column headers."), 1)
        return plan
    if not checker.read_header(rows[0].values):
        return plan
    checker.load(rows[1:])
    for row in rows[1:]:
        checker.read_row(row)
    return plan


class _Row:
    """The cells of one row, read by column key, and the problems they raise."""

    def __init__(self, checker, row):
        self.checker, self.row, self.ok = checker, row, True

    def raw(self, key):
        index = self.checker.positions[key]
        return self.row.values[index] if index < len(self.row.values) else None

    def text(self, key):
        return read_text(self.raw(key))

    def problem(self, kind, message, key):
        self.ok = False
        self.checker.problem(kind, message, self.row.number, key)


class _Checker:
    """Reads the header, then each row, adding good rows and problems to the plan."""

    def __init__(self, plan, user):
        self.plan, self.user, self.kind = plan, user, plan.kind
        self.positions = {}  # column key → index in a row
        self.seen = {}  # (report, indicator, municipality) → the row that gave it first

    def problem(self, kind, message, row=None, key=""):
        letter, name = "", ""
        if key:
            letter = get_column_letter(self.positions[key] + 1)
            name = str(columns.BY_KEY[key].label)
        self.plan.errors.append(Problem(kind, message, RESULTS, row, column=name, letter=letter))

    def read_header(self, header):
        """Find the columns; False when a required one is missing."""
        for index, raw in enumerate(header):
            column = columns.column_for(raw)
            if column is None or column.helper:
                continue  # helper columns and a person's own columns are not read
            if column.key in self.positions:
                self.plan.errors.append(
                    Problem(
                        "duplicate_column",
                        _("The column %(name)s appears more than once.") % {"name": column.english},
                        RESULTS,
                        1,
                        column=str(column.label),
                        letter=get_column_letter(index + 1),
                    )
                )
                continue
            self.positions[column.key] = index
        missing = [key for key in columns.REQUIRED if key not in self.positions]
        for key in missing:
            column = columns.BY_KEY[key]
            self.problem(
                "missing_column",
                _("The column “%(thai)s / %(english)s” is missing from the header row.")
                % {"thai": column.thai, "english": column.english},
                1,
            )
        return not missing and self.plan.ok

    # Everything the rows name, fetched at once ---------------------------------------------

    def _column_texts(self, rows, key, transform=str.upper):
        index = self.positions[key]
        return {
            transform(read_text(row.values[index]))
            for row in rows
            if index < len(row.values) and not blank(row.values[index])
        }

    def load(self, rows):
        self.found = lookups.fetch(
            references=self._column_texts(rows, columns.PROJECT),
            codes=self._column_texts(rows, columns.INDICATOR),
            names=self._column_texts(rows, columns.MUNICIPALITY, transform=str),
            kind=self.kind,
            user=self.user,
        )

    # One row --------------------------------------------------------------------------------

    def read_row(self, sheet_row):
        """Check one row; a good one joins the plan."""
        row = _Row(self, sheet_row)
        report = self._report(row)
        indicator = self._indicator(row, report) if report else None
        municipality = self._municipality(row, report, indicator) if indicator else None
        keys_ok = row.ok and report and indicator
        note, link = row.text(columns.NOTE), self._link(row)
        value = self._value(row, indicator) if indicator else None
        if not keys_ok:
            return
        key = (report.pk, indicator.pk, getattr(municipality, "pk", None))
        if self._seen_before(row, key) or not row.ok:
            return
        result = self.found.results.get(key)
        if value is None and not self._nothing_lost(row, result, note, link):
            return
        self.plan.rows.append(
            RowPlan(sheet_row.number, report, indicator, municipality, result, value, note, link)
        )

    def _seen_before(self, row, key):
        if key not in self.seen:
            self.seen[key] = row.row.number
            return False
        row.problem(
            "duplicate",
            _("This result is already in row %(row)s: give each result once.")
            % {"row": self.seen[key]},
            columns.INDICATOR,
        )
        return True

    def _nothing_lost(self, row, result, note, link):
        """An empty value leaves the row as it is: refuse it when the person wrote a note or
        a link there, which would silently not be saved."""
        stored = (
            as_read(getattr(result, "note", "")),
            as_read(getattr(result, "evidence_url", "")),
        )
        if (note, link) == stored:
            return True
        row.problem(
            "value_missing",
            _(
                "The value is empty, so this row is left as it is and its note and evidence "
                "link would be lost: give the value, or empty the note and the link."
            ),
            columns.VALUE,
        )
        return False

    def _project(self, row):
        reference = row.text(columns.PROJECT)
        if not reference:
            row.problem("blank_project", _("Give the project's reference."), columns.PROJECT)
            return None
        project = self.found.projects.get(reference.upper())
        if project is None or project.pk not in self.found.allowed:
            row.problem(
                "unknown_project",
                _("%(reference)s is not one of the projects whose results you may import.")
                % {"reference": shown(reference)},
                columns.PROJECT,
            )
            return None
        if project.state != ProposalState.ACTIVE:
            row.problem(
                "project_not_active",
                _("Project %(reference)s is “%(state)s”: only active projects report results.")
                % {"reference": project.reference, "state": ProposalState(project.state).label},
                columns.PROJECT,
            )
            return None
        return project

    def _kind(self, row):
        text = row.text(columns.REPORT)
        allowed = ", ".join(KINDS)
        if not text:
            row.problem(
                "blank_report",
                _("Give the report: %(kinds)s.") % {"kinds": allowed},
                columns.REPORT,
            )
            return None
        kind = _kind_named(text)
        if kind is None:
            row.problem(
                "unknown_report",
                _("“%(value)s” is not a report whose results can be imported; write %(kinds)s.")
                % {"value": shown(text), "kinds": allowed},
                columns.REPORT,
            )
            return None
        if kind != self.kind:
            row.problem(
                "other_period",
                _("This row is for the %(row_kind)s, but you chose to import the %(kind)s.")
                % {
                    "row_kind": ProgressReportKind(kind).label,
                    "kind": ProgressReportKind(self.kind).label,
                },
                columns.REPORT,
            )
            return None
        return kind

    def _report(self, row):
        project = self._project(row)
        kind = self._kind(row)
        if project is None or kind is None:
            return None
        report = self.found.reports.get(project.pk)
        if report is None:
            row.problem(
                "no_such_report",
                _("Project %(reference)s has no %(kind)s in its reporting schedule.")
                % {"reference": project.reference, "kind": ProgressReportKind(kind).label},
                columns.REPORT,
            )
            return None
        if report.state not in ProgressReportState.editable():
            row.problem(
                "report_closed",
                _(
                    "The %(kind)s of project %(reference)s is “%(state)s”: its results can be "
                    "changed only while it is a draft or returned for changes."
                )
                % {
                    "kind": ProgressReportKind(kind).label,
                    "reference": project.reference,
                    "state": ProgressReportState(report.state).label,
                },
                columns.REPORT,
            )
            return None
        return report

    def _indicator(self, row, report):
        code = row.text(columns.INDICATOR)
        if not code:
            row.problem("blank_indicator", _("Give the indicator code."), columns.INDICATOR)
            return None
        project = report.proposal
        indicator = self.found.indicators.get((project.call.programme_id, code.upper()))
        if indicator is None:
            row.problem(
                "unknown_indicator",
                _("The programme %(programme)s has no indicator %(code)s (see the codes sheet).")
                % {"programme": project.call.programme.code, "code": shown(code)},
                columns.INDICATOR,
            )
            return None
        committed = self.found.commitments.get(project.pk, {})
        if not any(indicator_id == indicator.pk for indicator_id, _place in committed):
            row.problem(
                "not_committed",
                _("Project %(reference)s did not commit to indicator %(code)s.")
                % {"reference": project.reference, "code": indicator.code},
                columns.INDICATOR,
            )
            return None
        return indicator

    def _municipality(self, row, report, indicator):
        name = row.text(columns.MUNICIPALITY)
        if not indicator.per_municipality:
            if name:
                row.problem(
                    "municipality_not_expected",
                    _(
                        "Indicator %(code)s is not reported per municipality: leave the "
                        "municipality empty."
                    )
                    % {"code": indicator.code},
                    columns.MUNICIPALITY,
                )
            return None
        if not name:
            row.problem(
                "blank_municipality",
                _("Indicator %(code)s is reported per municipality: give the municipality.")
                % {"code": indicator.code},
                columns.MUNICIPALITY,
            )
            return None
        municipality = self._municipality_named(row, name)
        if municipality is None:
            return None
        committed = self.found.commitments.get(report.proposal_id, {})
        if (indicator.pk, municipality.pk) not in committed:
            row.problem(
                "municipality_not_committed",
                _("Project %(reference)s did not commit to indicator %(code)s in %(place)s.")
                % {
                    "reference": report.proposal.reference,
                    "code": indicator.code,
                    "place": municipality.name_th,
                },
                columns.MUNICIPALITY,
            )
            return None
        return municipality

    def _municipality_named(self, row, name):
        municipality = self.found.by_thai.get(name)
        if municipality is not None:
            return municipality
        english = self.found.by_english.get(name.lower(), [])
        if len(english) == 1:
            return english[0]
        if english:
            row.problem(
                "ambiguous_municipality",
                _("Several municipalities are called “%(name)s” in English: write the Thai name.")
                % {"name": shown(name)},
                columns.MUNICIPALITY,
            )
        else:
            row.problem(
                "unknown_municipality",
                _("There is no municipality called “%(name)s” (see the codes sheet).")
                % {"name": shown(name)},
                columns.MUNICIPALITY,
            )
        return None

    def _value(self, row, indicator):
        raw = row.raw(columns.VALUE)
        if blank(raw):
            return None  # an empty value cell leaves the result as it is
        if self.positions[columns.VALUE] in row.row.percent_cells:
            raw = Decimal(repr(raw)) * 100  # Excel keeps 45% as 0.45
        try:
            return parse_value(indicator, raw).quantize(CENT)  # yes/no comes back as 0 or 1
        except ValidationError as error:
            row.problem("bad_value", " ".join(error.messages), columns.VALUE)
            return None

    def _link(self, row):
        link = row.text(columns.EVIDENCE)
        if not link:
            return ""
        try:
            if len(link) > LINK_MAX_LENGTH:
                raise ValidationError("too long")
            URLValidator()(link)
        except ValidationError:
            row.problem(
                "bad_link",
                _(
                    "“%(value)s” is not a web address of at most %(count)s characters: write it "
                    "in full, starting with https://."
                )
                % {"value": shown(link), "count": LINK_MAX_LENGTH},
                columns.EVIDENCE,
            )
        return link


def _kind_named(text):
    """The report kind a cell names, by its code or its Thai or English name."""
    word = text.strip().lower()
    for kind in KINDS:
        if word == kind.value:
            return kind.value
    for language in ("th", "en"):
        with translation.override(language):
            for kind in KINDS:
                if word == str(kind.label).lower():
                    return kind.value
    return None
