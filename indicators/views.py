from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators import catalogue, locks, rules, selectors, services
from indicators.cache import FIGURES
from indicators.forms import (
    THRESHOLD_FIELDS,
    IndicatorForm,
    LetterheadForm,
    ObjectiveForm,
    OutputTypeFormSet,
    TargetsForm,
    TechnologyForm,
    ThresholdsForm,
)
from indicators.letters import letterhead_of
from indicators.models import Indicator, Objective, OutputType, Programme, Technology
from indicators.models.letters import LETTERHEAD_FIELDS
from indicators.rollup import combined_target

OBJECTIVE_FIELDS = ["code", "position", "name_th", "name_en", "description_th", "description_en"]
INDICATOR_FIELDS = [
    "objective_id",
    "code",
    "position",
    "name_th",
    "name_en",
    "definition_th",
    "definition_en",
    "unit_th",
    "unit_en",
    "value_type",
    "aggregation",
    "direction",
    "baseline_value",
    "baseline_year",
    "per_municipality",
    "targets_cumulative",
]
TECHNOLOGY_FIELDS = [
    "name_th",
    "name_en",
    "kind",
    "description_th",
    "description_en",
    "origin",
    "is_active",
]


def _programme_to_read(request, code):
    if not rules.can_view_framework(request.user):
        raise PermissionDenied
    # The page names the funder and the strategy.
    return get_object_or_404(Programme.objects.select_related("funder", "strategy"), code=code)


def _programme_to_edit(request, code):
    programme = get_object_or_404(Programme, code=code)
    if not rules.can_edit_framework(request.user, programme):
        raise PermissionDenied
    return programme


@login_required
def programme_list(request):
    if not rules.can_view_framework(request.user):
        raise PermissionDenied
    return render(request, "indicators/programme_list.html", {"programmes": selectors.programmes()})


def _framework_of(programme):
    """(fiscal years, objectives with their indicators, each with its `target_row` per year
    and `all_years`, years to fill) of the programme page."""
    years = selectors.fiscal_years(programme)
    objectives = list(selectors.framework(programme, technologies=False))
    indicators = [i for objective in objectives for i in objective.indicators.all()]
    for indicator in indicators:
        by_year = {t.fiscal_year_id: t.value for t in indicator.targets.all()}
        indicator.target_row = [by_year.get(year.pk) for year in years]
        indicator.all_years = combined_target(indicator, indicator.target_row)
    return years, objectives, selectors.years_to_fill(years, indicators)


@login_required
def programme_detail(request, code):
    programme = _programme_to_read(request, code)
    # Kept with the KPI figures, whose version every change to the framework replaces
    # (indicators.cache); the same for every reader.
    years, objectives, years_to_fill = FIGURES.get_or_compute(
        programme.pk, ("framework",), lambda: _framework_of(programme)
    )
    return render(
        request,
        "indicators/programme_detail.html",
        {
            "programme": programme,
            "years": years,
            "years_to_fill": years_to_fill,
            "objectives": objectives,
            "can_edit": rules.can_edit_framework(request.user, programme),
        },
    )


@login_required
def letterhead(request, code):
    """How the programme's official letters are headed and signed."""
    programme = _programme_to_edit(request, code)
    form = LetterheadForm(request.POST or None, instance=letterhead_of(programme))
    if request.method == "POST" and form.is_valid():
        services.save_with_audit(
            actor=request.user, instance=form.instance, fields=LETTERHEAD_FIELDS,
            action="letterhead",
        )  # fmt: skip
        messages.success(request, _("The letterhead of %(code)s is saved.") % {"code": code})
        return redirect("indicators:programme_detail", code=programme.code)
    context = {"programme": programme, "form": form}
    return render(request, "indicators/letterhead_form.html", context)


@login_required
def thresholds(request, code):
    """The programme's thresholds of achievement (dashboards) and of spending (risk signals)."""
    programme = _programme_to_edit(request, code)
    form = ThresholdsForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        services.save_with_audit(
            actor=request.user, instance=form.instance, fields=THRESHOLD_FIELDS,
            action="thresholds",
        )  # fmt: skip
        messages.success(request, _("The thresholds of %(code)s are saved.") % {"code": code})
        return redirect("indicators:programme_detail", code=programme.code)
    return render(
        request, "indicators/thresholds_form.html", {"programme": programme, "form": form}
    )


@login_required
def objective_edit(request, code, pk=None):
    programme = _programme_to_edit(request, code)
    objective = get_object_or_404(Objective, programme=programme, pk=pk) if pk else None
    form = ObjectiveForm(request.POST or None, instance=objective, programme=programme)
    if request.method == "POST" and form.is_valid():
        services.save_with_audit(
            actor=request.user,
            instance=form.instance,
            fields=OBJECTIVE_FIELDS,
            action="objective",
        )
        messages.success(request, _("Objective %(code)s saved.") % {"code": form.instance.code})
        return redirect("indicators:programme_detail", code=programme.code)
    return render(
        request,
        "indicators/objective_form.html",
        {"programme": programme, "form": form, "objective": objective},
    )


