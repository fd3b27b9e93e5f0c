"""The invitation to a proposal's team, as a kind of message its programme may reword (the
email itself is rendered by proposals/writing/email/team_invitation_*.txt until then)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.notifications.kinds import MessageKind


def _proposal_lines():
    return f"{gettext('Proposal')}: %(title)s\n{gettext('Call')}: %(call)s"


def _link(sentence):
    return lambda: f"{gettext(sentence)}\n%(url)s"


TEAM_INVITATION = MessageKind(
    "team.invitation",
    _("An invitation to a proposal's team"),
    _("%(lead)s invites you to a research team"),
    body=(
        _("Hello,\n\n%(lead)s invites you to join the team of a research proposal as %(role)s."),
        _proposal_lines,
        _link(
            "Open this link, signed in with an account for %(email)s (or sign up with that "
            "address first), to accept or decline:"
        ),
        _("Once you accept, you can edit the proposal with the team."),
        lambda: (
            gettext(
                "The lead researcher gave us your email address to invite you. How the system "
                "uses your personal data, and your rights, are in its privacy notice:"
            )
            + "\n%(privacy_url)s"
        ),
    ),
)
MESSAGES = [TEAM_INVITATION]
