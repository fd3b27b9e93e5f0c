"""Who hears of a contract's steps (in their own language): the team when a contract or an
amendment is ready to sign and when it is counter-signed, the funding officers when the team
has signed. The services of `projects.contracts` call these after the commit."""

from django.utils.translation import gettext_lazy as _

from accounts.notifications.kinds import MessageKind
from accounts.notifications.messages import Localized, Message
from accounts.notifications.services import notify
from accounts.selectors import funding_officers
from proposals.lifecycle.notices import reference_of, team_members

GENERATED = MessageKind(
    "contract.generated",
    _("A contract or an amendment is ready to sign"),
    _("Contract ready to sign: %(reference)s"),
    body=(
        _(
            "The %(document)s of “%(title)s” is ready: print it, sign it and upload the "
            "signed copy."
        ),
    ),
)
SIGNED = MessageKind(
    "contract.signed",
    _("The team uploaded a signed contract or amendment"),
    _("Signed contract uploaded: %(reference)s"),
    body=(
        _(
            "The team of “%(title)s” uploaded the signed %(document)s: counter-sign it and "
            "upload it."
        ),
    ),
)
COUNTERSIGNED = MessageKind(
    "contract.countersigned",
    _("A contract or an amendment is counter-signed"),
    _("Contract counter-signed: %(reference)s"),
    body=(
        _(
            "The %(document)s of “%(title)s” is counter-signed; its copy is on the "
            "project's contract page."
        ),
    ),
)
MESSAGES = [GENERATED, SIGNED, COUNTERSIGNED]
KINDS = {"generated": GENERATED, "signed": SIGNED, "countersigned": COUNTERSIGNED}


def document_name(document):
    if getattr(document, "change_id", None):
        return Message(_("amendment no. %(number)s of the contract"), number=document.number)
    return Message(_("contract"))


def contract_step(document, step):
    """The people concerned hear that `document` (a contract or an amendment) reached `step`."""
    proposal = document.proposal
    kind = KINDS[step]
    names = {
        "reference": reference_of(proposal),
        "title": Localized(lambda: proposal.title),
        "document": document_name(document),
    }
    people = funding_officers() if step == "signed" else team_members(proposal)
    return notify(
        kind=kind,
        call=proposal.call,
        recipients=people,
        title=Message(kind.title, **names),
        body=Message(kind.body[0], **names),
        url=document.get_absolute_url(),
    )
