"""Pages of workshops: a public list and page per event, the staff's form and participants'
list, and the team's list of workshops it attended."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import Role
from core.forms import invalid_fields_message
from indicators.models import Programme
from proposals.models import AttendedWorkshop, Workshop, WorkshopMaterial
from proposals.workshops import rules, selectors, services
from proposals.workshops.forms import (
    AttendedWorkshopsForm,
    CheckInForm,
    MaterialForm,
    RegistrationForm,
    WorkshopForm,
)
from proposals.writing.selectors import visible_proposal


def _refusal(error):
    return " ".join(error.messages)


def workshop_list(request):
    return render(
        request,
        "proposals/workshops/list.html",
        {
            "workshops": selectors.workshop_list(),
            "can_manage": rules.can_manage_workshops(request.user),
        },
    )


def workshop_detail(request, pk):
    workshop = get_object_or_404(selectors.workshop_for_page(), pk=pk)
    registration = selectors.registration_of(workshop, request.user)
    can_register = rules.can_register(request.user)
    return render(
        request,
        "proposals/workshops/detail.html",
        {
            "workshop": workshop,
            "registration": registration,
            "can_manage": rules.can_manage_workshop(request.user, workshop),
            "can_register": can_register,
            "places_left": (
                None
                if workshop.capacity is None
                else max(workshop.capacity - workshop.registered_count, 0)
            ),
            "registration_form": (
                RegistrationForm(workshop=workshop, user=request.user)
                if can_register and registration is None
                else None
            ),
            "check_in_form": CheckInForm() if registration and workshop.is_today else None,
        },
    )


def _programmes(user):
    """The programmes whose workshops `user` runs."""
    if user.has_role(Role.FUNDING_OFFICER):
        return Programme.objects.all()
    return Programme.objects.filter(managers=user)


def _managed(request, pk):
    workshop = get_object_or_404(Workshop.objects.select_related("programme"), pk=pk)
    if not rules.can_manage_workshop(request.user, workshop):
        raise PermissionDenied
    return workshop


def _save(request, form, save):
    """Run `save` (a service call); a refusal becomes the form's error and nothing is kept."""
    try:
        return save()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


@login_required
def workshop_create(request):
    if not rules.can_manage_workshops(request.user):
        raise PermissionDenied
    form = WorkshopForm(request.POST or None, programmes=_programmes(request.user))
    if request.method == "POST" and form.is_valid():
        workshop = _save(
            request,
            form,
            lambda: services.create_workshop(
                actor=request.user,
                data=form.cleaned_data,
                municipalities=form.cleaned_data["municipalities"],
                teams=form.cleaned_data["teams"],
            ),
        )
        if workshop is not None:
            messages.success(request, _("The workshop is saved."))
            return redirect("proposals:workshop_edit", pk=workshop.pk)
    if request.method == "POST":
        messages.error(request, invalid_fields_message(form))
    return render(request, "proposals/workshops/form.html", {"form": form, "workshop": None})


