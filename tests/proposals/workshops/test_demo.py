"""The demo's incubation events: the Lamphun workshop of 19 April 2567 and its field visit,
made through the services, and a clinic for the open call that takes registrations."""

import datetime

import pytest
from django.core.management import call_command

from accounts.models import AuditEntry
from proposals.models import AttendedWorkshop, Registration, Workshop, WorkshopKind
from tests.helpers import demo_day

pytestmark = pytest.mark.django_db


def counts():
    return [
        model.objects.count() for model in (Workshop, Registration, AttendedWorkshop, AuditEntry)
    ]


def test_the_demo_has_the_lamphun_workshop_and_field_visit(settings, tmp_path, monkeypatch):
    demo_day(monkeypatch, "4 Dec 2569")
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", verbosity=0)
    first = counts()
    call_command("seed_demo", verbosity=0)
    assert counts()[:3] == first[:3]
    lamphun_day = datetime.date(2024, 4, 19)
    events = Workshop.objects.filter(starts_on=lamphun_day).order_by("kind")
    assert [event.kind for event in events] == [WorkshopKind.FIELD_VISIT, WorkshopKind.WORKSHOP]
    assert all(event.municipalities.count() == 16 for event in events)
    assert all(row.attended for row in Registration.objects.filter(workshop__in=events))
    submitted = AttendedWorkshop.objects.values_list("proposal__state", flat=True).distinct()
    assert set(submitted) == {"submitted"}
    assert AuditEntry.objects.filter(action="workshop.created").count() == 3
    clinic = Workshop.objects.exclude(starts_on=lamphun_day).get()
    assert clinic.registration_open and not clinic.is_past
    assert clinic.call is not None and clinic.call.is_open
