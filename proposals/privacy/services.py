"""Erasure in proposals (accounts.privacy.erasure): the team rows that copied the person's
name, email and organisation take the pseudonym, and the files they attached to proposals that
were rejected or withdrawn (kept for nothing any more) are deleted."""

from django.db.models import Q

from proposals.models import ProposalAttachment, ProposalState, TeamMember


def pseudonymise_team(user, old_email):
    members = TeamMember.objects.filter(Q(user=user) | Q(email__iexact=old_email))
    changed = members.update(email=user.email, name=user.full_name_th, organisation="")
    ended = ProposalAttachment.objects.filter(
        uploaded_by=user, proposal__state__in=(ProposalState.REJECTED, ProposalState.WITHDRAWN)
    )
    files = 0
    for attachment in ended:
        attachment.file.delete(save=False)
        files += 1
    ended.delete()
    return {"team_members": changed, "proposal_files": files}
