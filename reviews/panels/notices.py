"""Who hears of a panel comment: the members it mentions, each in their own language."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.notifications.kinds import MessageKind
from accounts.notifications.messages import Localized, Message
from accounts.notifications.services import notify

MENTIONED = MessageKind(
    "panel.mentioned",
    _("A panel member is mentioned in the discussion"),
    _("%(name)s mentioned you in the panel discussion of %(reference)s"),
    body=(lambda: "%(comment)s",),
)
MESSAGES = [MENTIONED]


def send_mentions(*, comment, recipients):
    """Tell the mentioned members (in the app and by email); call it after the commit."""
    proposal = comment.proposal
    title = Message(
        MENTIONED.title,
        name=Localized(lambda: comment.author.display_name),
        reference=proposal.reference,
    )
    return notify(
        kind=MENTIONED,
        call=proposal.call,
        values={"comment": comment.text},
        recipients=recipients,
        title=title,
        body=comment.text,
        url=reverse("reviews:panel", args=[proposal.pk]) + f"#comment-{comment.pk}",
    )
