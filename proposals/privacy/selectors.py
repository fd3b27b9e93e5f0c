"""What proposals hold about a person, for the copy of their data (accounts.privacy.exports):
the proposals they lead or were invited to, and the files they attached."""

from django.db.models import Q

from accounts.privacy.exports import Section
from proposals.models import Proposal, ProposalAttachment, TeamMember


def proposals_section(user):
    led = Proposal.objects.filter(lead=user).select_related("call")
    records = [
        {
            "role": "lead",
            "reference": proposal.reference,
            "call": proposal.call.code,
            "title_th": proposal.title_th,
            "title_en": proposal.title_en,
            "state": proposal.state,
            "created_at": proposal.created_at,
            "submitted_at": proposal.submitted_at,
        }
        for proposal in led
    ]
    memberships = (
        TeamMember.objects.filter(Q(user=user) | Q(email__iexact=user.email))
        .exclude(proposal__lead=user)
        .select_related("proposal__call")
    )
    records += [
        {
            "role": member.role,
            "reference": member.proposal.reference,
            "call": member.proposal.call.code,
            "title_th": member.proposal.title_th,
            "title_en": member.proposal.title_en,
            "state": member.proposal.state,
            "name_given": member.name,
            "organisation_given": member.organisation,
            "effort_percent": member.effort_percent,
            "invited_at": member.invited_at,
            "accepted_at": member.accepted_at,
            "declined_at": member.declined_at,
        }
        for member in memberships
    ]
    attachments = ProposalAttachment.objects.filter(uploaded_by=user).select_related("proposal")
    files = [
        (f"{item.proposal.reference or item.proposal.pk}/{item.original_name}", item.file)
        for item in attachments
    ]
    return Section(records=records, files=files)
