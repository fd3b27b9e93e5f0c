"""The programme history of a municipality on one page (staff, as the municipality page)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from accounts.models import Municipality
from indicators.rules import can_view_dashboards
from projects.history import selectors


def timeline(request, pk):
    if not can_view_dashboards(request.user):
        raise Http404
    municipality = get_object_or_404(Municipality, pk=pk)
    return render(
        request,
        "projects/history/timeline.html",
        {"municipality": municipality, "events": selectors.timeline(municipality)},
    )
