from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from accounts import rules
from accounts.notifications.services import unread_count
from accounts.privacy.rules import can_export_for_others, can_publish_notice
from accounts.roles import LANDING_ORDER, Role

# Pages of the apps above accounts, named (not imported) so that accounts stays at the bottom.
PUBLIC_PAGES = [
    ("proposals:call_list", _("Calls for proposals"), False),
    ("indicators:technology_list", _("Technologies"), False),
    ("indicators:programme_list", _("Programmes"), True),
]
# Pages for staff roles (officers, managers, administrators); the app that owns each decides.
STAFF_PAGES = [
    ("indicators:dashboard_list", _("KPI dashboards")),
    ("indicators:municipality_list", _("Municipalities")),
]


def navigation(request):
    """The menu: public pages, one dashboard per role held, and staff pages."""
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    has_role = signed_in and bool(user.role_names)
    public = [
        {"label": label, "url": reverse(name)}
        for name, label, needs_role in PUBLIC_PAGES
        if has_role or not needs_role
    ]
    # Funded projects: staff and researchers follow theirs; everyone else reads the portfolios.
    if signed_in and (user.holds_staff_role or user.has_role(Role.RESEARCHER)):
        public.append({"label": _("Projects"), "url": reverse("projects:project_list")})
    else:
        public.append({"label": _("Portfolio"), "url": reverse("projects:portfolio_index")})
    if not signed_in:
        return {"nav_public": public, "nav_dashboards": [], "nav_staff": []}
    dashboards = [
        {"label": role.label, "url": reverse("dashboard_for_role", args=[role.value])}
        for role in LANDING_ORDER
        if user.has_role(role)
    ]
    staff = []
    if rules.can_invite(user):
        staff.append({"label": _("Invite people"), "url": reverse("accounts:invite")})
    if rules.can_list_users(user):
        staff.append({"label": _("Users and roles"), "url": reverse("accounts:users")})
    if can_publish_notice(user):
        staff.append({"label": _("Privacy notice"), "url": reverse("privacy:manage")})
    if can_export_for_others(user):
        staff.append({"label": _("Requests for personal data"), "url": reverse("privacy:exports")})
    if user.holds_staff_role:
        staff += [{"label": label, "url": reverse(name)} for name, label in STAFF_PAGES]
    return {
        "nav_public": public,
        "nav_dashboards": dashboards,
        "nav_staff": staff,
        **unread_notifications(request),
    }


def unread_notifications(request):
    """The number on the bell: one query, run only when a page shows it, only when signed in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
