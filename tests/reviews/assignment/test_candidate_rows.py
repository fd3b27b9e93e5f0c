"""The candidates' rows drawn in Python (reviews.templatetags.candidates) are the HTML the
template drew, character for character, in both languages and for every kind of row."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from accounts.models import User
from reviews.assignment.matching import Candidate

# The rows as the reviewers' page drew them with its template, before they were drawn in Python.
TEMPLATE = (Path(__file__).parent / "candidate_rows.html").read_text(encoding="utf-8")


def _candidates():
    plain = User(pk=7, email="a@example.org", full_name_en="Ann <A&B>", organisation="Org & co")
    known = User(pk=8, email="b@example.org", orcid="0000-0002-1825-0097", organisation="")
    return [
        Candidate(user=plain, score=0, matched=[], load=0, max=5, available=True),
        Candidate(
            user=known, score=3, matched=["ai", "<water>"], load=5, max=5, available=False,
            conflicts=["Same organisation", "Team <member>"], assignment_state="invited",
            bid="interest",
        ),
        Candidate(user=plain, score=2, matched=[], load=1, max=4, available=True, bid="interest"),
        Candidate(user=known, score=1, matched=["x"], load=1000, max=1200, available=True),
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("open", [True, False])
def test_the_rows_are_the_templates(language, open):
    context = {"candidates": _candidates(), "open": open}
    with translation.override(language):
        drawn = Template("{% load candidates %}{% candidate_rows candidates open %}")
        expected = Template(TEMPLATE).render(Context(context))
        assert "\n  " + drawn.render(Context(context)) + "\n" == expected
