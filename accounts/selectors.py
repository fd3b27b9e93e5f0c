"""Reads of accounts, shaped for their pages."""

from django.contrib.auth.models import Group
from django.db.models import Prefetch, Q

from accounts import rules
from accounts.models import Invitation, User
from accounts.roles import Role


def users_list(*, query="", role=""):
    """People with their roles prefetched, filtered by a search text and a role."""
    people = User.objects.prefetch_related(
        Prefetch("groups", queryset=Group.objects.only("name"))
    ).order_by("email")
    if query:
        people = people.filter(
            Q(email__icontains=query)
            | Q(full_name_th__icontains=query)
            | Q(full_name_en__icontains=query)
            | Q(organisation__icontains=query)
        )
    if role:
        people = people.filter(groups__name=role)
    return people


def holders_of(role):
    """The active people holding `role` (a Role)."""
    return User.objects.filter(groups__name=role.value, is_active=True)


def funding_officers():
    """The active funding officers, as a list (they hear of submissions, reviews and reports)."""
    return list(holders_of(Role.FUNDING_OFFICER))


def finance_officers():
    """The active finance people, as a list (they hear of checked payment requests)."""
    return list(holders_of(Role.FINANCE))


def invitations_for(user):
    """Administrators see every invitation; others see the ones they sent."""
    invitations = Invitation.objects.select_related("invited_by").order_by("-created_at")
    if rules.is_administrator(user):
        return invitations
    return invitations.filter(invited_by=user)
