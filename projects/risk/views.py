"""The early-warning page: the running projects the reader follows that raise a signal."""

from django.http import Http404
from django.shortcuts import render

from core.http import ROWS_PER_PAGE, filters_of, page_of
from projects.risk import selectors
from projects.risk.forms import RiskFilterForm
from projects.risk.rules import can_view_risks

RISKS_PER_PAGE = ROWS_PER_PAGE


def risk_list(request):
    if not can_view_risks(request.user):
        raise Http404
    calls = list(selectors.calls_of(request.user))
    form = RiskFilterForm(request.GET or None, calls=calls)
    filters = form.filters()
    risks = selectors.project_risks(request.user, **filters)
    context = {
        "form": form,
        "page": page_of(request, risks, RISKS_PER_PAGE),
        "filters": filters_of(request),
        "filtered": any(value is not None for value in filters.values()),
        "programmes": selectors.programmes_of(calls),
    }
    return render(request, "projects/risk/list.html", context)
