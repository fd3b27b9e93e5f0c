from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import rules
from accounts.roles import LANDING_ORDER


def navigation(request):
    """The menu of the signed-in person: one dashboard per role held, and staff pages."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_dashboards": [], "nav_staff": []}
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
    return {"nav_dashboards": dashboards, "nav_staff": staff}
