"""Who assigns mentors, who shares a draft with one, and who reads and writes the threads.

Only the team and the mentors it shares its draft with see the threads: neither reviewers nor
staff do, so that mentoring never reaches the review."""

from proposals.models import DraftShare
from proposals.rules import is_team_editor


def can_assign_mentors(user):
    """Programme managers assign mentors (the `assign_mentor` permission of their role)."""
    return bool(user.is_authenticated and user.has_perm("proposals.assign_mentor"))


def can_assign_in(user, programme):
    return can_assign_mentors(user) and user.manages(programme.pk)


def is_mentor(user):
    """Mentors comment on drafts (the `comment_as_mentor` permission of their role)."""
    return bool(user.is_authenticated and user.has_perm("proposals.comment_as_mentor"))


def can_mentor(user, proposal):
    """A mentor comments on a draft while its team shares it with them."""
    if not is_mentor(user):
        return False
    shares = getattr(proposal, "open_shares", None)  # prefetched by the mentoring page
    if shares is not None:
        return any(share.mentor_id == user.pk for share in shares)
    return DraftShare.objects.filter(
        proposal=proposal, mentor=user, stopped_at__isnull=True
    ).exists()


def can_share(user, proposal):
    """The team shares its draft, and stops sharing it, while it may edit it."""
    return proposal.is_editable and is_team_editor(user, proposal)


def can_open_mentoring(user, proposal):
    return is_team_editor(user, proposal) or can_mentor(user, proposal)


def can_resolve(user, proposal):
    """The team resolves a thread once it has answered it."""
    return is_team_editor(user, proposal)
