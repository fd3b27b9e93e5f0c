"""The public portfolio of a programme's funded projects (its reads: selectors.py)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from core.http import filters_of
from indicators.models import Programme
from projects import rules
from projects.portfolio import cache as portfolio_cache
from projects.portfolio import selectors as portfolio


@require_GET
def portfolio_index(request):
    """The programmes that publish their funded projects (staff also see the others, marked)."""
    staff = request.user.is_authenticated and request.user.holds_staff_role
    programmes = portfolio.portfolio_programmes(include_unpublished=staff)
    return render(request, "projects/portfolio_index.html", {"programmes": programmes})


@require_GET
def portfolio_page(request, code):
    """A programme's funded projects and what they delivered, readable without signing in
    once the programme publishes it; staff may preview it before (with a banner). A page at a
    time, searched by `q` (reference, title, municipality, technology), from the cache."""
    programme = get_object_or_404(Programme, code=code)
    if not rules.can_read_portfolio(request.user, programme):
        raise Http404
    query = request.GET.get("q", "")[:100].strip()
    number = request.GET.get("page", "1")[:10]
    filters = filters_of(request)
    # What every visitor sees alike is kept rendered: a hit reads one string, not the
    # programme's figures (cache.py replaces the version on every change they show).
    body = portfolio_cache.PORTFOLIO.get_or_compute(
        programme.pk,
        ("html", get_language(), query, number, filters),
        lambda: _body(programme, query, number, filters),
    )
    context = {"programme": programme, "body": body}
    return render(request, "projects/portfolio.html", context)


def _body(programme, query, number, filters):
    shown = portfolio.portfolio(programme, query=query, number=number)
    # The page's links, from the numbers cached with it (no query counts the rows again).
    page = Paginator(range(shown.count), portfolio.PER_PAGE).get_page(shown.number)
    context = {
        "portfolio": shown,
        "programme": programme,
        "page": page,
        "query": query,
        "filters": filters,
    }
    return render_to_string("projects/_portfolio_body.html", context)
