"""Decision letters: the placeholders a call's letter template may use, the default texts,
checking a text for unknown placeholders and rendering a letter in Thai or English.

The placeholders work as in every edited message of the system
(accounts.notifications.placeholders): only the words of PLACEHOLDERS are replaced.
"""

import re

from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.notifications import placeholders
from core.bahttext import baht_text
from core.thai import format_date, format_money
from reviews.decisions.letter_defaults import DEFAULT_TEXTS
from reviews.models import DecisionLetterTemplate, DecisionOutcome

SUBJECT_LINE = re.compile(r"^(?:เรื่อง|Subject:)\s*(?P<subject>\S.*)$")
SALUTATION_LINE = re.compile(r"^(?:เรียน|Dear)\s+\S")
CLOSING_LINE = re.compile(r"^(?:ขอแสดงความนับถือ|Yours (?:sincerely|faithfully)),?$")

# Each placeholder with what it stands for, in the order the letters page lists them.
PLACEHOLDERS = {
    "reference": _("the proposal's reference, e.g. SLC-2568-0001"),
    "title": _("the proposal's title"),
    "lead": _("the lead researcher's name"),
    "call": _("the call's title"),
    "amount": _(
        "the approved amount in figures (the requested amount in a rejection or revision letter)"
    ),
    "amount_words": _("the same amount in Thai words (บาทถ้วน); the figures in English"),
    "comment": _("the programme manager's comment"),
    "date": _("the date of the decision (Buddhist era in Thai)"),
}

# The template's field prefix for each outcome: approve_th, reject_en, revision_th…
FIELD_PREFIX = {
    DecisionOutcome.APPROVE: "approve",
    DecisionOutcome.REJECT: "reject",
    DecisionOutcome.REVISION: "revision",
    DecisionOutcome.INVITE: "invite",  # a concept of a two-stage call, to the full stage
}
LANGUAGES = ("th", "en")
TEXT_FIELDS = [f"{prefix}_{language}" for prefix in FIELD_PREFIX.values() for language in LANGUAGES]


def unknown_placeholders(text):
    """The placeholders of `text` that are not in PLACEHOLDERS, each once, in order."""
    return placeholders.unknown_placeholders(text, PLACEHOLDERS)


def default_template(call):
    """An unsaved template of `call` holding the default texts."""
    return DecisionLetterTemplate(call=call, **DEFAULT_TEXTS)


def stage_fields(call):
    """The letter fields `call` uses: the invitation to the full stage only with a concept
    stage."""
    if call.has_concept_stage:
        return TEXT_FIELDS
    return [name for name in TEXT_FIELDS if not name.startswith("invite_")]


def template_text(template, outcome, language):
    return getattr(template, f"{FIELD_PREFIX[DecisionOutcome(outcome)]}_{language}")


def render(text, values):
    """`text` with each known placeholder replaced by its value."""
    return placeholders.render(text, values)


def letter_values(*, proposal, amount, comment, language, date=None):
    """The value of each placeholder for a letter about `proposal` in `language`."""
    date = date or timezone.localdate()
    with translation.override(language):
        # The model properties follow the active language, with the other one as fallback.
        lead = proposal.lead.display_name
        title = proposal.title
        call = proposal.call.title
    thai = language == "th"
    figures = words = ""
    if amount is not None:
        figures = format_money(amount)
        words = baht_text(amount) if thai else figures
    return {
        "reference": proposal.reference,
        "title": title,
        "lead": lead,
        "call": call,
        "amount": figures,
        "amount_words": words,
        "comment": comment,
        "date": format_date(date, "long", language),
    }


def render_letters(*, template, outcome, proposal, amount, comment, date=None):
    """The letter of `outcome` in Thai and in English: {"th": …, "en": …}."""
    return {
        language: render(
            template_text(template, outcome, language),
            letter_values(
                proposal=proposal, amount=amount, comment=comment, language=language, date=date
            ),
        )
        for language in LANGUAGES
    }


def unknown_message(names):
    """The message refusing unknown placeholders, naming them and the ones that exist."""
    return placeholders.unknown_message(names, PLACEHOLDERS)


def letter_source(decision):
    """The key of a decision's letter in its programme's register of letters sent."""
    return f"reviews.decision:{decision.pk}"


def default_subject():
    """เรื่อง of a decision letter whose text names none, in the active language."""
    return gettext("Result of the review of a research proposal")


def split_letter(text, *, date):
    """(subject, body) of a decision letter. A letter written from a call's template carries
    its own head (the default ones begin with the date `date`, เรื่อง / Subject and เรียน / Dear
    lines, and the English one ends with "Yours sincerely,"); an official letter prints those
    in their own places, so they leave the body. The subject is "" when the text names none."""
    lines = (text or "").strip().splitlines()
    dates = (date, f"วันที่ {date}", f"Date: {date}")
    subject = ""
    while lines:
        line = lines[0].strip()
        found = SUBJECT_LINE.match(line)
        if found and not subject:
            subject = found.group("subject").strip()
        elif line and line not in dates and not SALUTATION_LINE.match(line):
            break
        lines.pop(0)
    while lines and (not lines[-1].strip() or CLOSING_LINE.match(lines[-1].strip())):
        lines.pop()
    return subject, "\n".join(lines)
