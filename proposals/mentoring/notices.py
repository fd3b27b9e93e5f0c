"""Who hears of mentoring, and what they read (in their own language)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.notifications.kinds import MessageKind
from accounts.notifications.messages import Localized, Message
from accounts.notifications.services import notify
from proposals.lifecycle.notices import team_members
from proposals.models import DraftPart

ASSIGNED = MessageKind(
    "mentoring.assigned",
    _("A mentor is assigned"),
    _("You are a mentor of %(what)s"),
    body=(_("Teams you mentor can now share their drafts with you."),),
)
SHARED = MessageKind(
    "mentoring.shared",
    _("A draft is shared with a mentor"),
    _("A draft is shared with you: %(title)s"),
    body=(_("Read it and comment on its parts."),),
)
COMMENTED = MessageKind(
    "mentoring.commented",
    _("A mentor commented on a draft"),
    _("Your mentor commented on “%(part)s”"),
    body=(_("%(mentor)s commented on your draft “%(title)s”."),),
)
MESSAGES = [ASSIGNED, SHARED, COMMENTED]


def _mentoring(proposal):
    return reverse("proposals:mentoring", args=[proposal.pk])


def assigned(assignment):
    where = assignment.municipality or assignment.proposal
    return notify(
        kind=ASSIGNED,
        programme=assignment.programme,
        recipients=[assignment.mentor],
        title=Message(ASSIGNED.title, what=Localized(lambda: str(where))),
        body=Message(ASSIGNED.body[0]),
        url=reverse("proposals:mentor_drafts"),
    )


def shared(share):
    proposal = share.proposal
    return notify(
        kind=SHARED,
        call=proposal.call,
        recipients=[share.mentor],
        title=Message(SHARED.title, title=Localized(lambda: proposal.title)),
        body=Message(SHARED.body[0]),
        url=_mentoring(proposal),
    )


def commented(thread, mentor):
    proposal = thread.proposal
    return notify(
        kind=COMMENTED,
        call=proposal.call,
        recipients=team_members(proposal),
        title=Message(COMMENTED.title, part=DraftPart(thread.part).label),
        body=Message(
            COMMENTED.body[0],
            mentor=Localized(lambda: mentor.display_name),
            title=Localized(lambda: proposal.title),
        ),
        url=_mentoring(proposal),
    )
