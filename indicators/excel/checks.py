"""The rules between the columns of one row of the Indicators sheet, and the changes an
indicator in use may not take; the reader turns each into a problem at its row and column."""

from django.utils.translation import gettext as _

from indicators import locks
from indicators.excel import columns
from indicators.models import DEFINING_FIELDS, Aggregation, ValueType, definition_problems


def _definition_kind(values, column):
    """A stable name for a broken rule between value type, aggregation and targets."""
    if column == "targets_cumulative":
        return "cumulative_level"
    if values["value_type"] == ValueType.YES_NO or values["aggregation"] == Aggregation.COUNT_YES:
        return "yes_no_aggregation"
    return "percent_sum"


def row_problems(values, years):
    """[(kind, message, column)] for the rules `values` (one row, read) break: the model's
    own rules between value type, aggregation and cumulative targets, the baseline given with
    its year, and targets that are not below zero (nor above 100 for a percentage)."""
    problems = [
        (_definition_kind(values, column), str(message), column)
        for column, message in definition_problems(
            value_type=values["value_type"],
            aggregation=values["aggregation"],
            targets_cumulative=values.get("targets_cumulative", False),
        ).items()
    ]
    if values["baseline_value"] is not None and values["baseline_year"] is None:
        problems.append(
            ("baseline_without_year", _("A baseline value needs its year."), "baseline_year")
        )
    if values["baseline_year"] is not None and values["baseline_value"] is None:
        problems.append(
            ("year_without_baseline", _("A baseline year needs its value."), "baseline_value")
        )
    percent = values["value_type"] == ValueType.PERCENT
    for year in years:
        key = columns.target_key(year)
        value = values.get(key)
        if value is None:
            continue
        if value < 0:
            problems.append(("negative_target", _("A target cannot be below zero."), key))
        elif percent and value > 100:
            problems.append(("percent_over_100", _("A percent target cannot exceed 100."), key))
    return problems


def locked_changes(changed_rows):
    """[(row, column, message)] for each change of a unit, value type, aggregation or
    direction that a changed row makes to an indicator with data recorded against it."""
    used = locks.in_use(row.indicator.pk for row in changed_rows)
    return [
        (row, change.column, locks.refusal(row.indicator, [change.column]))
        for row in changed_rows
        if row.indicator.pk in used
        for change in row.changes
        if change.column in DEFINING_FIELDS
    ]
