"""What the API adds to the apps below: the token page in the profile's menu, and the
readable names of its audit actions."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.audit import register_action
from accounts.links import Link, register_links
from api.calendar import services as calendar_services
from api.tokens import rules, services

PROFILE = "profile"


def profile_links(user, obj):
    if not rules.can_hold_tokens(user):
        return []
    return [
        Link(_("API tokens"), reverse("api:tokens")),
        Link(_("Calendar feeds"), reverse("api:calendar")),
    ]


def connect():
    register_links(PROFILE, profile_links)
    for code, label, describe in (*services.AUDIT_ACTIONS, *calendar_services.AUDIT_ACTIONS):
        register_action(code, label, describe)
