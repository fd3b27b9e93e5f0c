import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import AuditEntry
from accounts.roles import ROLE_PERMISSIONS, Role
from accounts.services import set_roles, sync_role_groups

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group_with_exactly_its_permissions():
    sync_role_groups()
    for role, codes in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role.value)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(codes), role


def test_a_user_may_hold_several_roles(researcher):
    set_roles(actor=None, user=researcher, roles={Role.RESEARCHER, Role.REVIEWER})
    researcher.refresh_from_db()
    assert researcher.role_names == {Role.RESEARCHER, Role.REVIEWER}
    assert not researcher.is_staff


def test_an_administrator_grants_roles_and_the_change_is_audited(client, administrator, researcher):
    client.force_login(administrator)
    response = client.post(
        reverse("accounts:user_roles", args=[researcher.pk]),
        {"roles": ["researcher", "funding_officer"]},
    )
    assert response.status_code == 302
    researcher.refresh_from_db()
    assert researcher.role_names == {Role.RESEARCHER, Role.FUNDING_OFFICER}
    assert researcher.is_staff  # staff roles open the Django admin
    entry = AuditEntry.objects.get(action="roles.changed", object_id=str(researcher.pk))
    assert entry.actor == administrator
    assert entry.data == {"before": ["researcher"], "after": ["funding_officer", "researcher"]}


def test_an_administrator_cannot_drop_their_own_administrator_role(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("accounts:user_roles", args=[administrator.pk]), {"roles": ["researcher"]}
    )
    assert response.status_code == 200
    assert "ไม่สามารถลบบทบาทผู้ดูแลระบบของตนเองได้" in response.content.decode()
    assert administrator.role_names == {Role.ADMINISTRATOR}


def test_an_unknown_role_is_refused(client, administrator, researcher):
    client.force_login(administrator)
    response = client.post(
        reverse("accounts:user_roles", args=[researcher.pk]), {"roles": ["treasurer"]}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["roles"]
    researcher.refresh_from_db()
    assert researcher.role_names == {Role.RESEARCHER}


def test_the_users_page_filters_by_text_and_role(client, administrator, researcher, reviewer):
    client.force_login(administrator)
    by_role = client.get(reverse("accounts:users"), {"role": "reviewer"}).context["page"]
    assert [u.email for u in by_role.object_list] == [reviewer.email]
    by_text = client.get(reverse("accounts:users"), {"q": "researcher1"}).context["page"]
    assert [u.email for u in by_text.object_list] == [researcher.email]


def test_a_person_edits_their_own_profile(client, researcher):
    client.force_login(researcher)
    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name_th": "ชื่อ ใหม่",
            "full_name_en": "New Name",
            "organisation": "เทศบาลนครลำปาง",
            "organisation_new": "on",
            "phone": "054-000000",
            "expertise_keywords": "GIS, ผังเมือง",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    researcher.refresh_from_db()
    assert researcher.keywords == ["GIS", "ผังเมือง"]
    assert researcher.preferred_language == "en"
    assert researcher.display_name == "ชื่อ ใหม่"
    assert researcher.organisation_record.name == researcher.organisation == "เทศบาลนครลำปาง"
