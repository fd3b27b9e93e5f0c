"""Who hears of a workshop registration, and what they read (in their own language)."""

from django.utils.translation import gettext_lazy as _

from accounts.notifications.messages import Localized, Message
from accounts.notifications.services import notify


def registered(registration):
    """The person who registered gets the date and place; call it after the commit."""
    workshop = registration.workshop
    return notify(
        recipients=[registration.person],
        title=Message(
            _("You are registered for “%(title)s”"), title=Localized(lambda: workshop.title)
        ),
        body=Message(
            _("On %(date)s at %(place)s. Show the code given in the room to record that you came."),
            date=workshop.starts_on,
            place=Localized(lambda: workshop.place),
        ),
        url=workshop.get_absolute_url(),
    )
