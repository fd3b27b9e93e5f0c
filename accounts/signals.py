from allauth.socialaccount.signals import social_account_added, social_account_updated
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.middleware import LANGUAGE_SESSION_KEY


@receiver(user_logged_in)
def keep_language(sender, request, user, **kwargs):
    """After sign-in, the session speaks the user's saved language; a first choice is saved."""
    if request is None:
        return
    if user.preferred_language:
        request.session[LANGUAGE_SESSION_KEY] = user.preferred_language
    elif request.session.get(LANGUAGE_SESSION_KEY):
        user.preferred_language = request.session[LANGUAGE_SESSION_KEY]
        user.save(update_fields=["preferred_language"])


@receiver(user_logged_in)
def note_privacy_agreement(sender, request, user, **kwargs):
    """Learn at sign-in which notice is in force and whether this person agreed to it, so that
    the middleware need not ask on every request."""
    if request is None:
        return
    from accounts.middleware import PRIVACY_SESSION_KEY
    from accounts.privacy.selectors import current_notice, has_agreed

    notice = current_notice()
    if notice is not None and has_agreed(user, notice.version):
        request.session[PRIVACY_SESSION_KEY] = notice.version
    else:
        request.session.pop(PRIVACY_SESSION_KEY, None)


@receiver(social_account_added)
@receiver(social_account_updated)
def keep_orcid(sender, request, sociallogin, **kwargs):
    """An ORCID account connected from the profile, or signed in with again."""
    from accounts.adapters import remember_orcid

    remember_orcid(sociallogin)
