"""The versions of a proposal and what changed between two of them."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from proposals.models import ProposalState
from proposals.versions import rules, selectors
from proposals.versions.diff import diff
from proposals.versions.snapshot import serialize

CURRENT = "current"


@dataclass
class Side:
    """One side of a comparison: a stored version, or the current text (version None)."""

    key: Any  # a version number or CURRENT
    version: Any
    state: Any

    @property
    def is_current(self):
        return self.key == CURRENT


def _visible_proposal(user, pk):
    proposal = get_object_or_404(selectors.proposals_for_versions(), pk=pk)
    if not rules.can_view_versions(user, proposal):
        raise Http404
    return proposal


def default_pair(proposal, numbers, allow_current):
    """What to compare first: the last version against the current text while the team may
    edit it (a revision, or a draft returned after screening), else the last two versions."""
    numbers = sorted(numbers)
    if numbers and proposal.is_editable and allow_current:
        return numbers[-1], CURRENT
    if len(numbers) >= 2:
        return numbers[-2], numbers[-1]
    return None


def _side_key(raw, numbers, allow_current):
    if raw == CURRENT and allow_current:
        return CURRENT
    try:
        number = int(raw)
    except (TypeError, ValueError):
        raise Http404 from None
    if number not in numbers:
        raise Http404
    return number


def _state_label(data):
    state = (data.get("general") or {}).get("state")
    return ProposalState(state).label if state in ProposalState.values else state


def _picker(proposal, versions, allow_current, pair):
    return {
        "versions": versions,
        "allow_current": allow_current,
        "can_compare": pair is not None,
        "selected_a": pair[0] if pair else None,
        "selected_b": pair[1] if pair else None,
    }


@login_required
def proposal_versions(request, pk):
    proposal = _visible_proposal(request.user, pk)
    versions = list(selectors.version_list(proposal))
    allow_current = rules.can_compare_with_current(request.user, proposal)
    pair = default_pair(proposal, [v.number for v in versions], allow_current)
    context = {
        "proposal": proposal,
        "current": CURRENT,
        **_picker(proposal, versions, allow_current and bool(versions), pair),
    }
    return render(request, "proposals/versions/list.html", context)


@login_required
def proposal_compare(request, pk):
    """?a=<number>&b=<number or "current">; without them, the default pair."""
    proposal = _visible_proposal(request.user, pk)
    versions = list(selectors.version_list(proposal))
    numbers = {version.number for version in versions}
    allow_current = rules.can_compare_with_current(request.user, proposal)
    default = default_pair(proposal, numbers, allow_current) or (None, None)
    a = _side_key(request.GET.get("a") or default[0], numbers, allow_current)
    b = _side_key(request.GET.get("b") or default[1], numbers, allow_current)

    stored = selectors.versions_by_number(proposal, [key for key in (a, b) if key != CURRENT])
    current = serialize(proposal) if CURRENT in (a, b) else None

    def side(key):
        data = current if key == CURRENT else stored[key].data
        return Side(key, stored.get(key), _state_label(data)), data

    (side_a, old), (side_b, new) = side(a), side(b)
    context = {
        "proposal": proposal,
        "current": CURRENT,
        "a": side_a,
        "b": side_b,
        "diff": diff(old, new),
        **_picker(proposal, versions, allow_current, (a, b)),
    }
    return render(request, "proposals/versions/compare.html", context)
