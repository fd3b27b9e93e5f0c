"""What every PDF document shares: its file name, who issues it, amounts in Thai words, and
the error when a document does not exist yet for its subject."""

from django.utils.translation import get_language

from core.bahttext import baht_text
from core.thai import is_thai
from reports.documents import DocumentUnavailable

__all__ = ["DocumentUnavailable", "amount_words", "filename", "issuer", "subject_key"]


def subject_key(proposal):
    """A proposal's reference, or `proposal-<pk>` for a draft that has none yet (as the
    neutral names of blind review do)."""
    return proposal.reference or f"proposal-{proposal.pk}"


def filename(key, kind):
    """`SLC-2568-0001-proposal.pdf`: the subject's reference (or the call's code, a slug)
    and the kind; both are the system's own, never free text."""
    return f"{key}-{kind}.pdf"


def issuer(programme):
    """The funder and the programme, as the head of a document names who issues it."""
    return f"{programme.funder.name} · {programme.name}"


def amount_words(amount):
    """The amount in Thai words (…บาทถ้วน) in a Thai document; nothing in English, where the
    figures stand alone (as the decision letters do)."""
    if amount is None or not is_thai(get_language()):
        return ""
    return baht_text(amount)
