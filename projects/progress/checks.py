"""What a progress report needs before its team may submit it: a period that has ended (or a
funding officer's leave to submit earlier), a narrative, the progress of every activity of the
work plan, a value for every committed indicator (per municipality where
the indicator asks for it) and evidence for every result above zero.

`projects/extensions.py` adds these to the submission of reports, so that `submit_report`
refuses a report with gaps; the report page
lists the same gaps with a link to the part that fixes each."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from core.thai import format_date
from projects.progress import selectors


@dataclass(frozen=True)
class Problem:
    message: str
    url: str

    def __str__(self):
        return self.message


def _link(name, report, *args):
    return reverse(f"projects:{name}", args=[report.pk, *args])


def _narrative(report):
    if report.narrative.strip():
        return []
    return [Problem(_("Write the progress narrative."), _link("progress_narrative", report))]


def _activities(report, rows):
    url = _link("progress_activities", report)
    return [
        Problem(
            _("Give the progress of the activity “%(activity)s”.") % {"activity": row.activity},
            url,
        )
        for row in rows
        if row.progress is None
    ]


def _result_name(row):
    if row.municipality is None:
        return str(row.indicator)
    return _("%(indicator)s in %(municipality)s") % {
        "indicator": row.indicator,
        "municipality": row.municipality,
    }


def _results(report, rows):
    problems = []
    results_url = _link("progress_results", report)
    for row in rows:
        if row.result is None:
            problems.append(
                Problem(
                    _("Give the result for %(result)s.") % {"result": _result_name(row)},
                    results_url,
                )
            )
        elif row.result.value > 0 and not row.has_evidence:
            problems.append(
                Problem(
                    _("Add an evidence file or link to the result for %(result)s.")
                    % {"result": _result_name(row)},
                    _link("progress_evidence", report, row.result.pk),
                )
            )
    return problems


def _period(report):
    if report.may_be_submitted():
        return []
    return [
        Problem(
            _(
                "The report covers the period up to %(end)s: it can be submitted from %(opens)s, "
                "or earlier once a funding officer records why."
            )
            % {"end": format_date(report.period_end), "opens": format_date(report.opens_on)},
            reverse("projects:progress_detail", args=[report.pk]) + "#early",
        )
    ]


def problems(report, *, activities=None, results=None):
    """Every gap of the report, each with the page that fixes it (empty: none); first, a
    period that has not ended (without an officer's leave). A page that has read the report's
    activity and result rows passes them, so nothing is read twice."""
    if activities is None:
        activities = selectors.activity_rows(report)
    if results is None:
        results = selectors.result_rows(report)
    return [
        *_period(report),
        *_narrative(report),
        *_activities(report, activities),
        *_results(report, results),
    ]


def submit_check(report):
    return [problem.message for problem in problems(report)]
