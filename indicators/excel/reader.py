"""Read an uploaded framework workbook into a plan, writing nothing."""

import datetime
import math
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from core.numbers import CENT
from core.workbooks import Invalid, Problem, blank, formulas_in, open_sheet, shown
from indicators.excel import checks, columns
from indicators.excel.columns import INDICATORS
from indicators.excel.export import framework_indicators, programme_years
from indicators.excel.plan import Change, Plan, RowPlan
from indicators.models import Dimension

MAX_ROWS = 2000
NUMBER_LIMIT = Decimal(10) ** 16  # the 18 digits of the model's decimals, two after the point
FIRST_YEAR, LAST_YEAR = 2500, 2999
YES_WORDS = {"yes", "y", "true", "1", "ใช่"}
NO_WORDS = {"no", "n", "false", "0", "ไม่", "ไม่ใช่", ""}


def read_plan(programme, file, *, name, size):
    """What `file` would change in the programme's framework, and what is wrong with it."""
    plan = Plan(programme)
    try:
        rows, formulas = _rows_of(file, name=name, size=size)
    except Invalid as problem:
        plan.errors.append(Problem.of(problem))
        return plan
    if formulas:  # what a formula would hold is not known: nothing else is read
        header = rows[0] if rows else ()
        for number, index, message in formulas:
            key = header[index] if index < len(header) and not blank(header[index]) else None
            column = shown(key).lower() if key is not None else get_column_letter(index + 1)
            plan.errors.append(Problem("formula", message, INDICATORS, number, column))
        return plan
    _Reader(plan).read(rows)
    return plan


def _rows_of(file, *, name, size):
    """The cell values of the Indicators sheet, row by row, and (row, index, message) of each
    cell holding a formula; or Invalid saying why not."""
    rows, formulas = [], []
    with open_sheet(file, name=name, size=size, sheet=INDICATORS) as sheet:
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            row = tuple(cell.value for cell in cells)
            formulas += [(number, index, message) for index, message in formulas_in(cells)]
            rows.append(row)
            if len(rows) > MAX_ROWS + 1 and any(not blank(value) for value in row):
                raise Invalid(
                    "too_many_rows",
                    _("The sheet has more than %(count)s rows of indicators.")
                    % {"count": MAX_ROWS},
                )
    return rows, formulas


