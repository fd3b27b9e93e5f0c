"""The reviewer's dashboard: the assignments waiting for them, from one shaped query."""

from django import template

from reviews.reviewing import selectors

register = template.Library()

SUMMARY_LENGTH = 5


@register.inclusion_tag("reviews/reviewing/_dashboard_summary.html", takes_context=True)
def my_assignments_summary(context, user):
    """The first assignments still waiting for `user` (invited, or accepted and not yet
    submitted), each with its next step: one query, however many there are."""
    waiting = selectors.assignments_of(user).filter(state__in=selectors.OPEN_STATES)
    rows = selectors.with_next_actions(waiting[: SUMMARY_LENGTH + 1])
    return {
        "request": context.get("request"),
        "assignments": rows[:SUMMARY_LENGTH],
        "more": len(rows) > SUMMARY_LENGTH,
    }
