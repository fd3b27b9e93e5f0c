"""Who hears of a transition, and what they read (in their own language)."""

from django.utils.translation import gettext_lazy as _

from accounts.notifications.kinds import MessageKind
from accounts.notifications.messages import Join, Localized, Message
from accounts.notifications.services import notify
from accounts.selectors import funding_officers
from proposals.lifecycle.checks import link
from proposals.lifecycle.rules import STEPS
from proposals.models import ProposalState

# Who hears of each transition: the team, the funding officers, or the officers only when the
# proposal had reached them (a withdrawn draft concerns nobody but its team).
TEAM = "team"
OFFICERS = "officers"
OFFICERS_IF_SUBMITTED = "officers_if_submitted"

AUDIENCE = {
    "submit": (TEAM, OFFICERS),
    "resubmit": (TEAM, OFFICERS),
    "return": (TEAM,),
    "screen_pass": (TEAM,),
    "approve": (TEAM,),
    "invite": (TEAM,),
    "reject": (TEAM,),
    "request_revision": (TEAM,),
    "fund": (TEAM,),
    "complete": (TEAM,),
    "close": (TEAM,),
    "terminate": (TEAM,),
    "withdraw": (OFFICERS_IF_SUBMITTED,),
}


STATE_CHANGED = _("“%(title)s” is now “%(state)s”. By %(actor)s.")
COMMENT = _("Comment: %(comment)s")

# One kind of message per transition; the invitation to the full stage may differ per call.
MESSAGES = {
    name: MessageKind(
        f"proposal.{name}",
        STEPS[name].label,
        STEPS[name].done,
        body=(STATE_CHANGED, COMMENT),
        extra=("comment",),
        per_call=name == "invite",
    )
    for name in AUDIENCE
}


def team_members(proposal):
    """The lead and the co-researchers who accepted, as accounts."""
    users = [proposal.lead]
    users += [m.user for m in proposal.team.all() if m.user_id and m.has_accepted]
    return users


def recipients(proposal, name, from_state):
    """The people to notify of transition `name` from `from_state` (`notify` writes to each
    person once, whoever appears twice)."""
    people = []
    for audience in AUDIENCE[name]:
        if audience == TEAM:
            people += team_members(proposal)
        elif audience == OFFICERS or (
            audience == OFFICERS_IF_SUBMITTED and from_state != ProposalState.DRAFT
        ):
            people += funding_officers()
    return people


def with_comment(text, comment):
    """The message `text` followed by the actor's comment, when there is one."""
    if not comment:
        return text
    return Join(text, Message(COMMENT, comment=comment), separator="\n\n")


def reference_of(proposal):
    """The proposal's reference, or its title (in each language) before it has one."""
    return proposal.reference or Localized(lambda: proposal.title)


def send(*, proposal, name, actor, comment, recipients):
    """Notify `recipients` in-app and by email; call it after the transition committed."""
    step = STEPS[name]
    if not recipients:
        return []

    title = Message(step.done, proposal=reference_of(proposal))
    text = Message(
        STATE_CHANGED,
        title=Localized(lambda: proposal.title),
        state=ProposalState(proposal.state).label,
        actor=Localized(lambda: actor.display_name),
    )
    return notify(
        kind=MESSAGES[name],
        call=proposal.call,
        recipients=recipients,
        title=title,
        body=with_comment(text, comment),
        url=link(proposal, "proposal_detail"),
        context={"proposal": proposal, "transition": name, "comment": comment},
    )
