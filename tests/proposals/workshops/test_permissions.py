"""Each page and action of workshops, for each role, an outsider and an anonymous visitor."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from proposals.models import Registration, WorkshopMaterial
from proposals.workshops import services
from tests.helpers import assert_access

pytestmark = pytest.mark.django_db

LOGIN = 302
ROLES = [role.value for role in Role]


def table(default, **answers):
    return {**{name: default for name in [*ROLES, "outsider"]}, "anonymous": LOGIN, **answers}


def everyone(status=200):
    return {name: status for name in [*ROLES, "outsider", "anonymous"]}


STAFF = table(403, funding_officer=200, programme_manager=200)


def test_the_list_and_an_event_are_public(client, personas, workshop):
    assert_access(client, personas, reverse("proposals:workshop_list"), everyone())
    assert_access(client, personas, workshop.get_absolute_url(), everyone())


def test_only_officers_and_managers_create_workshops(client, personas, programme):
    assert_access(client, personas, reverse("proposals:workshop_create"), STAFF)


@pytest.mark.parametrize("name", ["proposals:workshop_edit", "proposals:workshop_participants"])
def test_the_staff_pages_of_an_event(client, personas, workshop, name):
    assert_access(client, personas, reverse(name, args=[workshop.pk]), STAFF)


def test_a_manager_of_another_programme_may_not_run_its_workshops(client, personas, workshop):
    workshop.programme.managers.clear()
    expected = table(403, funding_officer=200)
    url = reverse("proposals:workshop_participants", args=[workshop.pk])
    assert_access(client, personas, url, expected)


def test_the_participants_list_is_not_on_the_public_page(client, researcher, officer, workshop):
    services.register(actor=researcher, workshop=workshop)
    client.force_login(officer)
    other = client.get(workshop.get_absolute_url()).content.decode()
    assert researcher.email not in other
    page = client.get(reverse("proposals:workshop_participants", args=[workshop.pk]))
    assert researcher.email in page.content.decode()


def test_only_researchers_register(client, personas, workshop):
    url = reverse("proposals:workshop_register", args=[workshop.pk])
    expected = table(403, researcher=302)
    assert_access(client, personas, url, expected, method="post")
    assert list(Registration.objects.values_list("person__email", flat=True)) == [
        personas["researcher"].email
    ]


def test_recording_attendance_is_for_staff(client, personas, workshop, researcher):
    registration = services.register(actor=researcher, workshop=workshop)
    url = reverse("proposals:workshop_participants", args=[workshop.pk])
    expected = table(403, funding_officer=302, programme_manager=302)
    assert_access(client, personas, url, expected, method="post", data={"came": [registration.pk]})
    registration.refresh_from_db()
    assert registration.attended


def test_adding_a_material_is_for_staff(client, personas, workshop):
    url = reverse("proposals:workshop_material_add", args=[workshop.pk])
    data = {"title_th": "สไลด์", "url": "https://example.org/slides"}
    assert_access(
        client, personas, url, table(403, funding_officer=302, programme_manager=302), "post", data
    )
    assert WorkshopMaterial.objects.filter(workshop=workshop).count() == 2


def test_the_team_page_of_workshops_attended(client, personas, proposal):
    url = reverse("proposals:proposal_workshops", args=[proposal.pk])
    expected = table(404, researcher=200, funding_officer=200, programme_manager=200)
    assert_access(client, personas, url, expected)


def test_only_the_team_records_the_workshops_attended(client, personas, proposal, workshop):
    url = reverse("proposals:proposal_workshops", args=[proposal.pk])
    expected = table(404, researcher=302, funding_officer=403, programme_manager=403)
    assert_access(client, personas, url, expected, "post", {"workshops": [workshop.pk]})
    assert list(proposal.attended_workshops.values_list("workshop", flat=True)) == [workshop.pk]
