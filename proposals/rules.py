"""Who may see and configure calls for proposals, as small predicates.

Views, templates and tests all ask these, so that a page and its buttons never disagree.
"""

from django.utils import timezone

from accounts.roles import Role
from accounts.rules import has_role


def can_manage_calls(user):
    """Funding officers configure, publish and withdraw calls."""
    return has_role(user, Role.FUNDING_OFFICER)


def can_view_call(user, call):
    """A published call is public, even to anonymous visitors; a draft only to call managers."""
    return call.is_published or can_manage_calls(user)


def is_team_editor(user, proposal):
    """The lead and the co-researchers who accepted their invitation write the proposal."""
    if not user.is_authenticated:
        return False
    if proposal.lead_id == user.pk:
        return True
    known = getattr(proposal, "team_editor", None)  # (user id, answer) read with the proposal
    if known is not None and known[0] == user.pk:
        return known[1]
    return any(member.user_id == user.pk and member.has_accepted for member in proposal.team.all())


def can_start_proposal(user, call):
    """Researchers start proposals for open calls; a two-stage call takes new (concept)
    proposals only until its concept deadline."""
    if call.has_concept_stage and timezone.now() >= call.concept_closes_at:
        return False
    return has_role(user, Role.RESEARCHER) and call.is_open


def can_view_proposal(user, proposal):
    """The team, funding officers and the managers of the call's programme read a proposal.
    (Assigned reviewers are added by the review work.)"""
    if not user.is_authenticated:
        return False
    if is_team_editor(user, proposal):
        return True
    if has_role(user, Role.FUNDING_OFFICER):
        return True
    return has_role(user, Role.PROGRAMME_MANAGER) and user.manages(proposal.call.programme_id)


def can_edit_proposal(user, proposal):
    """The team edits while the proposal is a draft or a revision is asked for."""
    return proposal.is_editable and is_team_editor(user, proposal)


def can_manage_team(user, proposal):
    """Only the lead invites and removes team members."""
    return proposal.is_editable and user.is_authenticated and proposal.lead_id == user.pk
