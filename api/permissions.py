"""The API's own permission: a read-only token reads; writing needs a read-and-write token.
Who may read or write what is decided by the apps' rules, as on the pages."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from api.models import ApiToken


class TokenScopeAllows(permissions.BasePermission):
    message = _("This token may only read: make a read-and-write token to write.")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if not request.user.is_authenticated:
            return False
        token = request.auth
        return not isinstance(token, ApiToken) or token.can_write


class SignedIn(permissions.IsAuthenticated):
    message = _("Sign in with a personal API token.")
