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
