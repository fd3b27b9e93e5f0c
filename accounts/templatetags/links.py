"""`{% document_links "slot" obj %}`: the "Documents" menu of a page (see accounts.links)."""

from django import template

from accounts.links import links_for

register = template.Library()


@register.inclusion_tag("accounts/_document_links.html", takes_context=True)
def document_links(context, slot, obj, css="", label=""):
    """The documents the signed-in person may have for `obj`, as a small menu with the extra
    classes `css` (e.g. "mb-3") under the button `label` ("Documents" unless given); nothing
    at all when there are none."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return {"links": links_for(slot, user, obj), "slot": slot, "css": css, "label": label}
