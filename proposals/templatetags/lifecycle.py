"""The lifecycle's buttons, computed from its permission table (never by trying them)."""

from django import template

from proposals.lifecycle.rules import available_steps
from proposals.lifecycle.services import step_page

register = template.Library()


@register.simple_tag(takes_context=True)
def lifecycle_steps(context, proposal):
    """The transitions the person viewing the page may press for `proposal` now."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None:
        return []
    return [
        {"step": step, "url": step_page(proposal, step.name)}
        for step in available_steps(user, proposal)
    ]
