"""Template helpers of the writing area: the researcher's dashboard summary, the "start a
proposal" button's rule, and a proposal's last month (shown with core's `month_year`)."""

import datetime

from django import template

from proposals import rules
from proposals.writing import selectors

register = template.Library()

SUMMARY_LENGTH = 5


@register.inclusion_tag("proposals/writing/_dashboard_summary.html", takes_context=True)
def my_proposals_summary(context, user):
    """The latest proposals of `user` and the invitations waiting for them: two shaped queries,
    however many proposals there are."""
    proposals = list(selectors.proposals_of(user)[: SUMMARY_LENGTH + 1])
    invitations = list(selectors.pending_invitations_for(user)[: SUMMARY_LENGTH + 1])
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "proposals": proposals[:SUMMARY_LENGTH],
        "more_proposals": len(proposals) > SUMMARY_LENGTH,
        "invitations": invitations[:SUMMARY_LENGTH],
        "more_invitations": len(invitations) > SUMMARY_LENGTH,
    }


@register.filter
def can_start_proposal(user, call):
    return rules.can_start_proposal(user, call)


def _add_months(day, months):
    index = day.month - 1 + months
    return datetime.date(day.year + index // 12, index % 12 + 1, 1)


@register.filter
def last_month(proposal):
    """The last month of the project, from its start month and duration."""
    if not proposal.start_month or not proposal.duration_months:
        return None
    return _add_months(proposal.start_month, proposal.duration_months - 1)