@login_required
@require_POST
def objective_delete(request, code, pk):
    programme = _programme_to_edit(request, code)
    objective = get_object_or_404(Objective, programme=programme, pk=pk)
    try:
        services.delete_with_audit(actor=request.user, instance=objective, action="objective")
    except ProtectedError:
        messages.error(
            request,
            _("Objective %(code)s still has indicators: move or delete them first.")
            % {"code": objective.code},
        )
    else:
        messages.success(request, _("Objective %(code)s deleted.") % {"code": objective.code})
    return redirect("indicators:programme_detail", code=programme.code)


@login_required
def indicator_edit(request, code, pk=None):
    programme = _programme_to_edit(request, code)
    indicator = get_object_or_404(Indicator, programme=programme, pk=pk) if pk else None
    locked = indicator is not None and locks.is_locked(indicator)
    form = IndicatorForm(
        request.POST or None, instance=indicator, programme=programme, locked=locked
    )
    if request.method == "POST" and form.is_valid() and _save_indicator(request, form):
        messages.success(request, _("Indicator %(code)s saved.") % {"code": form.instance.code})
        return redirect("indicators:programme_detail", code=programme.code)
    return render(
        request,
        "indicators/indicator_form.html",
        {
            "programme": programme,
            "form": form,
            "indicator": indicator,
            "lock_reason": locks.lock_reason() if locked else "",
        },
    )


RELATIONS = ("dimensions", "technologies")


def _save_indicator(request, form):
    """Save through the service; its refusal becomes the form's error (nothing saved)."""
    try:
        with transaction.atomic():
            services.save_indicator(
                actor=request.user,
                instance=form.save(commit=False),
                fields=INDICATOR_FIELDS,
                relations={
                    name: form.cleaned_data[name] for name in ("dimensions", "technologies")
                },
            )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False
    return True


@login_required
@require_POST
def indicator_delete(request, code, pk):
    programme = _programme_to_edit(request, code)
    indicator = get_object_or_404(Indicator, programme=programme, pk=pk)
    try:
        services.delete_with_audit(actor=request.user, instance=indicator, action="indicator")
    except ProtectedError:
        messages.error(
            request,
            _("Indicator %(code)s is in use by proposals and cannot be deleted.")
            % {"code": indicator.code},
        )
    else:
        messages.success(request, _("Indicator %(code)s deleted.") % {"code": indicator.code})
    return redirect("indicators:programme_detail", code=programme.code)


@login_required
def targets(request, code):
    programme = _programme_to_edit(request, code)
    years = selectors.fiscal_years(programme)
    indicators = list(programme.indicators.select_related("objective").order_by(
        "objective__position", "position", "code"
    ))  # fmt: skip
    form = TargetsForm(
        request.POST or None,
        indicators=indicators,
        years=years,
        targets=selectors.targets_by_key(programme),
    )
    if request.method == "POST" and form.is_valid():
        created, changed, removed = services.set_targets(
            actor=request.user, programme=programme, values=form.values
        )
        messages.success(
            request,
            _("Targets saved: %(created)s added, %(changed)s changed, %(removed)s removed.")
            % {"created": created, "changed": changed, "removed": removed},
        )
        return redirect("indicators:programme_detail", code=programme.code)
    if request.method == "POST":
        messages.error(request, _("Nothing was saved: correct the cells marked in red."))
    return render(
        request,
        "indicators/targets.html",
        {"programme": programme, "years": years, "form": form},
    )


def technology_list(request):
    """The technology catalogue is public: applicants choose from it."""
    return render(
        request,
        "indicators/technology_list.html",
        {
            "technologies": catalogue.with_uses(selectors.technologies()),
            "can_edit": rules.can_edit_catalogue(request.user),
        },
    )


@login_required
def technology_edit(request, pk=None):
    if not rules.can_edit_catalogue(request.user):
        raise PermissionDenied
    technology = get_object_or_404(Technology, pk=pk) if pk else None
    form = TechnologyForm(request.POST or None, instance=technology)
    if request.method == "POST" and form.is_valid():
        services.save_with_audit(
            actor=request.user,
            instance=form.save(commit=False),
            fields=TECHNOLOGY_FIELDS,
            action="technology",
            relations={name: form.cleaned_data[name] for name in ("dimensions",)},
        )
        messages.success(request, _("Technology saved."))
        return redirect("indicators:technology_list")
    return render(
        request,
        "indicators/technology_form.html",
        {"form": form, "technology": technology},
    )


@login_required
def output_types(request):
    if not rules.can_edit_catalogue(request.user):
        raise PermissionDenied
    formset = OutputTypeFormSet(request.POST or None, queryset=OutputType.objects.all())
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for form in formset:
                if form.has_changed():
                    services.save_with_audit(
                        actor=request.user,
                        instance=form.save(commit=False),
                        fields=["code", "name_th", "name_en", "position", "is_active"],
                        action="output_type",
                    )
        messages.success(request, _("Output types saved."))
        return redirect("indicators:output_types")
    return render(request, "indicators/output_types.html", {"formset": formset})
