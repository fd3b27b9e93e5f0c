"""The Django admin changes only what the app does not audit: everything written by a service
with an audit entry (calls, proposals, the framework, the review work, projects, invitations,
roles) is read-only there, for superusers too; its lists still open for staff."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from tests.factories import UserFactory
from tests.reviews.screening.builders import a_call, a_reviewer, assign, submitted

pytestmark = pytest.mark.django_db

# What the admin may still change: no service audits it.
EDITABLE = {
    "accounts.user",  # the profile and whether the account is active; not its roles
    "accounts.municipality",
    "accounts.organisation",  # names and identifiers (org-id) for open data
    "indicators.funder",
    "indicators.strategy",
    "indicators.fiscalyear",
    "indicators.programme",  # its own fields; not its objectives
}


# The project's apps (the admins of auth, allauth and mfa are theirs: a role's group is where a
# superuser takes a permission from a role).
APPS = {"accounts", "indicators", "proposals", "projects", "reviews", "reports"}


def _ours():
    return {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in APPS
    }


def _label(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


def _rights(model_admin, request, obj=None):
    return (
        model_admin.has_add_permission(request, obj)
        if isinstance(model_admin, admin.options.InlineModelAdmin)
        else model_admin.has_add_permission(request),
        model_admin.has_change_permission(request, obj),
        model_admin.has_delete_permission(request, obj),
    )


def test_the_admin_refuses_to_add_change_or_delete_what_the_app_audits(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    rights = {
        _label(model): _rights(model_admin, request) for model, model_admin in _ours().items()
    }
    inlines = {
        f"{label} › {_label(inline.model)}": _rights(inline, request)
        for model, model_admin in _ours().items()
        for label in [_label(model)]
        for inline in model_admin.get_inline_instances(request)
    }

    assert {label for label, held in rights.items() if any(held)} == EDITABLE
    assert all(held == (True, True, True) for label, held in rights.items() if label in EDITABLE)
    assert {label: held for label, held in inlines.items() if any(held)} == {}
    assert "reviews.assignment" in rights and "proposals.proposal" in rights


def test_every_list_still_opens_for_a_superuser(client, superuser):
    client.force_login(superuser)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url


def test_an_officer_reads_the_review_work_in_the_admin_but_cannot_change_it(client, officer):
    call = a_call()
    assignment = assign(submitted(call), a_reviewer())
    client.force_login(officer)

    assert client.get(reverse("admin:reviews_assignment_changelist")).status_code == 200
    change = reverse("admin:reviews_assignment_change", args=[assignment.pk])
    assert client.get(change).status_code == 200  # the read-only view
    assert client.post(change, {"state": "submitted"}).status_code == 403
    assert client.get(reverse("admin:reviews_assignment_add")).status_code == 403
    delete = reverse("admin:reviews_assignment_delete", args=[assignment.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert type(assignment).objects.get(pk=assignment.pk).state == "invited"


def test_a_superuser_edits_a_profile_but_not_its_roles_in_the_admin(client, superuser):
    person = UserFactory(email="person@example.org", roles=[Role.RESEARCHER])
    client.force_login(superuser)
    url = reverse("admin:accounts_user_change", args=[person.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if name != "password"}

    response = client.post(
        url,
        {
            **data,
            "full_name_en": "Renamed Person",
            "is_superuser": "on",
            "is_staff": "on",
            "groups": [str(Group.objects.get(name=Role.ADMINISTRATOR.value).pk)],
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    person = User.objects.get(pk=person.pk)
    assert person.full_name_en == "Renamed Person"
    assert (person.is_superuser, person.is_staff, person.role_names) == (
        False,
        False,
        {Role.RESEARCHER},
    )


def test_the_roles_groups_are_only_read_in_the_admin(client, db):
    """Groups mirror accounts/roles.py and are reset at every migrate: no edit in the admin."""
    group = Group.objects.get(name=Role.FUNDING_OFFICER)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    change = reverse("admin:auth_group_change", args=[group.pk])
    assert client.get(change).status_code == 200
    before = set(group.permissions.values_list("pk", flat=True))
    client.post(change, {"name": "renamed", "permissions": []})
    group.refresh_from_db()
    assert group.name == Role.FUNDING_OFFICER
    assert set(group.permissions.values_list("pk", flat=True)) == before
    assert client.get(reverse("admin:auth_group_add")).status_code == 403
