"""The writing area's people: the personas of every role, plus the proposal's lead, an
accepted team member and a person invited who has not answered yet."""

import pytest
from django.utils import timezone

from accounts.models import hash_token
from accounts.roles import Role
from proposals.models import Section, SectionKey, TeamMember, TeamRole
from tests.factories import ProposalFactory, UserFactory

INVITE_TOKEN = "invitation-token-for-tests"


@pytest.fixture
def proposal(db):
    """A draft for an open call with its six empty sections, as start_proposal makes it."""
    proposal = ProposalFactory()
    Section.objects.bulk_create(Section(proposal=proposal, key=key) for key in SectionKey.values)
    return proposal


@pytest.fixture
def member(proposal):
    """A co-researcher who accepted the invitation."""
    user = UserFactory(email="member@example.org", roles=[Role.RESEARCHER])
    TeamMember.objects.create(
        proposal=proposal,
        user=user,
        email=user.email,
        name=user.display_name,
        role=TeamRole.CO_RESEARCHER,
        accepted_at=timezone.now(),
    )
    return user


@pytest.fixture
def invited(proposal):
    """A researcher invited to the team (link token INVITE_TOKEN) who has not answered."""
    user = UserFactory(email="invited@example.org", roles=[Role.RESEARCHER])
    TeamMember.objects.create(
        proposal=proposal,
        email=user.email,
        role=TeamRole.ADVISOR,
        token_hash=hash_token(INVITE_TOKEN),
    )
    return user


@pytest.fixture
def people(personas, member, invited, lead):
    """Every persona, the team's member and invitee, and the lead last: an action that works
    for the lead changes the proposal only after the others were refused."""
    return {**personas, "member": member, "invited": invited, "lead": lead}
