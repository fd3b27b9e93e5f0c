"""The rows of a proposal's candidate reviewers (its reviewers' page), drawn in Python.

Every reviewer of the pool is a row, and the template drew each through some twenty nodes:
at fifty reviewers, a thousand lookups and most of the page's time. The HTML is the one the
template drew, character for character (tests/reviews/assignment/test_candidate_rows.py keeps
that template and compares them)."""

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from reviews.models import BidChoice

register = template.Library()


def _shown(value):
    """`{{ value }}`: localised, escaped."""
    return conditional_escape(localize(value))


def _said():
    """The words of the rows (`{% translate … %}`: escaped), translated once per table."""
    return {
        "bid": conditional_escape(_("Bid: interested")),
        "conflict": conditional_escape(_("Conflict:")),
        "asked": conditional_escape(_("Already asked in this round")),
        "away": conditional_escape(_("Not available")),
        "full": conditional_escape(_("At their maximum for this call")),
        "assign": conditional_escape(_("Assign")),
    }


def _person(user):
    orcid = ""
    if user.orcid:
        orcid = f' · <a href="{_shown(user.orcid_url)}">ORCID {_shown(user.orcid)}</a>'
    about = f'<div class="small text-muted">{_shown(user.organisation)}{orcid}</div>'
    return f"<td>{_shown(user.display_name)}{about}</td>"


def _keywords(candidate, said):
    interested = candidate.bid == BidChoice.INTEREST
    bid = f'<span class="badge text-bg-success me-1">{said["bid"]}</span>' if interested else ""
    words = "".join(
        f'<span class="badge text-bg-light border me-1">{_shown(word)}</span>'
        for word in candidate.matched
    )
    if not candidate.matched and not interested:
        words = '<span class="text-muted">—</span>'
    return f"<td>{bid}{words}</td>"


def _standing(candidate, said):
    conflicts = "".join(
        f'<div class="text-danger">{said["conflict"]} {_shown(reason)}</div>'
        for reason in candidate.conflicts
    )
    asked = f"<div>{said['asked']}</div>" if candidate.assignment_state else ""
    away = "" if candidate.available else f'<div class="text-muted">{said["away"]}</div>'
    full = "" if candidate.has_room else f'<div class="text-muted">{said["full"]}</div>'
    return (
        f'<td class="small">\n        {conflicts}\n        {asked}\n        {away}\n'
        f"        {full}\n      </td>"
    )


def _action(candidate, open, said):
    if not open:
        return ""
    button = ""
    if candidate.assignable:
        button = (
            '<button class="btn btn-sm btn-primary" type="submit" name="reviewer" '
            f'value="{_shown(candidate.user.pk)}">{said["assign"]}</button>'
        )
    return f"<td>{button}</td>"


def _row(candidate, open, said):
    warning = ' class="table-warning"' if candidate.conflicts else ""
    return (
        f"\n    <tr{warning}>\n      {_person(candidate.user)}\n"
        f'      <td class="text-end">{_shown(candidate.score)}</td>\n'
        f"      {_keywords(candidate, said)}\n"
        f'      <td class="text-end text-nowrap">{_shown(candidate.load)} / '
        f"{_shown(candidate.max)}</td>\n"
        f"      {_standing(candidate, said)}\n      {_action(candidate, open, said)}\n    </tr>\n  "
    )


@register.simple_tag
def candidate_rows(candidates, open):
    """The table rows of `candidates` (reviews.assignment.matching.Candidate), with the
    Assign button where the proposal is `open` to assignment."""
    said = _said()
    return mark_safe("".join(_row(candidate, open, said) for candidate in candidates))  # escaped
