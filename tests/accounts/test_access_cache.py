"""A person's roles, permissions, managed programmes and unread notifications are kept in the
site's cache (accounts.access), and every change to them shows on the person's next page: a
role taken away, a group's permission, a programme's managers, the bell's count."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts import access
from accounts.models import User
from accounts.notifications.services import mark_read, notify
from accounts.roles import Role
from accounts.services import set_roles
from core import versioned_cache
from tests.factories import UserFactory, call_programme
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

ANY_KIND = "proposal.submit"


@pytest.fixture(autouse=True)
def shared_cache(monkeypatch):
    """The tests' cache is local memory, one process: taken here for a shared one."""
    monkeypatch.setattr(versioned_cache, "shared", lambda: True)


def fresh(person):
    """The person as the next request reads them."""
    return User.objects.get(pk=person.pk)


def test_what_a_page_asks_of_a_person_is_read_once_and_then_kept():
    person = UserFactory(roles=[Role.FUNDING_OFFICER])
    assert count_queries(lambda: fresh(person).load_access()) == 2  # the person, the rows
    assert count_queries(lambda: fresh(person).load_access()) == 1  # the person only
    assert fresh(person).has_role(Role.FUNDING_OFFICER)


def test_without_a_shared_cache_every_request_reads_them(monkeypatch):
    person = UserFactory(roles=[Role.FUNDING_OFFICER])
    monkeypatch.setattr(versioned_cache, "shared", lambda: False)
    fresh(person).load_access()
    assert count_queries(lambda: fresh(person).load_access()) == 2


def test_a_role_taken_away_shows_at_once():
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    person = UserFactory(roles=[Role.FUNDING_OFFICER, Role.REVIEWER])
    assert fresh(person).has_role(Role.FUNDING_OFFICER)
    set_roles(actor=admin, user=fresh(person), roles=[Role.REVIEWER])
    reread = fresh(person)
    assert not reread.has_role(Role.FUNDING_OFFICER)
    assert not reread.has_perm("proposals.screen_proposal")


def test_a_group_changed_from_its_own_side_shows_at_once():
    person = UserFactory(roles=[])
    group = Group.objects.get(name=Role.FUNDING_OFFICER.value)
    assert not fresh(person).has_role(Role.FUNDING_OFFICER)
    group.user_set.add(person)
    assert fresh(person).has_role(Role.FUNDING_OFFICER)
    group.user_set.clear()
    assert not fresh(person).has_role(Role.FUNDING_OFFICER)


def test_a_groups_permission_and_a_persons_own_permission_show_at_once():
    person = UserFactory(roles=[Role.FUNDING_OFFICER])
    group = Group.objects.get(name=Role.FUNDING_OFFICER.value)
    screen = Permission.objects.get(codename="screen_proposal")
    assert fresh(person).has_perm("proposals.screen_proposal")
    group.permissions.remove(screen)
    assert not fresh(person).has_perm("proposals.screen_proposal")
    person.user_permissions.add(screen)
    assert fresh(person).has_perm("proposals.screen_proposal")


def test_a_programmes_managers_show_at_once_from_either_side():
    programme = call_programme()
    person = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    assert not fresh(person).manages(programme.pk)
    programme.managers.add(person)
    assert fresh(person).manages(programme.pk)
    person.managed_programmes.remove(programme)
    assert not fresh(person).manages(programme.pk)
    programme.managers.add(person)
    programme.managers.clear()
    assert not fresh(person).manages(programme.pk)


def test_the_bells_count_follows_new_and_read_notifications():
    person = UserFactory(roles=[Role.RESEARCHER])
    assert fresh(person).unread_notification_count == 0
    notify(kind=ANY_KIND, recipients=[person], title="ยื่นแล้ว", body="ข้อความ", url="/")
    assert fresh(person).unread_notification_count == 1
    mark_read(user=fresh(person))
    assert fresh(person).unread_notification_count == 0
    (row,) = notify(kind=ANY_KIND, recipients=[person], title="อีกเรื่อง", body="ข้อความ", url="/")
    assert fresh(person).unread_notification_count == 1
    row.delete()
    assert fresh(person).unread_notification_count == 0


def test_forgetting_one_person_keeps_the_others_and_everyone_drops_all():
    one, other = UserFactory(), UserFactory()
    fresh(one).load_access()
    fresh(other).load_access()
    access.forget(one.pk)
    assert count_queries(lambda: fresh(other).load_access()) == 1  # still kept
    assert count_queries(lambda: fresh(one).load_access()) == 2  # read again
    access.forget()  # everyone's
    assert count_queries(lambda: fresh(other).load_access()) == 2


def test_a_programme_deleted_is_no_longer_managed():
    from indicators.models import Programme

    programme = call_programme()
    programme.calls.all().delete()  # a programme with calls cannot be deleted
    person = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    programme.managers.add(person)
    gone = programme.pk
    assert fresh(person).manages(gone)  # and kept
    Programme.objects.get(pk=gone).delete()
    assert not fresh(person).manages(gone)
