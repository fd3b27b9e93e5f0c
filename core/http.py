"""Small helpers for views of every app."""

from django.core.paginator import Paginator
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


def page_of(request, items, per_page):
    """The page of `items` the URL asks for (`?page=`; the last one past the end, the first
    one for anything else), counted and sliced by the database for a queryset."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
