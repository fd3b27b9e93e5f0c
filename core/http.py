"""Small helpers for views of every app."""

import math

from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.utils.http import url_has_allowed_host_and_scheme

# The rows of a page of a list, unless the list says otherwise: what fits a screen or two and
# a phone's scrolling, as the researchers', reviewers' and risk lists always had. The staff
# lists had fifty: the table of a page is drawn row by row by the template engine (0.15–0.3 ms
# a row), and at fifty rows it cost more than everything else of the page together.
ROWS_PER_PAGE = 25


def on_this_site(request, url):
    """Whether `url` (a `next` value, a referer) leads to this site, so that a redirect to it
    cannot send the visitor elsewhere."""
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def filters_of(request):
    """The query string of `request` without its page number: what the links to the other
    pages of a list keep (templates/_pagination.html)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def page_of(request, items, per_page, rows=None):
    """The page of `items` the URL asks for (`?page=`; the last one past the end, the first
    one for anything else), counted and sliced by the database for a queryset.

    With `rows`, `items` only sorts (ids, with what the order needs) and `rows(ids)` reads the
    page's rows, by their ids: the database sorts narrow rows and builds whole ones for one
    page only, and the page's ids come with the number of all the items (a window count), in
    one query instead of a count and a slice."""
    if rows is None:
        return Paginator(items, per_page).get_page(request.GET.get("page"))
    try:
        number = max(int(request.GET.get("page")), 1)
    except (TypeError, ValueError):
        number = 1
    ids, total = _ids_and_total(items, number, per_page)
    if not ids and number > 1:  # past the end: the last page
        number = max(math.ceil(items.count() / per_page), 1)
        ids, total = _ids_and_total(items, number, per_page)
    page = Paginator(range(total), per_page).get_page(number)
    page.object_list = rows(ids)
    return page


def _ids_and_total(items, number, per_page):
    start = (number - 1) * per_page
    found = items.annotate(listed=Window(Count("pk"))).values_list("pk", "listed")
    found = list(found[start : start + per_page])
    return [pk for pk, _total in found], found[0][1] if found else 0
