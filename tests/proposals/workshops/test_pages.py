"""The workshop pages: flat query counts, the forms through the pages, both languages."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from proposals.models import Registration, Workshop
from proposals.workshops import services
from tests.factories import MunicipalityFactory, UserFactory
from tests.helpers import assert_flat_queries
from tests.proposals.workshops.conftest import make_workshop

pytestmark = pytest.mark.django_db


def test_the_list_runs_as_many_queries_with_many_workshops(client, officer, programme):
    def make(n):
        for _ in range(n):
            workshop = make_workshop(programme)
            services.register(actor=UserFactory(roles=[Role.RESEARCHER]), workshop=workshop)

    assert_flat_queries(client, officer, reverse("proposals:workshop_list"), make, few=1, many=8)


def test_the_participants_list_runs_as_many_queries_with_many_people(client, officer, workshop):
    def make(n):
        for _ in range(n):
            services.register(
                actor=UserFactory(roles=[Role.RESEARCHER]),
                workshop=workshop,
                municipality=MunicipalityFactory(),
            )

    url = reverse("proposals:workshop_participants", args=[workshop.pk])
    assert_flat_queries(client, officer, url, make, few=1, many=10)


def test_the_event_page_runs_as_many_queries_with_many_invited(client, researcher, workshop):
    def make(n):
        workshop.municipalities.add(*[MunicipalityFactory() for _ in range(n)])
        services.add_material(
            actor=None, workshop=workshop, data={"title_th": "ลิงก์", "url": "https://e.org"}
        )

    assert_flat_queries(client, researcher, workshop.get_absolute_url(), make, few=1, many=10)


def test_an_officer_creates_a_workshop_with_dates_in_the_buddhist_era(client, officer, programme):
    client.force_login(officer)
    response = client.post(
        reverse("proposals:workshop_create"),
        {
            "programme": programme.pk,
            "kind": "workshop",
            "title_th": "ประชุมเชิงปฏิบัติการ",
            "title_en": "Workshop",
            "starts_on": "19/04/2567",
            "ends_on": "19/04/2567",
            "place_th": "ลำพูน",
            "registration_open": "on",
        },
    )
    workshop = Workshop.objects.get()
    assert response.status_code == 302
    assert workshop.starts_on.isoformat() == "2024-04-19"


def test_bad_dates_are_refused_in_thai_and_nothing_is_saved(client, officer, programme):
    client.force_login(officer)
    response = client.post(
        reverse("proposals:workshop_create"),
        {
            "programme": programme.pk,
            "kind": "workshop",
            "title_th": "ประชุม",
            "starts_on": "20/04/2567",
            "ends_on": "19/04/2567",
            "place_th": "ลำพูน",
        },
    )
    assert response.status_code == 200
    assert "วันสุดท้ายต้องไม่มาก่อนวันแรก" in response.content.decode()
    assert Workshop.objects.count() == 0


def test_a_researcher_registers_then_cancels_through_the_page(
    client, researcher, workshop, proposal, municipality
):
    client.force_login(researcher)
    page = client.get(workshop.get_absolute_url()).content.decode()
    assert "ลงทะเบียน" in page
    client.post(
        reverse("proposals:workshop_register", args=[workshop.pk]),
        {"municipality": municipality.pk, "proposal": proposal.pk},
    )
    registration = Registration.objects.get()
    assert (registration.municipality, registration.proposal) == (municipality, proposal)
    client.post(reverse("proposals:workshop_cancel", args=[workshop.pk]))
    assert Registration.objects.count() == 0


def test_a_full_workshop_says_so(client, researcher, programme):
    workshop = make_workshop(programme, capacity=1)
    services.register(actor=UserFactory(roles=[Role.RESEARCHER]), workshop=workshop)
    client.force_login(researcher)
    response = client.post(reverse("proposals:workshop_register", args=[workshop.pk]), follow=True)
    assert "เต็ม" in response.content.decode()
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "words"),
    [("th", "การประชุมเชิงปฏิบัติการและการลงพื้นที่"), ("en", "Workshops and field visits")],
)
def test_the_list_reads_in_both_languages(client, workshop, language, words):
    response = client.get(reverse("proposals:workshop_list"), HTTP_ACCEPT_LANGUAGE=language)
    assert words in response.content.decode()


def test_the_call_page_lists_its_workshops(client, programme):
    from tests.factories import CallFactory

    call = CallFactory(parts=True)
    make_workshop(programme, call=call, title_th="คลินิกข้อเสนอ")
    page = client.get(call.get_absolute_url()).content.decode()
    assert "การประชุมเชิงปฏิบัติการสำหรับประกาศทุนนี้" in page and "คลินิกข้อเสนอ" in page
