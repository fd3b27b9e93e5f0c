"""The proposing team: the lead invites co-researchers by email, they accept or decline, the
lead changes their role and effort or removes them. Each write is atomic and audited."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from accounts.emails import queue_templated_email
from accounts.models import AuditEntry, User, hash_token
from accounts.notifications.messages import Localized
from accounts.organisations import services as organisations
from accounts.services import absolute_url
from proposals import rules
from proposals.models import Proposal, ProposalState, TeamMember, TeamRole
from proposals.team.notices import TEAM_INVITATION


def _describe_member(data):
    role = data.get("role", "")
    label = TeamRole(role).label if role in TeamRole.values else role
    return _("%(email)s, %(role)s.") % {"email": data.get("email", ""), "role": label}


# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("team.invited", gettext_lazy("Team member invited"), _describe_member),
    ("team.accepted", gettext_lazy("Team invitation accepted"), _describe_member),
    ("team.declined", gettext_lazy("Team invitation declined"), _describe_member),
    ("team.changed", gettext_lazy("Team member changed"), _describe_member),
    ("team.removed", gettext_lazy("Team member removed"), _describe_member),
]


class TeamError(ValidationError):
    pass


def _locked_for_team(actor, proposal):
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not rules.can_manage_team(actor, locked):
        raise PermissionDenied
    return locked


def _member_data(member, **extra):
    return {
        "email": member.email,
        "role": member.role,
        "effort_percent": str(member.effort_percent),
        **extra,
    }


@transaction.atomic
def invite_member(*, actor, proposal, email, role, effort_percent, name="", organisation=None):
    """Invite a person to the team by email; returns the member and the raw token of the link.
    Someone who declined earlier may be invited again; anyone else already listed may not.
    `organisation` is a record, a new (unsaved) one, a name, or None."""
    locked = _locked_for_team(actor, proposal)
    email = email.strip().lower()
    role = TeamRole(role)
    if role == TeamRole.LEAD:
        raise TeamError(_("A proposal has one lead researcher: choose another role."))
    member = TeamMember.objects.filter(proposal=locked, email__iexact=email).first()
    if member is not None and member.declined_at is None:
        raise TeamError(_("%(email)s is already on the team or invited.") % {"email": email})
    token = secrets.token_urlsafe(32)
    member = member or TeamMember(proposal=locked, email=email)
    member.user = None
    member.name = name
    record = organisations.saved(actor=actor, organisation=organisation)
    member.organisation_record = record
    member.organisation = record.name if record else ""
    member.role = role
    member.effort_percent = effort_percent
    member.token_hash = hash_token(token)
    member.invited_at = timezone.now()
    member.accepted_at = None
    member.declined_at = None
    member.save()
    audit.record(actor=actor, action="team.invited", obj=locked, data=_member_data(member))
    invitee = User.objects.filter(email__iexact=email).first()
    url = absolute_url(reverse("proposals:team_invitation", args=[token]))
    privacy_url = absolute_url(reverse("privacy:notice"))
    queue_templated_email(
        kind=TEAM_INVITATION,
        call=locked.call,
        values={
            "lead": Localized(lambda: actor.display_name),
            "role": role.label,
            "title": Localized(lambda: locked.title or _("Untitled proposal")),
            "call": Localized(lambda: f"{locked.call.code} {locked.call.title}"),
            "email": member.email,
            "url": url,
            "privacy_url": privacy_url,
        },
        to=email,
        template_prefix="proposals/writing/email/team_invitation",
        context={
            "proposal": locked,
            "member": member,
            "inviter": actor,
            "role": role.label,
            "url": url,
            "privacy_url": privacy_url,
        },
        language=(invitee.preferred_language if invitee else "") or actor.preferred_language,
    )
    return member, token


def find_invitation(token):
    """The team invitation behind a link, or an error that says in plain words why the link
    cannot be used (unknown, already accepted, declined, or withdrawn by the lead)."""
    digest = hash_token(token)
    member = (
        TeamMember.objects.select_related("proposal__call", "proposal__lead")
        .filter(token_hash=digest)
        .first()
    )
    if member is None:
        if AuditEntry.objects.filter(action="team.removed", data__token_hash=digest).exists():
            raise TeamError(
                _("This invitation was withdrawn: the lead researcher removed you from the team.")
            )
        raise TeamError(_("This invitation link is not valid. Check that you copied it whole."))
    return member


def check_answerable(member, user):
    """Refuse, in plain words, an invitation that was answered or is not this person's."""
    if member.accepted_at and member.declined_at is None:
        raise TeamError(_("This invitation has already been accepted."))
    if member.declined_at:
        raise TeamError(
            _(
                "This invitation was declined. Ask the lead researcher to invite you again "
                "if you want to join."
            )
        )
    if member.email.lower() != user.email.lower():
        raise TeamError(
            _(
                "This invitation was sent to %(invited)s, but you are signed in as "
                "%(current)s. Sign out and sign in with the invited address."
            )
            % {"invited": member.email, "current": user.email},
            code="wrong_account",
        )
    if member.proposal.state in ProposalState.final():
        raise TeamError(_("This proposal is closed: its team can no longer change."))


