"""List pages run a fixed number of SQL queries whatever the number of rows."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.services import invite_user
from tests.factories import UserFactory
from tests.helpers import assert_flat_queries

pytestmark = pytest.mark.django_db


def test_users_list(client, administrator):
    def add(n):
        UserFactory.create_batch(n, roles=[Role.RESEARCHER, Role.REVIEWER])

    assert_flat_queries(client, administrator, reverse("accounts:users"), add, few=1, many=40)


def test_invitations_list(client, administrator):
    counter = iter(range(1000))

    def add(n):
        for _ in range(n):
            invite_user(
                actor=administrator, email=f"p{next(counter)}@example.org", roles=["reviewer"]
            )

    assert_flat_queries(client, administrator, reverse("accounts:invite"), add, few=1, many=20)
