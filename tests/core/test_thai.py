"""Texts kept in Thai and English, and months in the reader's calendar."""

import datetime

from django.utils import translation

from core.thai import format_month, in_both_languages, in_language
from proposals.models import ProposalState


def test_a_text_shows_in_the_readers_language_and_falls_back_to_the_other():
    with translation.override("th"):
        assert in_language("ไทย", "English") == "ไทย"
        assert in_language("", "English") == "English"
    with translation.override("en"):
        assert in_language("ไทย", "English") == "English"
        assert in_language("ไทย", "") == "ไทย"
        assert in_language("ไทย", "English", thai=True) == "ไทย"


def test_a_translatable_label_gives_both_languages():
    assert in_both_languages(ProposalState.DRAFT.label) == ("ร่าง", "Draft")


def test_a_month_shows_in_the_readers_calendar():
    day = datetime.date(2025, 10, 1)
    assert format_month(day, "th") == "ตุลาคม 2568"
    assert format_month(day, "en") == "October 2025"
    assert format_month(None) == ""
