"""The full proposal, in the order of a Thai research proposal, and its blind variant for
reviewers (no names, emails or organisations of the team, neutral attachment names).

The parts are read once each with the workspace's own selector; the budget summary is the
one the workspace and the completeness check show."""

from collections import defaultdict

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proposals.editing.budget import budget_summary
from proposals.models import BudgetLine
from proposals.writing.selectors import attachments_by_kind, proposal_workspace, sections_in_order
from reports.pdf.common import amount_words, filename, issuer, subject_key
from reports.pdf.render import render_pdf
from reviews.reviewing.blind import neutral_filename

TEMPLATE = "reports/pdf/proposal.html"
GANTT_MONTHS = 24  # a longer plan shows its months as ranges only: the grid would not fit

LABEL = gettext_lazy("Full proposal")
BLIND_LABEL = gettext_lazy("Proposal for blind review")


def proposal_for_print(proposal):
    """The proposal with every part the document prints, one query per part (the budget
    lines too: the workspace shows only their summary)."""
    lines = BudgetLine.objects.select_related("category", "fiscal_year")
    return (
        proposal_workspace()
        .select_related("call__programme__funder")
        .prefetch_related(Prefetch("budget_lines", queryset=lines))
        .get(pk=proposal.pk)
    )


def work_plan(activities, months):
    """Each activity with, when the plan has at most GANTT_MONTHS months, one flag per month
    (True while it runs): the bar chart of a Thai work plan."""
    grid = range(1, months + 1) if 0 < months <= GANTT_MONTHS else ()
    return [
        {
            "activity": activity,
            "months": [activity.start_month <= month <= activity.end_month for month in grid],
        }
        for activity in activities
    ]


def plan_months(proposal, activities):
    return proposal.duration_months or max((a.end_month for a in activities), default=0)


def budget_groups(proposal, summary):
    """The budget lines under their category (in the call's order), each group with its
    lines (by fiscal year: the lines' own order) and the category's total."""
    lines = defaultdict(list)
    for line in proposal.budget_lines.all():
        lines[line.category_id].append(line)
    groups = []
    for row in summary.rows:
        items = lines.get(row.category.pk)
        if items:
            groups.append({"category": row.category, "lines": items, "total": row.total})
    return groups


def attachments(proposal, *, blind):
    """(kind, file name or "") for each attachment the call asks for; on the blind variant
    the neutral name that hides the uploader's own file name."""
    rows = []
    for kind, attachment in attachments_by_kind(proposal):
        name = ""
        if attachment is not None:
            name = neutral_filename(proposal, attachment) if blind else attachment.original_name
        rows.append((kind, name))
    return rows


def proposal_context(proposal, *, blind):
    """Everything the proposal template prints. The team leaves out members who declined;
    on the blind variant the template prints only their roles and effort."""
    team = [member for member in proposal.team.all() if member.declined_at is None]
    activities = list(proposal.activities.all())
    months = plan_months(proposal, activities)
    summary = budget_summary(proposal)
    return {
        "proposal": proposal,
        "call": proposal.call,
        "issuer": issuer(proposal.call.programme),
        "blind": blind,
        "team": team,
        "team_effort": sum(member.effort_percent for member in team),
        "sections": sections_in_order(proposal),
        "plan": work_plan(activities, months),
        "plan_months": range(1, months + 1) if 0 < months <= GANTT_MONTHS else [],
        "budget": summary,
        "budget_groups": budget_groups(proposal, summary),
        "budget_words": amount_words(summary.grand_total),
        "attachments": attachments(proposal, blind=blind),
    }


def _build(proposal, *, blind, kind, title):
    proposal = proposal_for_print(proposal)
    key = subject_key(proposal)
    content = render_pdf(
        TEMPLATE, proposal_context(proposal, blind=blind), title=title, reference=key
    )
    return filename(key, kind), content


def build_proposal(proposal):
    """(file name, PDF bytes) of the full proposal."""
    return _build(proposal, blind=False, kind="proposal", title=_("Research proposal"))


def build_blind_proposal(proposal):
    """(file name, PDF bytes) of the proposal without the team's identity."""
    return _build(
        proposal,
        blind=True,
        kind="proposal-blind",
        title=_("Research proposal (blind review)"),
    )
