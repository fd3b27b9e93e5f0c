"""Writes of workshops: each in one transaction, with row locks and one audit entry.

Who may call them is checked by the views (proposals/workshops/rules.py); the services check
what the data must satisfy (places left, registration open, the right code, the same
programme), so that a refused write saves nothing.
"""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from proposals.models import (
    AttendedWorkshop,
    Proposal,
    Registration,
    Workshop,
    WorkshopMaterial,
)
from proposals.workshops import notices


def _describe_attendance(data):
    return _("Came: %(came)s. Did not come: %(absent)s.") % {
        "came": data.get("came", 0),
        "absent": data.get("absent", 0),
    }


AUDIT_ACTIONS = [
    ("workshop.created", gettext_lazy("Workshop created"), None),
    ("workshop.changed", gettext_lazy("Workshop changed"), None),
    ("workshop.registered", gettext_lazy("Registered for a workshop"), None),
    ("workshop.participant_added", gettext_lazy("Participant added by staff"), None),
    ("workshop.registration_cancelled", gettext_lazy("Workshop registration cancelled"), None),
    ("workshop.checked_in", gettext_lazy("Attendance recorded with the room's code"), None),
    (
        "workshop.attendance_recorded",
        gettext_lazy("Workshop attendance recorded"),
        _describe_attendance,
    ),
    ("workshop.material_added", gettext_lazy("Workshop material added"), None),
    ("workshop.material_removed", gettext_lazy("Workshop material removed"), None),
    ("proposal.workshops_recorded", gettext_lazy("Workshops attended recorded"), None),
]

FIELDS = [
    "programme",
    "call",
    "kind",
    "title_th",
    "title_en",
    "starts_on",
    "ends_on",
    "place_th",
    "place_en",
    "agenda_th",
    "agenda_en",
    "capacity",
    "registration_open",
    "outcome_th",
    "outcome_en",
]


def _set_invited(workshop, municipalities, teams):
    programme_id = workshop.programme_id
    strangers = [team for team in teams if team.call.programme_id != programme_id]
    if strangers:
        raise ValidationError({"teams": _("Only teams of this programme's calls can be invited.")})
    workshop.municipalities.set(municipalities)
    workshop.teams.set(teams)


@transaction.atomic
def create_workshop(*, actor, data, municipalities=(), teams=()):
    """A new workshop or field visit from validated `data` (the fields in FIELDS)."""
    workshop = Workshop(**{name: data[name] for name in FIELDS if name in data})
    workshop.full_clean()
    workshop.save()
    _set_invited(workshop, municipalities, teams)
    audit.record(actor=actor, action="workshop.created", obj=workshop)
    return workshop


@transaction.atomic
def update_workshop(*, actor, workshop, data, municipalities=(), teams=()):
    """Save the workshop's fields and who is invited; the programme does not change."""
    locked = Workshop.objects.select_for_update().get(pk=workshop.pk)
    changed = []
    for name in FIELDS:
        if name in data and name != "programme" and getattr(locked, name) != data[name]:
            setattr(locked, name, data[name])
            changed.append(name)
    capacity = locked.capacity
    if capacity is not None and locked.registrations.count() > capacity:
        raise ValidationError(
            {"capacity": _("More people have registered than this: raise the number of places.")}
        )
    locked.full_clean()
    locked.save()
    before = (
        set(locked.municipalities.values_list("pk", flat=True)),
        set(locked.teams.values_list("pk", flat=True)),
    )
    _set_invited(locked, municipalities, teams)
    after = ({m.pk for m in municipalities}, {t.pk for t in teams})
    if before != after:
        changed.append("invited")
    if changed:
        audit.record(actor=actor, action="workshop.changed", obj=locked, data={"fields": changed})
    return locked


def _locked(workshop):
    return Workshop.objects.select_for_update().get(pk=workshop.pk)


@transaction.atomic
def register(*, actor, workshop, municipality=None, proposal=None):
    """Register `actor` while registration is open, the workshop has not ended and places are
    left; the places are counted under the workshop's row lock, so two people cannot take the
    last one."""
    locked = _locked(workshop)
    if not locked.registration_open or locked.is_past:
        raise ValidationError(_("Registration for this workshop is closed."))
    if Registration.objects.filter(workshop=locked, person=actor).exists():
        raise ValidationError(_("You are already registered for this workshop."))
    if locked.capacity is not None and locked.registrations.count() >= locked.capacity:
        raise ValidationError(_("The workshop is full: no place is left."))
    if proposal is not None and proposal.call.programme_id != locked.programme_id:
        raise ValidationError({"proposal": _("This proposal is not in the workshop's programme.")})
    registration = Registration.objects.create(
        workshop=locked, person=actor, municipality=municipality, proposal=proposal
    )
    audit.record(
        actor=actor,
        action="workshop.registered",
        obj=locked,
        data={"person": actor.email},
    )
    transaction.on_commit(partial(notices.registered, registration))
    return registration


