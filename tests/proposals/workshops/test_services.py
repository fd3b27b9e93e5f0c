"""The writes of workshops: places, dates, codes and the programme are checked, a refusal
saves nothing, and every write leaves one audit entry."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import AuditEntry
from accounts.notifications.services import notifications_for
from accounts.roles import Role
from proposals.models import AttendedWorkshop, Registration, Workshop
from proposals.workshops import services
from tests.factories import CallFactory, ProposalFactory, UserFactory
from tests.helpers import freeze_now
from tests.proposals.workshops.conftest import make_workshop, other_programme

pytestmark = pytest.mark.django_db


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def test_create_refuses_an_end_before_the_start_and_saves_nothing(officer, programme):
    day = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.create_workshop(
            actor=officer,
            data={
                "programme": programme,
                "title_th": "ก",
                "title_en": "A",
                "starts_on": day,
                "ends_on": day - datetime.timedelta(days=1),
                "place_th": "ลำพูน",
            },
        )
    assert "ends_on" in error.value.error_dict
    assert Workshop.objects.count() == 0
    assert actions() == []


def test_create_refuses_teams_of_another_programme(officer, programme):
    other = other_programme(programme)
    stranger = ProposalFactory(call=CallFactory(programme=other))
    day = timezone.localdate()
    data = {
        "programme": programme,
        "title_th": "ก",
        "starts_on": day,
        "ends_on": day,
        "place_th": "ลำพูน",
    }
    with pytest.raises(ValidationError):
        services.create_workshop(actor=officer, data=data, teams=[stranger])
    assert Workshop.objects.count() == 0


def test_registration_counts_places_and_tells_the_person(
    researcher, programme, django_capture_on_commit_callbacks
):
    workshop = make_workshop(programme, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(actor=researcher, workshop=workshop)
    assert registration.person == researcher
    assert actions() == ["workshop.registered"]
    assert notifications_for(researcher).count() == 1
    second = UserFactory(roles=[Role.RESEARCHER])
    with pytest.raises(ValidationError, match="ที่นั่งเต็ม"):
        services.register(actor=second, workshop=workshop)
    assert Registration.objects.count() == 1
    with pytest.raises(ValidationError, match="ลงทะเบียนเข้าร่วมการประชุมนี้แล้ว"):
        services.register(actor=researcher, workshop=workshop)


@pytest.mark.parametrize("fields", [{"registration_open": False}, {"days_ahead": -3}])
def test_registration_is_refused_when_closed_or_past(researcher, programme, fields):
    workshop = make_workshop(programme, **fields)
    with pytest.raises(ValidationError, match="ปิดรับลงทะเบียน"):
        services.register(actor=researcher, workshop=workshop)
    assert Registration.objects.count() == 0
    assert actions() == []


def test_a_proposal_of_another_programme_is_refused(researcher, programme):
    other = other_programme(programme)
    stranger = ProposalFactory(call=CallFactory(programme=other), lead=researcher)
    workshop = make_workshop(programme)
    with pytest.raises(ValidationError):
        services.register(actor=researcher, workshop=workshop, proposal=stranger)
    assert Registration.objects.count() == 0


def test_check_in_needs_the_code_and_the_day(monkeypatch, researcher, programme):
    workshop = make_workshop(programme, days_ahead=2)
    services.register(actor=researcher, workshop=workshop)
    with pytest.raises(ValidationError, match="เฉพาะในวันที่จัดประชุม"):
        services.check_in(actor=researcher, workshop=workshop, code=workshop.attendance_code)
    freeze_now(monkeypatch, timezone.now() + datetime.timedelta(days=2))
    with pytest.raises(ValidationError):
        services.check_in(actor=researcher, workshop=workshop, code="WRONG1")
    assert not Registration.objects.get().attended
    services.check_in(
        actor=researcher, workshop=workshop, code=f" {workshop.attendance_code.lower()} "
    )
    row = Registration.objects.get()
    assert row.attended and row.attendance_by_code
    assert actions() == ["workshop.registered", "workshop.checked_in"]


def test_staff_record_who_came_and_who_did_not(officer, researcher, programme):
    workshop = make_workshop(programme)
    other = UserFactory(roles=[Role.RESEARCHER])
    first = services.register(actor=researcher, workshop=workshop)
    second = services.register(actor=other, workshop=workshop)
    services.record_attendance(actor=officer, workshop=workshop, came=[first.pk])
    first.refresh_from_db(), second.refresh_from_db()
    assert first.attended and not second.attended
    services.record_attendance(actor=officer, workshop=workshop, came=[second.pk])
    first.refresh_from_db(), second.refresh_from_db()
    assert not first.attended and second.attended
    entry = AuditEntry.objects.filter(action="workshop.attendance_recorded").last()
    assert entry.data == {"came": 1, "absent": 1}


def test_attendance_of_someone_not_registered_is_refused(officer, researcher, programme):
    workshop = make_workshop(programme)
    elsewhere = services.register(actor=researcher, workshop=make_workshop(programme))
    with pytest.raises(ValidationError):
        services.record_attendance(actor=officer, workshop=workshop, came=[elsewhere.pk])
    assert actions() == ["workshop.registered"]


def test_lowering_the_places_below_the_registered_is_refused(officer, researcher, programme):
    workshop = make_workshop(programme, capacity=5)
    services.register(actor=researcher, workshop=workshop)
    services.register(actor=UserFactory(roles=[Role.RESEARCHER]), workshop=workshop)
    with pytest.raises(ValidationError):
        services.update_workshop(actor=officer, workshop=workshop, data={"capacity": 1})
    workshop.refresh_from_db()
    assert workshop.capacity == 5


def test_cancel_keeps_a_recorded_attendance(officer, researcher, programme):
    workshop = make_workshop(programme)
    registration = services.register(actor=researcher, workshop=workshop)
    services.record_attendance(actor=officer, workshop=workshop, came=[registration.pk])
    with pytest.raises(ValidationError):
        services.cancel_registration(actor=researcher, workshop=workshop)
    assert Registration.objects.count() == 1


def test_the_team_records_workshops_of_its_programme_only(researcher, proposal, programme):
    mine = make_workshop(programme)
    other = other_programme(programme)
    theirs = make_workshop(other)
    with pytest.raises(ValidationError):
        services.record_attended_workshops(
            actor=researcher, proposal=proposal, workshops=[mine, theirs]
        )
    assert AttendedWorkshop.objects.count() == 0
    services.record_attended_workshops(actor=researcher, proposal=proposal, workshops=[mine])
    services.record_attended_workshops(actor=researcher, proposal=proposal, workshops=[mine])
    assert actions() == ["proposal.workshops_recorded"]
