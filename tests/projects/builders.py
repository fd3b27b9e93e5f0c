"""Funded projects for the tests: an approved proposal, funded with the call's default plan
(40% on the contract, 40% on the 6-month report, 20% on the final report)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.roles import Role
from projects.funding import services as funding_services
from projects.models import ProgressReport
from proposals.models import ProgressReportKind, Proposal, ProposalState, TeamMember, TeamRole
from tests.factories import UserFactory
from tests.proposals.lifecycle.conftest import make_complete_proposal

START = datetime.date(2025, 1, 1)
END = datetime.date(2025, 12, 31)


def approved_proposal(amount=Decimal("900000.00"), **kwargs):
    """A complete proposal, approved for `amount` (its request is 900,000 baht)."""
    proposal = make_complete_proposal(**kwargs)
    Proposal.objects.filter(pk=proposal.pk).update(
        state=ProposalState.APPROVED, approved_amount=amount, reference=f"P-{proposal.pk:04d}"
    )
    return Proposal.objects.get(pk=proposal.pk)


def fund(proposal, officer, *, contract_number=None, starts_on=START, ends_on=END):
    """Fund `proposal` with the proposed budget grid; returns it re-fetched."""
    funding_services.fund(
        proposal=proposal,
        actor=officer,
        contract_number=contract_number or f"RDG-{proposal.pk:04d}",
        contract_date=starts_on - datetime.timedelta(days=10),
        starts_on=starts_on,
        ends_on=ends_on,
        budget=funding_services.proposed_award_budget(proposal),
    )
    return Proposal.objects.get(pk=proposal.pk)


def funded_project(officer, **kwargs):
    return fund(approved_proposal(**kwargs), officer)


def add_member(project, user=None):
    """A co-researcher of `project` who accepted the invitation."""
    user = user or UserFactory(roles=[Role.RESEARCHER])
    TeamMember.objects.create(
        proposal=project,
        user=user,
        email=user.email,
        name=user.display_name,
        role=TeamRole.CO_RESEARCHER,
        accepted_at=timezone.now(),
    )
    return user


def report_of(project, kind=ProgressReportKind.MONTH_6):
    return ProgressReport.objects.get(proposal=project, kind=kind)
