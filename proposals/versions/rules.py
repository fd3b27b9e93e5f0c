"""Who may read a proposal's versions. Kept apart so the review work can widen it (assigned
reviewers) without touching the pages."""

from proposals.rules import can_view_proposal


def can_view_versions(user, proposal):
    """Those who may read the proposal may read what each submission said."""
    return can_view_proposal(user, proposal)


def can_compare_with_current(user, proposal):
    """The unsubmitted text is the team's work in progress: only those who may read the
    proposal itself compare against it (not, later, everyone who may read its versions)."""
    return can_view_proposal(user, proposal)
