"""The decision letter, to the lead and the team, each in their own language."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.notifications.kinds import MessageKind
from accounts.notifications.messages import Join, Localized, Message
from accounts.notifications.services import notify
from proposals.lifecycle.notices import reference_of, team_members

EMAIL_TEMPLATE = "reviews/decisions/email/letter"
# The letter itself is written per call on the decision letters page; this is the message
# that carries it.
LETTER = MessageKind(
    "decision.letter",
    _("The decision letter"),
    _("Decision on proposal %(proposal)s: %(outcome)s"),
    body=(lambda: "%(letter)s",),
    per_call=True,
)
MESSAGES = [LETTER]


def decision_url(proposal):
    return reverse("reviews:decision", args=[proposal.pk])


def send_letter(decision):
    """Notify the team in-app and by email with the decision's letter in each person's
    language and a link to the decision page. Call it after the decision committed."""
    proposal = decision.proposal
    title = Message(
        LETTER.title,
        proposal=reference_of(proposal),
        outcome=Localized(decision.get_outcome_display),
    )
    letter = Localized(lambda: decision.letter)
    return notify(
        kind=LETTER,
        call=proposal.call,
        values={"letter": letter},
        recipients=team_members(proposal),
        title=title,
        body=Join(letter),
        url=decision_url(proposal),
        email_template_prefix=EMAIL_TEMPLATE,
        context={"decision": decision, "proposal": proposal},
    )
