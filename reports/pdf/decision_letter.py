"""The decision letter of a proposal: the latest decision's letter, as it was written and sent
when the decision was taken (in the reader's language, the other one when it is empty), with
the amount in figures and in Thai words."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proposals.editing.budget import requested_amount
from reports.pdf.common import DocumentUnavailable, amount_words, filename, issuer, subject_key
from reports.pdf.render import render_pdf
from reviews.decisions.selectors import proposals_for_decisions
from reviews.models import DecisionOutcome

LABEL = gettext_lazy("Decision letter")


def latest_decision(proposal):
    return proposal.decisions.select_related("decided_by").order_by("-round", "-decided_at").first()


def letter_context(proposal, decision):
    """The letter and the amount it is about: the approved amount of an approval, the
    requested amount otherwise (as the letter's {amount} placeholder does)."""
    approved = decision.outcome == DecisionOutcome.APPROVE
    amount = decision.approved_amount if approved else requested_amount(proposal)
    return {
        "proposal": proposal,
        "call": proposal.call,
        "issuer": issuer(proposal.call.programme),
        "programme": proposal.call.programme,
        "decision": decision,
        "approved": approved,
        "amount": amount,
        "amount_words": amount_words(amount),
    }


def build_decision_letter(proposal):
    """(file name, PDF bytes) of the latest decision's letter."""
    proposal = (
        proposals_for_decisions().select_related("call__programme__funder").get(pk=proposal.pk)
    )
    decision = latest_decision(proposal)
    if decision is None:
        raise DocumentUnavailable(_("No decision has been taken on this proposal yet."))
    key = subject_key(proposal)
    content = render_pdf(
        "reports/pdf/decision_letter.html",
        letter_context(proposal, decision),
        title=_("Decision letter"),
        reference=key,
    )
    return filename(key, "decision-letter"), content
