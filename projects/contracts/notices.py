"""Who hears of a contract's steps (in their own language): the team when a contract or an
amendment is ready to sign and when it is counter-signed, the funding officers when the team
has signed. The services of `projects.contracts` call these after the commit."""

from django.utils.translation import gettext_lazy as _

from accounts.notifications.messages import Localized, Message
from accounts.notifications.services import notify
from accounts.selectors import funding_officers
from proposals.lifecycle.notices import reference_of, team_members

MESSAGES = {
    "generated": (
        _("Contract ready to sign: %(reference)s"),
        _(
            "The %(document)s of “%(title)s” is ready: print it, sign it and upload the "
            "signed copy."
        ),
    ),
    "signed": (
        _("Signed contract uploaded: %(reference)s"),
        _(
            "The team of “%(title)s” uploaded the signed %(document)s: counter-sign it and "
            "upload it."
        ),
    ),
    "countersigned": (
        _("Contract counter-signed: %(reference)s"),
        _(
            "The %(document)s of “%(title)s” is counter-signed; its copy is on the "
            "project's contract page."
        ),
    ),
}


def document_name(document):
    if getattr(document, "change_id", None):
        return Message(_("amendment no. %(number)s of the contract"), number=document.number)
    return Message(_("contract"))


def contract_step(document, step):
    """The people concerned hear that `document` (a contract or an amendment) reached `step`."""
    proposal = document.proposal
    title, body = MESSAGES[step]
    names = {
        "reference": reference_of(proposal),
        "title": Localized(lambda: proposal.title),
        "document": document_name(document),
    }
    people = funding_officers() if step == "signed" else team_members(proposal)
    return notify(
        recipients=people,
        title=Message(title, **names),
        body=Message(body, **names),
        url=document.get_absolute_url(),
    )
