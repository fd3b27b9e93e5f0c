"""Who hears of a change request's steps, and what they read (in their own language): the
funding officers of a submission, the programme's managers of a recommendation, the team of a
return or a decision. The services of `projects.changes` call these after the commit."""

from django.utils.translation import gettext_lazy as _

from accounts.notifications.kinds import MessageKind
from accounts.notifications.messages import Localized, Message
from accounts.notifications.services import notify
from accounts.selectors import funding_officers
from proposals.lifecycle.notices import COMMENT, reference_of, team_members, with_comment

SUBMITTED = MessageKind(
    "change.submitted",
    _("A change request is submitted"),
    _("Change request submitted: %(kind)s, %(reference)s"),
    body=(
        _(
            "The team of “%(title)s” submitted change request %(number)s (%(kind)s). By "
            "%(actor)s. Check it, then return it or recommend it."
        ),
    ),
)
RECOMMENDED = MessageKind(
    "change.recommended",
    _("A change request is recommended"),
    _("Change request to decide: %(kind)s, %(reference)s"),
    body=(_("%(actor)s recommends change request %(number)s (%(kind)s) of “%(title)s”."), COMMENT),
)
DECIDED = MessageKind(
    "change.decided",
    _("A change request is returned or decided"),
    _("Change request %(state)s: %(kind)s, %(reference)s"),
    body=(
        _("Change request %(number)s (%(kind)s) of “%(title)s”: %(state)s, by %(actor)s."),
        COMMENT,
    ),
)
MESSAGES = [SUBMITTED, RECOMMENDED, DECIDED]


def _names(change, actor):
    proposal = change.proposal
    return {
        "kind": Localized(change.get_kind_display),
        "number": change.number,
        "reference": reference_of(proposal),
        "title": Localized(lambda: proposal.title),
        "actor": Localized(lambda: actor.display_name),
    }


def change_submitted(change, actor):
    """The funding officers hear that a request waits for them."""
    title = Message(SUBMITTED.title, **_names(change, actor))
    body = Message(SUBMITTED.body[0], **_names(change, actor))
    return notify(
        kind=SUBMITTED,
        call=change.proposal.call,
        recipients=funding_officers(),
        title=title,
        body=body,
        url=change.get_absolute_url(),
    )


def change_recommended(change, actor):
    """The programme's managers hear that a recommended request waits for their decision."""
    title = Message(RECOMMENDED.title, **_names(change, actor))
    text = Message(RECOMMENDED.body[0], **_names(change, actor))
    return notify(
        kind=RECOMMENDED,
        call=change.proposal.call,
        recipients=list(change.proposal.call.programme.managers.all()),
        title=title,
        body=with_comment(text, change.comment),
        url=change.get_absolute_url(),
    )


def change_decided(change, actor):
    """The team (and the officers, of a decision) hear that its request was returned,
    approved or rejected, with the comment."""
    title = Message(
        DECIDED.title,
        state=Localized(change.get_state_display),
        **_names(change, actor),
    )
    text = Message(
        DECIDED.body[0],
        state=Localized(change.get_state_display),
        **_names(change, actor),
    )
    people = team_members(change.proposal)
    if change.decided_at:
        people += funding_officers()
    return notify(
        kind=DECIDED,
        call=change.proposal.call,
        recipients=people,
        title=title,
        body=with_comment(text, change.comment),
        url=change.get_absolute_url(),
    )
