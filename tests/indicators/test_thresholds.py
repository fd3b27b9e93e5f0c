"""The programme's thresholds page: only its managers open and save it, bad values are refused
with the field named and nothing saved, every change is audited, and the dashboards and risk
signals follow at once."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from accounts.roles import Role
from indicators.demo import seed_programme
from indicators.models import Programme
from tests.factories import UserFactory
from tests.helpers import assert_access

pytestmark = pytest.mark.django_db

DATA = {
    "on_track_threshold": "85",
    "at_risk_threshold": "55",
    "spending_under_threshold": "40",
    "spending_over_threshold": "160",
}
# Everyone with a role reads the programme, so may see it is there but not change it (403);
# "mentor" and "finance" answer like every other role that does not manage the programme.
EVERY_ROLE = [role.value for role in Role] + ["mentor", "finance"]
REFUSED = {role: 403 for role in EVERY_ROLE} | {"outsider": 403, "anonymous": 302}


@pytest.fixture
def programme(manager):
    programme = seed_programme()
    programme.managers.add(manager)
    return programme


def url():
    return reverse("indicators:thresholds", args=["SLC"])


def stored():
    programme = Programme.objects.get(code="SLC")
    return {field: format(getattr(programme, field).normalize(), "f") for field in DATA}


def test_only_the_programmes_managers_open_and_save_it(client, personas, programme):
    assert_access(client, personas, url(), REFUSED | {"programme_manager": 200})
    assert_access(
        client, personas, url(), REFUSED | {"programme_manager": 302}, method="post", data=DATA
    )
    assert stored() == DATA


def test_a_manager_of_another_programme_may_not(client, programme):
    other = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    client.force_login(other)

    assert client.get(url()).status_code == 403
    assert client.post(url(), DATA).status_code == 403
    assert stored()["on_track_threshold"] == "90"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("at_risk_threshold", "90"),  # not below on track (85)
        ("spending_under_threshold", "120"),
        ("spending_over_threshold", "80"),
        ("at_risk_threshold", "-1"),
        ("on_track_threshold", "many"),
    ],
)
def test_bad_values_are_refused_with_the_field_named(client, manager, programme, field, value):
    """Every value but one is good: only that field is refused, in Thai (the default
    language), and nothing of the others is saved either."""
    client.force_login(manager)
    before = stored()

    response = client.post(url(), {**DATA, field: value})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {field}
    assert re.search("[\u0e00-\u0e7f]", response.context["form"].errors[field][0])
    assert stored() == before
    assert not AuditEntry.objects.filter(action="thresholds.changed").exists()


def test_a_change_is_audited_with_the_old_and_new_values(client, manager, programme):
    client.force_login(manager)

    client.post(url(), {**DATA, "on_track_threshold": "90", "at_risk_threshold": "60"})
    client.post(url(), DATA)

    entry = AuditEntry.objects.filter(action="thresholds.changed").latest("created_at")
    assert entry.actor == manager
    assert entry.data["on_track_threshold"] == ["90.00", "85"] or entry.data["on_track_threshold"][
        0
    ].startswith("90")
    assert set(entry.data) == set(DATA)


def test_the_dashboard_follows_the_new_thresholds(client, manager, programme):
    client.force_login(manager)
    client.post(url(), DATA)

    html = client.get(reverse("indicators:dashboard", args=["SLC"])).content.decode()

    assert "85%" in html and "55%" in html and "90%" not in html
    assert Programme.objects.get(code="SLC").spending_over_threshold == Decimal(160)
