import pytest
from django.core.cache import cache
from django.utils import translation

from accounts.roles import Role
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS, OUTSIDER


@pytest.fixture(autouse=True)
def _isolate(settings):
    """Each test starts in Thai with an empty cache (allauth keeps its rate limits there)."""
    cache.clear()
    translation.activate("th")
    yield
    translation.deactivate()


@pytest.fixture
def researcher(db):
    return UserFactory(email="researcher1@example.org", roles=[Role.RESEARCHER])


@pytest.fixture
def officer(db):
    return UserFactory(email="officer1@example.org", roles=[Role.FUNDING_OFFICER])


@pytest.fixture
def reviewer(db):
    return UserFactory(email="reviewer1@example.org", roles=[Role.REVIEWER])


@pytest.fixture
def manager(db):
    return UserFactory(email="manager1@example.org", roles=[Role.PROGRAMME_MANAGER])


@pytest.fixture
def administrator(db):
    return UserFactory(email="admin1@example.org", roles=[Role.ADMINISTRATOR])


@pytest.fixture
def mentor(db):
    return UserFactory(email="mentor1@example.org", roles=[Role.MENTOR])


@pytest.fixture
def finance(db):
    return UserFactory(email="finance1@example.org", roles=[Role.FINANCE])


@pytest.fixture
def outsider(db):
    """Signed in, but holding no role at all."""
    return UserFactory(email="outsider@example.org", roles=[])


@pytest.fixture
def personas(researcher, officer, reviewer, manager, administrator, mentor, finance, outsider):
    """One person per role, a signed-in person without a role, and an anonymous visitor."""
    return {
        Role.RESEARCHER.value: researcher,
        Role.FUNDING_OFFICER.value: officer,
        Role.REVIEWER.value: reviewer,
        Role.PROGRAMME_MANAGER.value: manager,
        Role.ADMINISTRATOR.value: administrator,
        Role.MENTOR.value: mentor,
        Role.FINANCE.value: finance,
        OUTSIDER: outsider,
        ANONYMOUS: None,
    }


@pytest.fixture
def trio(db):
    """Three fixed personas per role, for tests that need owner, colleague and stranger."""

    def make(role):
        role = Role(role)
        return [
            UserFactory(email=f"{role.value}.{name}@example.org", roles=[role])
            for name in ("anna", "boon", "chai")
        ]

    return make