class _Reader:
    def __init__(self, plan):
        self.plan = plan
        self.programme = plan.programme
        self.years = programme_years(self.programme)
        self.objectives = {o.code: o for o in self.programme.objectives.all()}
        self.positions = {}  # column key → index in a row

    def problem(self, kind, message, row=None, column=""):
        self.plan.errors.append(Problem(kind, message, INDICATORS, row, column))

    def read(self, rows):
        if not rows or all(blank(value) for value in rows[0]):
            self.problem(
                "empty_sheet",
                _("The first row must hold the column keys, and it is empty."),
                row=1,
            )
            return
        if not self.read_header(rows[0]):
            return
        good, codes = [], {}
        for number, cells in enumerate(rows[1:], start=2):
            if all(blank(value) for value in cells):
                continue
            values = self.read_row(number, cells)
            code = values.get("code")
            if code:
                if code in codes:
                    self.problem(
                        "duplicate_code",
                        _("The code %(code)s is already used in row %(row)s.")
                        % {"code": code, "row": codes[code]},
                        number,
                        "code",
                    )
                    continue
                codes[code] = number
            if values.pop("_ok"):
                good.append(RowPlan(number, values))
        self.sort_rows(good, codes)

    def read_header(self, header):
        """Find the columns; False when the rows cannot be read."""
        for index, raw in enumerate(header):
            if blank(raw):
                continue
            key = str(raw).strip().lower()
            year = columns.target_year(key)
            if key in self.positions:
                self.problem("duplicate_column", _("The column appears more than once."), 1, key)
            elif key in columns.BY_KEY or year in self.years:
                self.positions[key] = index
            elif year:
                self.problem(
                    "unknown_year",
                    _("Fiscal year %(year)s is not one of the programme's (%(years)s).")
                    % {"year": year, "years": ", ".join(map(str, self.years)) or "—"},
                    1,
                    key,
                )
            else:
                self.problem(
                    "unexpected_column",
                    _("Unexpected column: the import does not know %(key)s.") % {"key": key},
                    1,
                    shown(raw),
                )
        missing = [key for key in columns.KEYS if key not in self.positions]
        for key in missing:
            self.problem("missing_column", _("This column is missing from row 1."), 1, key)
        return not missing

    def read_row(self, number, cells):
        values, ok = {}, True
        for key, index in self.positions.items():
            raw = cells[index] if index < len(cells) else None
            try:
                values[key] = self.read_cell(key, raw)
            except Invalid as problem:
                self.problem(problem.kind, problem.message, number, key)
                ok = False
        if ok:
            ok = self.check_row(number, values)
        values["_ok"] = ok
        return values

    def read_cell(self, key, raw):
        kind = columns.kind_of(key)
        if kind in (columns.NUMBER, columns.TARGET):
            return read_number(raw)
        if kind == columns.YEAR:
            return read_year(raw)
        if kind == columns.YES_NO:
            return read_yes_no(raw)
        if kind == columns.DIMENSIONS:
            return read_dimensions(raw)
        column = columns.BY_KEY[key]
        text = read_text(raw)
        if column.choices:
            text = text.lower()
        if column.required and not text:
            if kind == columns.CODE:
                raise Invalid("blank_code", _("The indicator code is blank."))
            raise Invalid("required", _("This cell is empty, and it is required."))
        if column.max_length and len(text) > column.max_length:
            raise Invalid(
                "too_long",
                _("Too long: at most %(count)s characters.") % {"count": column.max_length},
            )
        if column.choices and text not in column.choices.values:
            raise Invalid(
                "unknown_choice",
                _("'%(value)s' is not allowed; use one of: %(allowed)s.")
                % {"value": shown(text), "allowed": ", ".join(column.choices.values)},
            )
        if kind == columns.OBJECTIVE and text not in self.objectives:
            raise Invalid(
                "unknown_objective",
                _("The programme has no objective %(code)s (it has: %(codes)s).")
                % {"code": shown(text), "codes": ", ".join(self.objectives) or "—"},
            )
        return text

    def check_row(self, number, values):
        """The rules between columns of one row; False if one is broken."""
        problems = checks.row_problems(values, self.years)
        for kind, message, column in problems:
            self.problem(kind, message, number, column)
        return not problems

    def sort_rows(self, rows, codes):
        """Put each good row with the added, changed or unchanged; list the kept indicators."""
        existing = {indicator.code: indicator for indicator in framework_indicators(self.programme)}
        file_years = [year for year in self.years if columns.target_key(year) in self.positions]
        for row in rows:
            indicator = existing.get(row.code)
            if indicator is None:
                self.plan.added.append(row)
                continue
            row.indicator = indicator
            current = columns.current_values(indicator, file_years)
            row.changes = [
                Change(key, current[key], row.values[key])
                for key in current
                if current[key] != row.values[key]
            ]
            (self.plan.changed if row.changes else self.plan.unchanged).append(row)
        self.refuse_locked_changes()
        self.plan.missing = [indicator for code, indicator in existing.items() if code not in codes]

    def refuse_locked_changes(self):
        """A changed row may not change what an indicator in use measures."""
        for row, column, message in checks.locked_changes(self.plan.changed):
            self.problem("locked_definition", message, row.row, column)


def read_text(raw):
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime.datetime) and raw.time() == datetime.time():
        return raw.date().isoformat()
    return str(raw).strip()


def read_number(raw):
    """A number cell as Decimal with two places, None when blank."""
    if blank(raw):
        return None
    not_a_number = Invalid(
        "not_a_number", _("'%(value)s' is not a number.") % {"value": shown(raw)}
    )
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise not_a_number  # TRUE/FALSE, dates and times are not numbers here
    if isinstance(raw, float) and not math.isfinite(raw):
        raise not_a_number
    text = repr(raw) if isinstance(raw, float) else str(raw)
    try:
        value = Decimal(text.strip().replace(",", "").replace(" ", ""))
    except InvalidOperation:
        raise not_a_number from None
    if not value.is_finite():
        raise not_a_number
    if abs(value) >= NUMBER_LIMIT:
        raise Invalid("out_of_range", _("'%(value)s' is too large.") % {"value": shown(raw)})
    if value != value.quantize(CENT):
        raise Invalid(
            "too_many_decimals",
            _("'%(value)s' has more than two decimal places.") % {"value": shown(raw)},
        )
    return value.quantize(CENT)


def read_year(raw):
    value = read_number(raw)
    if value is None:
        return None
    if value != value.to_integral_value() or not FIRST_YEAR <= value <= LAST_YEAR:
        raise Invalid(
            "not_a_year",
            _("'%(value)s' is not a year of the Buddhist era, such as 2567.")
            % {"value": shown(raw)},
        )
    return int(value)


def read_yes_no(raw):
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    word = read_text(raw).lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise Invalid("not_yes_no", _("'%(value)s' is not yes or no.") % {"value": shown(raw)})


def read_dimensions(raw):
    codes = [code for code in re.split(r"[,;\s]+", read_text(raw).lower()) if code]
    unknown = [code for code in codes if code not in Dimension.Code.values]
    if unknown:
        allowed = ", ".join(Dimension.Code.values)
        raise Invalid(
            "unknown_dimension",
            _("Unknown dimension code(s): %(codes)s; use: %(allowed)s.")
            % {"codes": ", ".join(map(shown, unknown)), "allowed": allowed},
        )
    return columns.dimension_order(codes)
