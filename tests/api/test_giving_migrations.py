"""The migrations of the open data keep today's data: typed organisations become records the
people link to, and the shipped municipalities get their province code and point."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0004_user_honorific")]
AFTER = [("accounts", "0006_organisations")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_typed_organisations_become_records_and_places_get_points():
    old = _migrate(BEFORE)
    User = old.get_model("accounts", "User")
    Municipality = old.get_model("accounts", "Municipality")
    User.objects.create(email="a@example.org", organisation="มหาวิทยาลัย  เชียงใหม่")
    User.objects.create(email="b@example.org", organisation="มหาวิทยาลัย เชียงใหม่")
    User.objects.create(email="c@example.org", organisation="")
    Municipality.objects.create(
        name_th="เทศบาลนครเชียงราย",
        name_en="Chiang Rai",
        type="city",
        province_th="เชียงราย",
        province_en="Chiang Rai",
        region="north",
    )
    new = _migrate(AFTER)
    User = new.get_model("accounts", "User")
    Organisation = new.get_model("accounts", "Organisation")
    Municipality = new.get_model("accounts", "Municipality")
    assert list(Organisation.objects.values_list("name", flat=True)) == ["มหาวิทยาลัย เชียงใหม่"]
    linked = dict(User.objects.values_list("email", "organisation_record__name"))
    assert linked == {
        "a@example.org": "มหาวิทยาลัย เชียงใหม่",
        "b@example.org": "มหาวิทยาลัย เชียงใหม่",
        "c@example.org": None,
    }
    assert User.objects.get(email="a@example.org").organisation == "มหาวิทยาลัย  เชียงใหม่"
    town = Municipality.objects.get(name_th="เทศบาลนครเชียงราย")
    assert town.province_code == "57" and 19 < town.latitude < 21
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to today for the other tests
