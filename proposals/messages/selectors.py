"""Reads of the messages pages: the programme, its calls, and its texts of its own."""

from django.shortcuts import get_object_or_404

from accounts.models import MessageTemplate
from accounts.notifications.kinds import all_kinds, site_kinds
from indicators.models import Programme
from proposals.models import Call


def programme_for_messages(code):
    """The programme of `code` with its managers (404 when there is none)."""
    return get_object_or_404(Programme.objects.prefetch_related("managers"), code=code)


def programme_calls(programme):
    """The programme's calls, newest first, for the choice of a call's own text."""
    return list(Call.objects.filter(programme=programme).order_by("-opens_at", "code"))


def message_rows(programme):
    """Each registered kind with the programme's texts of it: [(kind, programme's text or
    None, [calls with a text of their own])], in two queries whatever the number of texts."""
    saved = MessageTemplate.objects.filter(programme=programme).select_related("call")
    own = {}
    by_call = {}
    for template in saved:
        if template.call_id is None:
            own[template.kind] = template
        else:
            by_call.setdefault(template.kind, []).append(template.call)
    return [
        (kind, own.get(kind.key), sorted(by_call.get(kind.key, []), key=lambda c: c.code))
        for kind in all_kinds()
    ]


def saved_template(kind, programme, call):
    """The programme's (or call's) own text of `kind`, or None."""
    return MessageTemplate.objects.filter(kind=kind.key, programme=programme, call=call).first()


def site_message_rows():
    """Each site kind with the site's text of it (or None): [(kind, text)], one query."""
    kinds = site_kinds()
    saved = MessageTemplate.objects.filter(
        programme__isnull=True, kind__in=[kind.key for kind in kinds]
    )
    own = {template.kind: template for template in saved}
    return [(kind, own.get(kind.key)) for kind in kinds]


def saved_site_template(kind):
    """The site's own text of `kind`, or None."""
    return MessageTemplate.objects.filter(kind=kind.key, programme__isnull=True).first()
