"""Who hears of mentoring, and what they read (in their own language)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.notifications.messages import Localized, Message
from accounts.notifications.services import notify
from proposals.lifecycle.notices import team_members
from proposals.models import DraftPart


def _mentoring(proposal):
    return reverse("proposals:mentoring", args=[proposal.pk])


def assigned(assignment):
    where = assignment.municipality or assignment.proposal
    return notify(
        recipients=[assignment.mentor],
        title=Message(_("You are a mentor of %(what)s"), what=Localized(lambda: str(where))),
        body=Message(
            _("Teams you mentor can now share their drafts with you."),
        ),
        url=reverse("proposals:mentor_drafts"),
    )


def shared(share):
    proposal = share.proposal
    return notify(
        recipients=[share.mentor],
        title=Message(
            _("A draft is shared with you: %(title)s"), title=Localized(lambda: proposal.title)
        ),
        body=Message(_("Read it and comment on its parts.")),
        url=_mentoring(proposal),
    )


def commented(thread, mentor):
    proposal = thread.proposal
    return notify(
        recipients=team_members(proposal),
        title=Message(_("Your mentor commented on “%(part)s”"), part=DraftPart(thread.part).label),
        body=Message(
            _("%(mentor)s commented on your draft “%(title)s”."),
            mentor=Localized(lambda: mentor.display_name),
            title=Localized(lambda: proposal.title),
        ),
        url=_mentoring(proposal),
    )
