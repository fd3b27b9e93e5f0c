"""Retention and erasure in proposals (accounts.privacy). On erasure the team rows that copied
the person's name, email and organisation take the pseudonym, and the files they attached to
proposals that were rejected or withdrawn (kept for nothing any more) are deleted."""

from django.db import transaction
from django.db.models import ProtectedError, Q

from proposals.models import Proposal, ProposalAttachment, ProposalState, TeamMember


def pseudonymise_team(user, old_email):
    members = TeamMember.objects.filter(Q(user=user) | Q(email__iexact=old_email))
    changed = members.update(
        email=user.email, name=user.full_name_th, organisation="", organisation_record=None
    )
    ended = ProposalAttachment.objects.filter(
        uploaded_by=user, proposal__state__in=(ProposalState.REJECTED, ProposalState.WITHDRAWN)
    )
    files = 0
    for attachment in ended:
        attachment.file.delete(save=False)
        files += 1
    ended.delete()
    return {"team_members": changed, "proposal_files": files}


def remove_ended_proposals(cutoff):
    """Retention: rejected and withdrawn proposals last changed before `cutoff` are deleted with
    their files and, through the reviews that cascade with them, their reviews. A proposal that
    something must keep (a protected reference) is left and counted out."""
    ended = Proposal.objects.filter(
        state__in=(ProposalState.REJECTED, ProposalState.WITHDRAWN), updated_at__lt=cutoff
    )
    removed = 0
    for proposal in ended:
        files = [item.file for item in proposal.attachments.all() if item.file]
        try:
            with transaction.atomic():
                proposal.delete()
        except ProtectedError:
            continue
        for stored in files:
            transaction.on_commit(lambda stored=stored: stored.storage.delete(stored.name))
        removed += 1
    return removed