@transaction.atomic
def answer_invitation(*, user, member, accept):
    """Accept (join the team and edit with it) or decline an invitation addressed to `user`."""
    member = TeamMember.objects.select_for_update().select_related("proposal").get(pk=member.pk)
    check_answerable(member, user)
    now = timezone.now()
    if accept:
        member.user = user
        member.accepted_at = now
        member.name = member.name or user.display_name
        if member.organisation_record_id is None and user.organisation_record_id is not None:
            member.organisation_record_id = user.organisation_record_id
            member.organisation = user.organisation
        action = "team.accepted"
    else:
        member.declined_at = now
        action = "team.declined"
    member.save(
        update_fields=[
            "user",
            "accepted_at",
            "declined_at",
            "name",
            "organisation",
            "organisation_record",
        ]
    )
    audit.record(actor=user, action=action, obj=member.proposal, data=_member_data(member))
    return member


@transaction.atomic
def change_member(*, actor, proposal, member, role, effort_percent):
    """The lead changes a member's role and effort; the lead's own role stays lead."""
    locked = _locked_for_team(actor, proposal)
    member = TeamMember.objects.select_for_update().get(pk=member.pk, proposal=locked)
    is_lead = member.role == TeamRole.LEAD
    role = TeamRole.LEAD if is_lead else TeamRole(role)
    if not is_lead and role == TeamRole.LEAD:
        raise TeamError(_("A proposal has one lead researcher: choose another role."))
    before = _member_data(member)
    member.role = role
    member.effort_percent = effort_percent
    member.save(update_fields=["role", "effort_percent"])
    audit.record(
        actor=actor,
        action="team.changed",
        obj=locked,
        data=_member_data(member, before={k: before[k] for k in ("role", "effort_percent")}),
    )
    return member


@transaction.atomic
def remove_member(*, actor, proposal, member):
    """Take a member (or a pending invitation) off the team; the lead cannot be removed.
    The audit keeps the link's hash so that the link can say it was withdrawn."""
    locked = _locked_for_team(actor, proposal)
    member = TeamMember.objects.select_for_update().get(pk=member.pk, proposal=locked)
    if member.role == TeamRole.LEAD or member.user_id == locked.lead_id:
        raise TeamError(_("The lead researcher cannot be removed from the team."))
    data = _member_data(member, token_hash=member.token_hash)
    member.delete()
    audit.record(actor=actor, action="team.removed", obj=locked, data=data)


def follow_renamed_organisation(organisation):
    """A renamed organisation record's name, copied to the team rows that name it."""
    return TeamMember.objects.filter(organisation_record=organisation).update(
        organisation=organisation.name
    )
