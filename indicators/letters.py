"""Numbering a programme's official letters: the only writer of the register of letters sent.

A service that sends a letter (a decision, …) calls `issue_letter` inside its own transaction
and records its own audit entry: the number is taken under a lock on the programme's row, so two
letters at once get two numbers, and it is given only if that transaction commits, so a refused
or failed letter leaves no gap in the sequence."""

from django.db.models import Max

from indicators.models import Letterhead, OutgoingLetter, Programme


def letter_sent(source):
    """The letter registered for `source`, or None (one sent before the register existed)."""
    return OutgoingLetter.objects.filter(source=source).first()


def letterhead_of(programme):
    """The programme's letterhead, or an empty one (unsaved) when its managers set none."""
    try:
        return programme.letterhead
    except Letterhead.DoesNotExist:
        return Letterhead(programme=programme)


def issue_letter(*, programme, sent_on, subject, recipient, source):
    """Register the letter `source` (an opaque key of what sends it, e.g. reviews.decision:12)
    of `programme` sent on `sent_on`, and return it with the next number of that calendar year
    (B.E.) and the letterhead as it stands."""
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    year_be = sent_on.year + 543
    last = OutgoingLetter.objects.filter(programme=locked, year_be=year_be).aggregate(
        last=Max("number")
    )["last"]
    return OutgoingLetter.objects.create(
        programme=locked,
        year_be=year_be,
        number=(last or 0) + 1,
        sent_on=sent_on,
        subject=subject[:300],
        recipient=recipient[:300],
        source=source,
        letterhead=letterhead_of(locked).snapshot(),
    )
