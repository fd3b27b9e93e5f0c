"""The table parts of a proposal as the pages see them: title, template, and what each page
shows beside its rows (warnings on the saved rows, the work plan's months, the budget)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.numbers import number
from proposals.editing.budget import budget_summary
from proposals.editing.forms import month_limit

HUNDRED = Decimal("100")


@dataclass(frozen=True)
class Part:
    key: str
    url_name: str
    title: str
    intro: str = ""
    template: str = "proposals/editing/rows.html"
    extra_context: object = field(default=None, compare=False)


def municipality_context(proposal, rows):
    warnings = []
    if rows and not any(row.is_lead for row in rows):
        warnings.append(
            _(
                "No municipality is marked as the lead yet. You may save like this while "
                "drafting, but the proposal cannot be submitted without a lead municipality."
            )
        )
    return {"warnings": warnings}


def _months(activity, limit):
    return [activity.start_month <= month <= activity.end_month for month in range(1, limit + 1)]


def activity_context(proposal, rows):
    limit = month_limit(proposal)
    total = sum((row.weight_percent for row in rows), Decimal("0"))
    warnings = []
    if rows and total != HUNDRED:
        warnings.append(
            _("The weights add up to %(total)s%%; they should add up to 100%%.")
            % {"total": number(total)}
        )
    late = [row.name for row in rows if row.end_month > limit]
    if late:
        warnings.append(
            _("These activities end after month %(limit)s, the project's last: %(names)s.")
            % {"limit": limit, "names": ", ".join(late)}
        )
    span = max([limit, *(row.end_month for row in rows)])
    return {
        "warnings": warnings,
        "weight_total_text": number(total),
        "month_numbers": range(1, span + 1),
        "month_limit": limit,
        "gantt": [(row, _months(row, span)) for row in rows],
    }


def budget_context(proposal, rows):
    summary = budget_summary(proposal)
    return {"summary": summary, "warnings": [breach.message for breach in summary.breaches]}


PARTS = {
    part.key: part
    for part in [
        Part(
            "municipalities",
            "proposals:edit_municipalities",
            gettext_lazy("Partner municipalities"),
            gettext_lazy(
                "The municipalities the project works with: one of them leads. Only "
                "municipalities whose type and region the call accepts can be chosen."
            ),
            extra_context=municipality_context,
        ),
        Part(
            "technologies",
            "proposals:edit_technologies",
            gettext_lazy("Technologies"),
            gettext_lazy("The technologies of the catalogue the project brings to the city."),
        ),
        Part(
            "activities",
            "proposals:edit_activities",
            gettext_lazy("Work plan"),
            gettext_lazy(
                "Activities by month of the project (month 1 is the start month), each with "
                "its deliverable and its weight in the whole work."
            ),
            "proposals/editing/activities.html",
            activity_context,
        ),
        Part(
            "budget",
            "proposals:edit_budget",
            gettext_lazy("Budget"),
            gettext_lazy(
                "Quantity × unit cost gives each line's amount. Equipment lines need a "
                "specification and a justification."
            ),
            "proposals/editing/budget.html",
            budget_context,
        ),
        Part(
            "contributions",
            "proposals:edit_contributions",
            gettext_lazy("Indicator contributions"),
            gettext_lazy(
                "What the project commits to deliver on the indicators of the programme, per "
                "fiscal year, and how it will be verified."
            ),
        ),
        Part(
            "outputs",
            "proposals:edit_outputs",
            gettext_lazy("Expected outputs"),
            gettext_lazy("The outputs the project will deliver, by fiscal year."),
        ),
    ]
}

# Every editing page, in the order of the tabs (attachments has a page of its own).
TABS = [
    *((part.url_name, part.title) for part in PARTS.values()),
    ("proposals:edit_attachments", gettext_lazy("Attachments")),
]
