from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

LANGUAGE_SESSION_KEY = "language"


def language_for(request):
    """The user's saved choice, else the session's, else the cookie or the browser's, else Thai."""
    supported = {code for code, _name in settings.LANGUAGES}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.preferred_language in supported:
        return user.preferred_language
    chosen = request.session.get(LANGUAGE_SESSION_KEY)
    if chosen in supported:
        return chosen
    return translation.get_language_from_request(request)


class PreferredLanguageMiddleware:
    """Like Django's LocaleMiddleware, but the language is kept on the user and the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        return response


class RequireStaffMFAMiddleware:
    """With MFA_REQUIRED_FOR_STAFF on, staff (and finance) must set up TOTP before using
    anything else."""

    allowed_prefixes = ("/accounts/", "/i18n/", "/static/", "/language/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.MFA_REQUIRED_FOR_STAFF and self.must_enrol(request):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def must_enrol(self, request):
        user = request.user
        if not user.is_authenticated or not user.needs_second_factor:
            return False
        if request.path.startswith(self.allowed_prefixes):
            return False
        if request.session.get("signed_in_with_idp_mfa"):
            return False  # the identity provider asked for the second factor (accounts.adapters)
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


# The version of the privacy notice this session's person is known to have agreed to.
PRIVACY_SESSION_KEY = "privacy_agreed_version"


class RequirePrivacyAgreementMiddleware:
    """A signed-in person who has not agreed to the privacy notice in force is sent to read it
    before anything else. The version in force is read from the cache and the person's answer
    from the session, so that an ordinary request asks the database nothing; both are filled
    when someone signs in (accounts.signals) and when a version is published."""

    allowed_prefixes = ("/privacy/", "/accounts/", "/i18n/", "/static/", "/media/", "/language/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.must_agree(request):
            from django.utils.http import urlencode

            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('privacy:agree')}?{query}")
        return self.get_response(request)

    def must_agree(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        from accounts.privacy.selectors import cached_version, has_agreed

        version = cached_version()
        if not version or request.session.get(PRIVACY_SESSION_KEY) == version:
            return False
        if request.path.startswith(self.allowed_prefixes) or request.path == "/healthz":
            return False
        if has_agreed(user, version):
            request.session[PRIVACY_SESSION_KEY] = version
            return False
        return True
