"""Private calendar feeds: made or reset (a new secret address), audited."""

import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy

from accounts import audit
from api.models import ApiToken, CalendarFeed
from api.tokens import rules

FEED_RESET = "calendar_feed.reset"

AUDIT_ACTIONS = [(FEED_RESET, gettext_lazy("Calendar feed address made anew"), None)]


@transaction.atomic
def reset_feed(*, actor):
    """A new secret key for `actor`'s feed (the old address stops working); returns the key."""
    if not rules.can_hold_tokens(actor):
        raise PermissionDenied
    key = secrets.token_urlsafe(24)
    feed = CalendarFeed.objects.select_for_update().filter(user=actor).first()
    if feed is None:
        feed = CalendarFeed(user=actor)
    feed.key_hash = ApiToken.hash(key)
    feed.save()
    audit.record(actor=actor, action=FEED_RESET, obj=feed)
    return key
