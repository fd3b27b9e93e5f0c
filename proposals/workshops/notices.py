"""Who hears of a workshop registration, and what they read (in their own language)."""

from django.utils.translation import gettext_lazy as _

from accounts.notifications.kinds import MessageKind
from accounts.notifications.messages import Localized, Message
from accounts.notifications.services import notify

REGISTERED = MessageKind(
    "workshop.registered",
    _("Registered for a workshop"),
    _("You are registered for “%(title)s”"),
    body=(_("On %(date)s at %(place)s. Show the code given in the room to record that you came."),),
)
MESSAGES = [REGISTERED]


def registered(registration):
    """The person who registered gets the date and place; call it after the commit."""
    workshop = registration.workshop
    return notify(
        kind=REGISTERED,
        programme=workshop.programme,
        recipients=[registration.person],
        title=Message(REGISTERED.title, title=Localized(lambda: workshop.title)),
        body=Message(
            REGISTERED.body[0],
            date=workshop.starts_on,
            place=Localized(lambda: workshop.place),
        ),
        url=workshop.get_absolute_url(),
    )
