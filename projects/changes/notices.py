"""Who hears of a change request's steps, and what they read (in their own language): the
funding officers of a submission, the programme's managers of a recommendation, the team of a
return or a decision. The services of `projects.changes` call these after the commit."""

from django.utils.translation import gettext_lazy as _

from accounts.notifications.messages import Localized, Message
from accounts.notifications.services import notify
from accounts.selectors import funding_officers
from proposals.lifecycle.notices import reference_of, team_members, with_comment


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
    title = Message(_("Change request submitted: %(kind)s, %(reference)s"), **_names(change, actor))
    body = Message(
        _(
            "The team of “%(title)s” submitted change request %(number)s (%(kind)s). By "
            "%(actor)s. Check it, then return it or recommend it."
        ),
        **_names(change, actor),
    )
    return notify(
        recipients=funding_officers(), title=title, body=body, url=change.get_absolute_url()
    )


def change_recommended(change, actor):
    """The programme's managers hear that a recommended request waits for their decision."""
    title = Message(_("Change request to decide: %(kind)s, %(reference)s"), **_names(change, actor))
    text = Message(
        _("%(actor)s recommends change request %(number)s (%(kind)s) of “%(title)s”."),
        **_names(change, actor),
    )
    return notify(
        recipients=list(change.proposal.call.programme.managers.all()),
        title=title,
        body=with_comment(text, change.comment),
        url=change.get_absolute_url(),
    )


def change_decided(change, actor):
    """The team (and the officers, of a decision) hear that its request was returned,
    approved or rejected, with the comment."""
    title = Message(
        _("Change request %(state)s: %(kind)s, %(reference)s"),
        state=Localized(change.get_state_display),
        **_names(change, actor),
    )
    text = Message(
        _("Change request %(number)s (%(kind)s) of “%(title)s”: %(state)s, by %(actor)s."),
        state=Localized(change.get_state_display),
        **_names(change, actor),
    )
    people = team_members(change.proposal)
    if change.decided_at:
        people += funding_officers()
    return notify(
        recipients=people,
        title=title,
        body=with_comment(text, change.comment),
        url=change.get_absolute_url(),
    )
