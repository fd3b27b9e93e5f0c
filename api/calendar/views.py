"""Calendar feeds: the public feed of call deadlines, each person's private feed of review and
report due dates (its address holds a secret key), and the page that makes the address anew."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from api.calendar import feeds, selectors, services
from api.models import ApiToken, CalendarFeed
from api.tokens import rules

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _ics(content, name):
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


@require_GET
def calls_feed(request):
    return _ics(feeds.calls_calendar(selectors.call_deadlines()), "calls")


@require_GET
def personal_feed(request, key):
    feed = CalendarFeed.objects.select_related("user").filter(key_hash=ApiToken.hash(key)).first()
    if feed is None or not feed.user.is_active or not rules.can_hold_tokens(feed.user):
        raise Http404
    user = feed.user
    content = feeds.personal_calendar(
        selectors.review_due_dates(user), selectors.report_due_dates(user)
    )
    return _ics(content, "my-due-dates")


@login_required
def feed_page(request):
    """The address of my feed: shown once when made anew (the old one stops working)."""
    if not rules.can_hold_tokens(request.user):
        raise PermissionDenied
    key = None
    if request.method == "POST":
        key = services.reset_feed(actor=request.user)
    has_feed = CalendarFeed.objects.filter(user=request.user).exists()
    return render(request, "api/calendar/feed.html", {"key": key, "has_feed": has_feed})
