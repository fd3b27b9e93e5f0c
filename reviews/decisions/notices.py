"""The decision letter, to the lead and the team, each in their own language."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.notifications.messages import Join, Localized, Message
from accounts.notifications.services import notify
from proposals.lifecycle.notices import reference_of, team_members

EMAIL_TEMPLATE = "reviews/decisions/email/letter"


def decision_url(proposal):
    return reverse("reviews:decision", args=[proposal.pk])


def send_letter(decision):
    """Notify the team in-app and by email with the decision's letter in each person's
    language and a link to the decision page. Call it after the decision committed."""
    proposal = decision.proposal
    title = Message(
        _("Decision on proposal %(proposal)s: %(outcome)s"),
        proposal=reference_of(proposal),
        outcome=Localized(decision.get_outcome_display),
    )
    return notify(
        recipients=team_members(proposal),
        title=title,
        body=Join(Localized(lambda: decision.letter)),
        url=decision_url(proposal),
        email_template_prefix=EMAIL_TEMPLATE,
        context={"decision": decision, "proposal": proposal},
    )
