"""Writes that matter in accounts: roles and invitations, each atomic with an audit entry."""

import json
import secrets
from datetime import timedelta
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit, rules
from accounts.emails import queue_templated_email
from accounts.models import (
    Invitation,
    InvitationState,
    Municipality,
    User,
    hash_token,
)
from accounts.notifications.kinds import ACCOUNT_INVITATION as INVITATION
from accounts.notifications.messages import Localized
from accounts.organisations import services as organisations
from accounts.privacy.models import ConsentContext
from accounts.privacy.services import record_consent
from accounts.roles import ROLE_PERMISSIONS, STAFF_ROLES, Role

DATA_DIR = Path(__file__).resolve().parent / "data"


def sync_role_groups():
    """Create one group per role and give it exactly the permissions of ROLE_PERMISSIONS."""
    wanted = {code for codes in ROLE_PERMISSIONS.values() for code in codes}
    app_labels = {code.split(".")[0] for code in wanted}
    known = {
        f"{perm.content_type.app_label}.{perm.codename}": perm
        for perm in Permission.objects.filter(
            content_type__app_label__in=app_labels
        ).select_related("content_type")
    }
    for role, codes in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.set([known[code] for code in codes if code in known])


@transaction.atomic
def set_roles(*, actor, user, roles):
    """Give `user` exactly `roles`; staff roles also open the Django admin."""
    if actor is not None and not rules.can_assign_roles(actor):
        raise PermissionDenied
    roles = {Role(role) for role in roles}
    before = sorted(user.role_names)
    user.groups.set(Group.objects.filter(name__in=[role.value for role in roles]))
    user.is_staff = bool(roles & STAFF_ROLES) or user.is_superuser
    user.save(update_fields=["is_staff"])
    user.__dict__.pop("role_names", None)
    after = sorted(role.value for role in roles)
    if before != after:
        audit.record(
            actor=actor,
            action="roles.changed",
            obj=user,
            data={"before": [str(r) for r in before], "after": after},
        )
    return user


def grant_role(*, user, role):
    """Add one role without touching the others (sign-up, seeding)."""
    user.groups.add(Group.objects.get(name=Role(role).value))
    if Role(role) in STAFF_ROLES and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.__dict__.pop("role_names", None)


class InvitationError(ValidationError):
    pass


@transaction.atomic
def invite_user(*, actor, email, roles, language=None):
    """Invite a person by email with the chosen roles; returns the invitation and its raw token."""
    email = email.strip().lower()
    roles = sorted({Role(role).value for role in roles})
    if not roles:
        raise InvitationError(_("Choose at least one role."))
    not_allowed = set(roles) - {role.value for role in rules.invitable_roles(actor)}
    if not_allowed:
        raise PermissionDenied
    if User.objects.filter(email__iexact=email).exists():
        raise InvitationError(
            _("%(email)s already has an account: change their roles on the users page instead.")
            % {"email": email}
        )
    # A new invitation to the same address replaces the pending one.
    now = timezone.now()
    Invitation.objects.filter(
        email__iexact=email, accepted_at=None, revoked_at=None, expires_at__gt=now
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        roles=roles,
        token_hash=hash_token(token),
        invited_by=actor,
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    audit.record(actor=actor, action="invitation.sent", obj=invitation, data={"roles": roles})
    url = absolute_url(reverse("accounts:accept_invitation", args=[token]))
    privacy_url = absolute_url(reverse("privacy:notice"))
    queue_templated_email(
        kind=INVITATION,
        to=email,
        template_prefix="accounts/email/invitation",
        context={
            "invitation": invitation,
            "inviter": actor,
            "roles": invitation.role_labels,
            "url": url,
            "privacy_url": privacy_url,
        },
        language=language or (actor.preferred_language if actor else None),
        values={
            # The site's own text of the invitation (an administrator's) has these.
            "recipient": email,
            "email": email,
            "inviter": Localized(lambda: actor.display_name if actor else ""),
            "roles": Localized(lambda: ", ".join(str(role) for role in invitation.role_labels)),
            "date": timezone.localdate(invitation.expires_at),
            "privacy_url": privacy_url,
        },
    )
    return invitation, token


@transaction.atomic
def revoke_invitation(*, actor, invitation):
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != InvitationState.PENDING:
        raise InvitationError(_("Only a pending invitation can be revoked."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit.record(actor=actor, action="invitation.revoked", obj=invitation)
    return invitation


def find_invitation(token):
    """The invitation behind a link, or an error that says in plain words why it cannot be used."""
    invitation = Invitation.objects.filter(token_hash=hash_token(token)).first()
    if invitation is None:
        raise InvitationError(
            _("This invitation link is not valid. Check that you copied it whole.")
        )
    state = invitation.state
    if state == InvitationState.ACCEPTED:
        raise InvitationError(
            _("This invitation has already been used. Sign in with your email and password.")
        )
    if state == InvitationState.REVOKED:
        raise InvitationError(_("This invitation was withdrawn. Ask for a new one."))
    if state == InvitationState.EXPIRED:
        raise InvitationError(
            _("This invitation expired on %(date)s. Ask the person who invited you for a new one.")
            % {"date": invitation.expires_at.date().isoformat()}
        )
    return invitation


@transaction.atomic
def accept_invitation(
    *,
    token,
    password,
    full_name_th="",
    full_name_en="",
    organisation=None,
    language="",
    privacy_notice=None,
):
    """Create the invited account with a verified email and the invited roles, once; record
    the person's agreement to the privacy notice they were shown, when there was one."""
    invitation = find_invitation(token)
    # Lock the row so that a link clicked twice at once creates one account.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise InvitationError(
            _("This invitation has already been used. Sign in with your email and password.")
        )
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationError(
            _("An account with this email address already exists. Sign in instead.")
        )
    user = User.objects.create_user(
        email=invitation.email,
        password=password,
        full_name_th=full_name_th,
        full_name_en=full_name_en,
        preferred_language=language,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    organisations.set_organisation(actor=user, user=user, organisation=organisation)
    set_roles(actor=None, user=user, roles=invitation.roles)
    invitation.accepted_at = timezone.now()
    invitation.accepted_user = user
    invitation.save(update_fields=["accepted_at", "accepted_user"])
    audit.record(actor=user, action="invitation.accepted", obj=invitation)
    if privacy_notice is not None:
        record_consent(user=user, notice=privacy_notice, context=ConsentContext.INVITATION)
    return user


def absolute_url(path):
    return settings.SITE_URL.rstrip("/") + path


def load_municipalities():
    """Create or update the municipalities shipped in accounts/data/municipalities.json."""
    rows = json.loads((DATA_DIR / "municipalities.json").read_text(encoding="utf-8"))
    for row in rows:
        Municipality.objects.update_or_create(
            name_th=row["name_th"],
            defaults={
                "name_en": row["name_en"],
                "type": row["type"],
                "province_th": row["province_th"],
                "province_en": row["province_en"],
                "region": row["region"],
                "province_code": row["province_code"],
                "latitude": row["latitude"],
                "longitude": row["longitude"],
            },
        )
    return len(rows)


def link_organisation(*, user):
    """Link `user` to the record of their organisation's text (accounts.organisations)."""
    return organisations.link_organisation(user=user)


@transaction.atomic
def update_profile(*, user, data):
    for field, value in data.items():
        setattr(user, field, value)
    user.save(update_fields=list(data))
    return user
