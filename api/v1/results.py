"""Indicator results of a progress report written through the API: the rows are checked as
the report's results page checks them (an indicator the project committed to, a municipality it
committed to for it, a value the indicator takes) and written by the one service that writes
results (`projects.progress.services.results.write_results`)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from indicators.values import value_problem
from projects import rules as project_rules
from projects.models import IndicatorResult, ResultEvidence
from projects.progress.selectors import expected_results, visible_report
from projects.progress.services.editing import NotEditable
from projects.progress.services.results import ReportResults, write_results

MAX_ROWS = 1000


class ResultRow(serializers.Serializer):
    indicator = serializers.CharField(max_length=40, help_text="The indicator's code.")
    municipality = serializers.IntegerField(
        required=False, allow_null=True, help_text="For indicators reported per municipality."
    )
    value = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    evidence_url = serializers.URLField(
        required=False, allow_blank=True, default="", max_length=500
    )


class ResultsWrite(serializers.Serializer):
    results = ResultRow(many=True, max_length=MAX_ROWS, allow_empty=False)


def _rows(report, results):
    """[(indicator, municipality, value, note, link)] of the rows sent, or ValidationError
    naming each row and field refused."""
    expected = {
        (indicator.code, municipality.pk if municipality else None): (indicator, municipality)
        for indicator, municipality in expected_results(report.proposal)
    }
    codes = {code for code, _municipality in expected}
    with_files = set(
        ResultEvidence.objects.filter(result__report=report).values_list(
            "result__indicator__code", "result__municipality_id"
        )
    )
    rows, errors, seen = [], {}, set()
    for index, row in enumerate(results):
        key = (row["indicator"], row.get("municipality"))
        problems = {}
        if key not in expected:
            field = "indicator" if row["indicator"] not in codes else "municipality"
            problems[field] = (
                _("The project did not commit to this indicator.")
                if field == "indicator"
                else _("This municipality is not one the project committed to for this indicator.")
            )
        elif key in seen:
            problems["indicator"] = _("This result is given twice.")
        else:
            indicator, municipality = expected[key]
            value = row["value"]
            if value is not None:
                problem = value_problem(indicator, value)
                if problem:
                    problems["value"] = problem
            elif key in with_files:
                problems["value"] = _(
                    "This result has evidence files: give its value or remove them."
                )
            elif row["note"] or row["evidence_url"]:
                problems["value"] = _("Give the value, or clear the note and the link.")
            rows.append((indicator, municipality, value, row["note"], row["evidence_url"]))
        seen.add(key)
        if problems:
            errors[index] = problems
    if errors:
        raise ValidationError({"results": [errors.get(i, {}) for i in range(len(results))]})
    return rows


def write_report_results(user, pk, data):
    """Check `data` and write the results of report `pk` as `user`; the results written."""
    report = visible_report(user, pk)
    if not project_rules.can_write_results(user, report.proposal):
        raise PermissionDenied
    payload = ResultsWrite(data=data)
    payload.is_valid(raise_exception=True)
    rows = _rows(report, payload.validated_data["results"])
    try:
        write_results(actor=user, reports=[ReportResults(report, rows)])
    except NotEditable as error:
        raise ValidationError({"non_field_errors": error.messages}) from error
    return list(
        IndicatorResult.objects.filter(report=report)
        .select_related("indicator")
        .order_by("indicator__code", "municipality_id", "pk")
    )