@transaction.atomic
def add_participant(*, actor, workshop, person, municipality=None, proposal=None):
    """Staff put someone on the list (who came without registering, or an event entered after
    it took place): the places still count, the dates and the open registration do not."""
    locked = _locked(workshop)
    if Registration.objects.filter(workshop=locked, person=person).exists():
        raise ValidationError(_("This person is already on the list."))
    if locked.capacity is not None and locked.registrations.count() >= locked.capacity:
        raise ValidationError(_("The workshop is full: no place is left."))
    if proposal is not None and proposal.call.programme_id != locked.programme_id:
        raise ValidationError({"proposal": _("This proposal is not in the workshop's programme.")})
    registration = Registration.objects.create(
        workshop=locked, person=person, municipality=municipality, proposal=proposal
    )
    audit.record(
        actor=actor, action="workshop.participant_added", obj=locked, data={"person": person.email}
    )
    return registration


@transaction.atomic
def cancel_registration(*, actor, workshop):
    """Take back one's own registration before the workshop has ended."""
    locked = _locked(workshop)
    registration = (
        Registration.objects.select_for_update().filter(workshop=locked, person=actor).first()
    )
    if registration is None:
        raise ValidationError(_("You are not registered for this workshop."))
    if locked.is_past or registration.attended:
        raise ValidationError(_("Your attendance is recorded: the registration stays."))
    registration.delete()
    audit.record(
        actor=actor,
        action="workshop.registration_cancelled",
        obj=locked,
        data={"person": actor.email},
    )


@transaction.atomic
def check_in(*, actor, workshop, code):
    """A registered participant records that they came, with the code shown in the room, on
    the workshop's days only."""
    locked = _locked(workshop)
    registration = (
        Registration.objects.select_for_update().filter(workshop=locked, person=actor).first()
    )
    if registration is None:
        raise ValidationError(_("Register for the workshop first."))
    if not locked.is_today:
        raise ValidationError(_("Attendance is recorded only on the workshop's days."))
    if (code or "").strip().upper() != locked.attendance_code:
        raise ValidationError({"code": _("This is not the code shown in the room.")})
    if registration.attended:
        return registration
    registration.attended_at = timezone.now()
    registration.attendance_by_code = True
    registration.save(update_fields=["attended_at", "attendance_by_code"])
    audit.record(
        actor=actor, action="workshop.checked_in", obj=locked, data={"person": actor.email}
    )
    return registration


@transaction.atomic
def record_attendance(*, actor, workshop, came):
    """Staff tick who came: the registrations whose ids are in `came` are present (keeping
    the time first recorded), the others absent."""
    locked = _locked(workshop)
    came = {int(pk) for pk in came}
    rows = list(Registration.objects.select_for_update().filter(workshop=locked))
    unknown = came - {row.pk for row in rows}
    if unknown:
        raise ValidationError(_("Someone ticked is not registered for this workshop."))
    now = timezone.now()
    changed = []
    for row in rows:
        present = row.pk in came
        if present and not row.attended:
            row.attended_at, row.attendance_by_code = now, False
            changed.append(row)
        elif not present and row.attended:
            row.attended_at, row.attendance_by_code = None, False
            changed.append(row)
    Registration.objects.bulk_update(changed, ["attended_at", "attendance_by_code"])
    audit.record(
        actor=actor,
        action="workshop.attendance_recorded",
        obj=locked,
        data={"came": len(came), "absent": len(rows) - len(came)},
    )


@transaction.atomic
def add_material(*, actor, workshop, data):
    """A file or a link shared at the workshop."""
    locked = _locked(workshop)
    material = WorkshopMaterial(workshop=locked, **data)
    if not material.file and not material.url:
        raise ValidationError(_("Give a file or a link."))
    material.full_clean()
    material.save()
    audit.record(
        actor=actor, action="workshop.material_added", obj=locked, data={"title": material.title_th}
    )
    return material


@transaction.atomic
def remove_material(*, actor, material):
    locked = _locked(material.workshop)
    title = material.title_th
    WorkshopMaterial.objects.filter(pk=material.pk, workshop=locked).delete()
    audit.record(actor=actor, action="workshop.material_removed", obj=locked, data={"title": title})


@transaction.atomic
def record_attended_workshops(*, actor, proposal, workshops):
    """The workshops of the proposal's programme its team attended, replacing the list."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    programme_id = locked.call.programme_id
    if any(workshop.programme_id != programme_id for workshop in workshops):
        raise ValidationError(_("Only workshops of the proposal's programme can be recorded."))
    wanted = {workshop.pk for workshop in workshops}
    have = set(AttendedWorkshop.objects.filter(proposal=locked).values_list("workshop", flat=True))
    if wanted == have:
        return
    AttendedWorkshop.objects.filter(proposal=locked).exclude(workshop__in=wanted).delete()
    AttendedWorkshop.objects.bulk_create(
        [AttendedWorkshop(proposal=locked, workshop_id=pk) for pk in sorted(wanted - have)]
    )
    audit.record(
        actor=actor,
        action="proposal.workshops_recorded",
        obj=locked,
        data={"workshops": sorted(wanted)},
    )