@login_required
def workshop_edit(request, pk):
    workshop = _managed(request, pk)
    form = WorkshopForm(
        request.POST or None, instance=workshop, programmes=_programmes(request.user)
    )
    if request.method == "POST" and form.is_valid():
        saved = _save(
            request,
            form,
            lambda: services.update_workshop(
                actor=request.user,
                workshop=workshop,
                data=form.cleaned_data,
                municipalities=form.cleaned_data["municipalities"],
                teams=form.cleaned_data["teams"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The workshop is saved."))
            return redirect("proposals:workshop_edit", pk=workshop.pk)
    if request.method == "POST":
        messages.error(request, invalid_fields_message(form))
        workshop.refresh_from_db()
    return render(
        request,
        "proposals/workshops/form.html",
        {
            "form": form,
            "workshop": workshop,
            "materials": list(workshop.materials.all()),
            "material_form": MaterialForm(),
        },
    )


@login_required
@require_POST
def material_add(request, pk):
    workshop = _managed(request, pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        material = _save(
            request,
            form,
            lambda: services.add_material(
                actor=request.user,
                workshop=workshop,
                data={name: form.cleaned_data[name] for name in form.Meta.fields},
            ),
        )
        if material is not None:
            messages.success(request, _("The material is added."))
            return redirect("proposals:workshop_edit", pk=workshop.pk)
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("proposals:workshop_edit", pk=workshop.pk)


@login_required
@require_POST
def material_remove(request, pk, material_pk):
    workshop = _managed(request, pk)
    material = get_object_or_404(WorkshopMaterial, workshop=workshop, pk=material_pk)
    services.remove_material(actor=request.user, material=material)
    messages.success(request, _("The material is removed."))
    return redirect("proposals:workshop_edit", pk=workshop.pk)


def material_download(request, pk, material_pk):
    material = get_object_or_404(WorkshopMaterial, workshop_id=pk, pk=material_pk)
    if not material.file:
        raise Http404
    try:
        handle = material.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=material.filename)


@login_required
def participants(request, pk):
    """Who registered, with a tick for who came: staff only."""
    workshop = _managed(request, pk)
    if request.method == "POST":
        try:
            services.record_attendance(
                actor=request.user, workshop=workshop, came=request.POST.getlist("came")
            )
        except (ValidationError, ValueError) as error:
            message = _refusal(error) if isinstance(error, ValidationError) else str(error)
            messages.error(request, _("Nothing was saved: %(why)s") % {"why": message})
        else:
            messages.success(request, _("Attendance is saved."))
        return redirect("proposals:workshop_participants", pk=workshop.pk)
    return render(
        request,
        "proposals/workshops/participants.html",
        {"workshop": workshop, "registrations": selectors.registrations_of(workshop)},
    )


@login_required
@require_POST
def register(request, pk):
    workshop = get_object_or_404(Workshop, pk=pk)
    if not rules.can_register(request.user):
        raise PermissionDenied
    form = RegistrationForm(request.POST, workshop=workshop, user=request.user)
    if not form.is_valid():
        messages.error(request, invalid_fields_message(form))
        return redirect(workshop)
    try:
        services.register(
            actor=request.user,
            workshop=workshop,
            municipality=form.cleaned_data["municipality"],
            proposal=form.cleaned_data["proposal"],
        )
    except ValidationError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(request, _("You are registered."))
    return redirect(workshop)


@login_required
@require_POST
def cancel(request, pk):
    workshop = get_object_or_404(Workshop, pk=pk)
    try:
        services.cancel_registration(actor=request.user, workshop=workshop)
    except ValidationError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(workshop)


@login_required
@require_POST
def check_in(request, pk):
    workshop = get_object_or_404(Workshop, pk=pk)
    form = CheckInForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Type the code shown in the room."))
        services.check_in(actor=request.user, workshop=workshop, code=form.cleaned_data["code"])
    except ValidationError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(request, _("Your attendance is recorded. Welcome!"))
    return redirect(workshop)


@login_required
def proposal_workshops(request, pk):
    """The workshops the proposal's team attended: the team records them while it edits."""
    proposal = visible_proposal(request.user, pk)
    can_record = rules.can_record_attended_workshops(request.user, proposal)
    available = selectors.workshops_for_proposal(proposal)
    attended = AttendedWorkshop.objects.filter(proposal=proposal).values_list("workshop", flat=True)
    form = AttendedWorkshopsForm(
        request.POST or None, workshops=available, initial={"workshops": list(attended)}
    )
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            services.record_attended_workshops(
                actor=request.user, proposal=proposal, workshops=form.cleaned_data["workshops"]
            )
            messages.success(request, _("The workshops attended are saved."))
            return redirect("proposals:proposal_workshops", pk=proposal.pk)
        messages.error(request, invalid_fields_message(form))
    recorded = AttendedWorkshop.objects.filter(proposal=proposal).select_related("workshop")
    came = selectors.team_attendance(proposal)
    return render(
        request,
        "proposals/workshops/proposal.html",
        {
            "proposal": proposal,
            "form": form,
            "can_record": can_record,
            "recorded": [row.workshop for row in recorded],
            "came": came,
        },
    )
