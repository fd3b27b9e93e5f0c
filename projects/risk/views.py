"""The early-warning page: the running projects the reader follows that raise a signal."""

from django.http import Http404
from django.shortcuts import render

from projects.risk import selectors
from projects.risk.rules import can_view_risks


def risk_list(request):
    if not can_view_risks(request.user):
        raise Http404
    risks = selectors.project_risks(request.user)
    return render(request, "projects/risk/list.html", {"risks": risks})
