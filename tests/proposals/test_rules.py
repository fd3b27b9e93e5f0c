import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.roles import Role
from proposals import rules
from tests.factories import CallFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(Role))
def test_only_funding_officers_manage_calls(role):
    user = UserFactory(roles=[role])
    assert rules.can_manage_calls(user) is (role == Role.FUNDING_OFFICER)


def test_nobody_manages_calls_anonymously_or_when_deactivated():
    assert not rules.can_manage_calls(AnonymousUser())
    officer = UserFactory(roles=[Role.FUNDING_OFFICER], is_active=False)
    assert not rules.can_manage_calls(officer)


@pytest.mark.parametrize("published", [True, False])
@pytest.mark.parametrize("role", [None, *Role])
def test_who_sees_a_call(role, published):
    call = CallFactory(is_published=published)
    user = UserFactory(roles=[role]) if role else AnonymousUser()
    assert rules.can_view_call(user, call) is (published or role == Role.FUNDING_OFFICER)
