import pytest

from proposals.mentoring import services
from tests.factories import ProposalFactory, call_programme


@pytest.fixture
def programme(manager):
    programme = call_programme()
    programme.managers.add(manager)
    return programme


@pytest.fixture
def draft(researcher, programme):
    """A draft led by the `researcher` persona."""
    return ProposalFactory(lead=researcher)


@pytest.fixture
def shared(draft, mentor, manager, programme, researcher):
    """The draft, its team's mentor assigned and the draft shared with them."""
    services.assign_mentor(actor=manager, programme=programme, mentor=mentor, proposal=draft)
    services.share_draft(actor=researcher, proposal=draft, mentor=mentor)
    return draft
