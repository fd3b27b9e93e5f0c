"""Pages of technology adoption: the matrix of cities × technologies, one city's row, one
technology's column (where it is used), and an officer's record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.models import Municipality
from core.forms import invalid_fields_message
from indicators.models import Programme, Technology
from projects.adoption import rules, selectors, services
from projects.adoption.forms import MatrixFilter, RecordForm
from projects.models import AdoptionStage


def _context(request, **extra):
    return {"stages": AdoptionStage, "can_record": rules.can_record_adoption(request.user), **extra}


def matrix(request):
    form = MatrixFilter(request.GET or None)
    kind = dimension = ""
    if form.is_valid():
        kind, dimension = form.cleaned_data["kind"], form.cleaned_data["dimension"]
    _cities, techs, rows = selectors.matrix(kind=kind, dimension=dimension)
    return render(
        request,
        "projects/adoption/matrix.html",
        _context(
            request,
            form=form,
            technologies=techs,
            rows=rows,
            # The Excel export is a document of the catalogue, per programme, for staff.
            programmes=Programme.objects.all()
            if request.user.is_authenticated and request.user.holds_staff_role
            else [],
            query=request.GET.urlencode(),
        ),
    )


def municipality(request, pk):
    city = get_object_or_404(Municipality, pk=pk)
    _cities, techs, rows = selectors.matrix(municipalities=[city])
    cells = [(tech, cell) for tech, cell in zip(techs, rows[0][1], strict=True)]
    return render(
        request,
        "projects/adoption/municipality.html",
        _context(request, municipality=city, cells=cells),
    )


def technology(request, pk):
    tech = get_object_or_404(Technology.objects.prefetch_related("dimensions"), pk=pk)
    return render(
        request,
        "projects/adoption/technology.html",
        _context(request, technology=tech, adoptions=selectors.where_used(tech)),
    )


@login_required
def record(request):
    if not rules.can_record_adoption(request.user):
        raise PermissionDenied
    form = RecordForm(request.POST or None, initial=request.GET.dict() or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                adoption = services.record_stage(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("The stage is recorded."))
                return redirect("projects:adoption_municipality", pk=adoption.municipality_id)
        messages.error(request, invalid_fields_message(form))
    return render(request, "projects/adoption/record.html", {"form": form})
