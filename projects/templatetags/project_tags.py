"""The funded projects' parts of the dashboards (templates of `accounts`, which may not import
`proposals`): the researcher's projects and what waits for the funding officers and finance."""

from django import template

from projects import selectors
from projects.payments import selectors as payment_selectors

register = template.Library()

SUMMARY_LENGTH = 5


@register.inclusion_tag("projects/_dashboard_projects.html")
def my_projects_summary(user):
    """The newest projects of `user`'s teams, with the next report due; one query."""
    projects = list(selectors.my_projects(user)[: SUMMARY_LENGTH + 1])
    return {"projects": projects[:SUMMARY_LENGTH], "more": len(projects) > SUMMARY_LENGTH}


@register.inclusion_tag("projects/_dashboard_officer.html")
def officer_project_counts():
    """Instalments due, reports awaiting a decision, reports overdue; three counts."""
    return {"counts": selectors.officer_counts()}


@register.inclusion_tag("projects/_dashboard_payments.html")
def payment_queue_summary(name):
    """The requests waiting in queue `name` ("pay" for finance): how many, how much, since
    when; one query."""
    return {"queue": name, "summary": payment_selectors.queue_summary(name)}
