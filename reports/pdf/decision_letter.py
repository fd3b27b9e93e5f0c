"""The decision letter of a proposal: the latest decision's letter, as it was written and sent
when the decision was taken (in the reader's language, the other one when it is empty), laid
out as an official letter (reports/pdf/letters.py): its number in the programme's register and
the letterhead it was sent with, the date of the decision, the subject the letter names, the
lead addressed with their title, the proposal it answers, the reviewers' comments enclosed.

A letter sent before the register existed has no number (a dotted line) and takes the
programme's letterhead as it stands."""

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core.thai import format_date, is_thai
from indicators.letters import letter_sent, letterhead_of
from proposals.editing.budget import requested_amount
from reports.pdf import letters
from reports.pdf.common import DocumentUnavailable, amount_words, filename, issuer, subject_key
from reports.pdf.render import render_pdf
from reports.pdf.review_summary import APPLICANT_LABEL
from reviews.decisions.letters import default_subject, letter_source, split_letter
from reviews.decisions.selectors import proposals_for_decisions
from reviews.models import DecisionOutcome

LABEL = gettext_lazy("Decision letter")


def latest_decision(proposal):
    return proposal.decisions.select_related("decided_by").order_by("-round", "-decided_at").first()


def official_letter(proposal, decision):
    """(OfficialLetter, body) of the decision's letter in the active language."""
    sent = letter_sent(letter_source(decision))
    if sent is not None:
        values, number, date = sent.letterhead, sent.reference, sent.sent_on
    else:
        values, number = letterhead_of(proposal.call.programme).snapshot(), ""
        date = decision.decided_at
    subject, body = split_letter(decision.letter, date=format_date(date, "long"))
    lead = proposal.lead.formal_name
    thai = is_thai(get_language())
    letter = letters.from_letterhead(
        values,
        number=number,
        office=letters.programme_office(proposal.call.programme),
        date=date,
        subject=subject or default_subject(),
        addressee=lead,
        salutation="" if thai else _("Dear %(name)s,") % {"name": lead},
        closing=_("Yours sincerely,"),
        references=[
            _("Research proposal %(reference)s of %(date)s")
            % {"reference": proposal.reference, "date": format_date(proposal.submitted_at)}
        ],
        enclosures=[str(APPLICANT_LABEL)],
    )
    return letter, body


def letter_context(proposal, decision):
    """The letter and the amount it is about: the approved amount of an approval, the
    requested amount otherwise (as the letter's {amount} placeholder does)."""
    approved = decision.outcome == DecisionOutcome.APPROVE
    amount = decision.approved_amount if approved else requested_amount(proposal)
    letter, body = official_letter(proposal, decision)
    return {
        "letter": letter,
        "body": body,
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
