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


def _said(translated):
    """`{% translate … %}`: escaped."""
    return conditional_escape(translated)


def _person(user):
    orcid = ""
    if user.orcid:
        orcid = f' · <a href="{_shown(user.orcid_url)}">ORCID {_shown(user.orcid)}</a>'
    about = f'<div class="small text-muted">{_shown(user.organisation)}{orcid}</div>'
    return f"<td>{_shown(user.display_name)}{about}</td>"


def _keywords(candidate):
    interested = candidate.bid == BidChoice.INTEREST
    bid = f'<span class="badge text-bg-success me-1">{_said(_("Bid: interested"))}</span>'
    words = "".join(
        f'<span class="badge text-bg-light border me-1">{_shown(word)}</span>'
        for word in candidate.matched
    )
    if not candidate.matched and not interested:
        words = '<span class="text-muted">—</span>'
    return f"<td>{bid if interested else ''}{words}</td>"


def _standing(candidate):
    conflicts = "".join(
        f'<div class="text-danger">{_said(_("Conflict:"))} {_shown(reason)}</div>'
        for reason in candidate.conflicts
    )
    asked = (
        f"<div>{_said(_('Already asked in this round'))}</div>"
        if candidate.assignment_state
        else ""
    )
    away = (
        "" if candidate.available else f'<div class="text-muted">{_said(_("Not available"))}</div>'
    )
    full = ""
    if not candidate.has_room:
        full = f'<div class="text-muted">{_said(_("At their maximum for this call"))}</div>'
    return (
        f'<td class="small">\n        {conflicts}\n        {asked}\n        {away}\n'
        f"        {full}\n      </td>"
    )


def _action(candidate, open):
    if not open:
        return ""
    button = ""
    if candidate.assignable:
        button = (
            '<button class="btn btn-sm btn-primary" type="submit" name="reviewer" '
            f'value="{_shown(candidate.user.pk)}">{_said(_("Assign"))}</button>'
        )
    return f"<td>{button}</td>"


def _row(candidate, open):
    warning = ' class="table-warning"' if candidate.conflicts else ""
    return (
        f"\n    <tr{warning}>\n      {_person(candidate.user)}\n"
        f'      <td class="text-end">{_shown(candidate.score)}</td>\n'
        f"      {_keywords(candidate)}\n"
        f'      <td class="text-end text-nowrap">{_shown(candidate.load)} / '
        f"{_shown(candidate.max)}</td>\n"
        f"      {_standing(candidate)}\n      {_action(candidate, open)}\n    </tr>\n  "
    )


@register.simple_tag
def candidate_rows(candidates, open):
    """The table rows of `candidates` (reviews.assignment.matching.Candidate), with the
    Assign button where the proposal is `open` to assignment."""
    return mark_safe("".join(_row(candidate, open) for candidate in candidates))  # escaped above
