"""Reads about a proposal's team that pages share."""

from django.db.models import Exists, OuterRef

from proposals.models import TeamMember


def edits_team(user, proposal="pk"):
    """Whether `user` is an editor of the team of the proposal at `proposal` (a path from the
    outer row) that has accepted, as `proposals.rules.is_team_editor` asks it: an EXISTS."""
    editors = TeamMember.objects.filter(
        proposal=OuterRef(proposal),
        user=user.pk,
        accepted_at__isnull=False,
        declined_at__isnull=True,
    )
    return Exists(editors)


def know_team_editor(proposal, user, answer):
    """Tell the rules whether `user` edits `proposal`'s team (`answer`, read with it by
    `edits_team`), so that `proposals.rules.is_team_editor` need not read the team."""
    proposal.team_editor = (user.pk, answer)
