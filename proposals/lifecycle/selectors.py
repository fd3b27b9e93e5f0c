"""Reads of the lifecycle pages, each shaped so that its page runs a fixed number of queries."""

from django.db.models import DecimalField, Prefetch

from accounts.roles import Role
from accounts.rules import has_role
from proposals.editing.budget import with_requested_amount
from proposals.models import (
    BudgetLine,
    Call,
    Proposal,
    ProposalMunicipality,
    ProposalState,
    TeamMember,
)

MONEY = DecimalField(max_digits=15, decimal_places=2)


def proposals_for_checks():
    """Proposals with every part the completeness check and the permission table read, and
    the team's accounts, whom a transition notifies."""
    return Proposal.objects.select_related("call", "call__programme", "lead").prefetch_related(
        Prefetch("team", TeamMember.objects.select_related("user")),
        "sections",
        Prefetch(
            "municipalities",
            ProposalMunicipality.objects.select_related("municipality"),
        ),
        "technologies",
        "activities",
        Prefetch("budget_lines", BudgetLine.objects.select_related("category", "fiscal_year")),
        "contributions",
        "attachments",
        "call__budget_categories",
        "call__required_attachments",
        "call__programme__fiscal_years",
    )


# The states the register filters on: every state a proposal reaches once submitted.
REGISTER_STATES = [state for state in ProposalState if state != ProposalState.DRAFT]


def register_proposals(user, *, call=None, state=None):
    """Proposals that have been submitted and are not back in draft, newest submission first,
    for the officers' register. Officers see every call; a programme manager those of the
    programmes they manage."""
    proposals = Proposal.objects.filter(sequence__isnull=False).exclude(state=ProposalState.DRAFT)
    if not has_role(user, Role.FUNDING_OFFICER):
        proposals = proposals.filter(call__programme__managers=user)
    if call is not None:
        proposals = proposals.filter(call=call)
    if state:
        proposals = proposals.filter(state=state)
    proposals = proposals.select_related("call", "lead").order_by("-submitted_at", "-pk")
    return with_requested_amount(proposals)


def register_calls(user):
    """The calls the register's filter offers."""
    calls = Call.objects.order_by("-opens_at", "code")
    if not has_role(user, Role.FUNDING_OFFICER):
        calls = calls.filter(programme__managers=user)
    return calls
