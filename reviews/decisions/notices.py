"""The decision letter, to the lead and the team, each in their own language."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.notifications.services import notify
from proposals.lifecycle.notices import team_members

EMAIL_TEMPLATE = "reviews/decisions/email/letter"


def decision_url(proposal):
    return reverse("reviews:decision", args=[proposal.pk])


def send_letter(decision):
    """Notify the team in-app and by email with the decision's letter in each person's
    language and a link to the decision page. Call it after the decision committed."""
    proposal = decision.proposal

    def title():
        return _("Decision on proposal %(proposal)s: %(outcome)s") % {
            "proposal": proposal.reference or proposal.title,
            "outcome": decision.get_outcome_display(),
        }

    return notify(
        recipients=team_members(proposal),
        title=title,
        body=lambda: decision.letter,
        url=decision_url(proposal),
        email_template_prefix=EMAIL_TEMPLATE,
        context={"decision": decision, "proposal": proposal},
    )
