"""The team's editors of its progress report: the narrative (saved as the team types, as the
proposal's sections are), the fixed tables of activities, spending and indicator results, the
evidence files of a result and the delivered outputs.

Who: the lead and the co-researchers who accepted (others who may read the report get 403,
anyone else 404). While the report is submitted or accepted, or the project is no longer
active, every editor sends the team back to the report page with the reason, and a POST saves
nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import invalid_fields_message
from indicators.models import OutputType
from projects.models import IndicatorResult, ResultEvidence
from projects.progress import forms, selectors
from projects.progress.evidence import max_bytes
from projects.progress.services import editing as services
from projects.progress.services import results
from proposals.editing.rows import blank_rows, saved_rows_url
from proposals.rules import is_team_editor
from proposals.writing import autosave


def team_report(request, pk):
    """The report `pk` for its team; 403 for others who may read it, 404 for anyone else."""
    report = selectors.visible_report(request.user, pk)
    if not is_team_editor(request.user, report.proposal):
        raise PermissionDenied
    return report


def _locked(request, report):
    """Back to the report page with the reason when the team may no longer change it."""
    message = services.not_editable_message(report)
    if not message:
        return None
    if request.method == "POST":
        messages.error(request, message + " " + _("Nothing was saved."))
    else:
        messages.warning(request, message)
    return redirect("projects:progress_detail", pk=report.pk)


def _page(request, report, template, context, status=200):
    return render(
        request,
        f"projects/progress/{template}",
        {"report": report, "proposal": report.proposal, **context},
        status=status,
    )


def _saved(request, changes):
    if any(changes.values()):
        messages.success(request, _("Saved."))
    else:
        messages.info(request, _("Nothing had changed."))


# The narrative ----------------------------------------------------------------------------------


def _narrative_answer(request, report, form, status, message, saved):
    def refused():
        messages.error(request, message)
        return _page(request, report, "narrative.html", {"form": form}, status=status)

    return autosave.answer(
        request,
        form,
        status=status,
        message=message,
        saved=saved,
        success_url=reverse("projects:progress_narrative", args=[report.pk]),
        refused=refused,
    )


@login_required
def edit_narrative(request, pk):
    """The narrative and the problems met, saved together under the report's version."""
    report = team_report(request, pk)
    if request.method != "POST":
        return _locked(request, report) or _page(
            request, report, "narrative.html", {"form": forms.NarrativeForm(report=report)}
        )
    saving_as_typed = request.htmx or request.POST.get("beacon") == "1"
    locked_message = services.not_editable_message(report)
    if not saving_as_typed and locked_message:
        return _locked(request, report)
    form = forms.NarrativeForm(request.POST, report=report)
    status, message, saved = 200, "", None
    if locked_message:
        status, message = 409, locked_message
    elif not form.is_valid():
        status, message = 422, invalid_fields_message(form)
    else:
        try:
            version = services.save_narrative(
                actor=request.user,
                report=report,
                narrative=form.cleaned_data["narrative"],
                problems=form.cleaned_data["problems"],
                version=form.cleaned_data["version"],
            )
        except services.NotEditable as error:
            status, message = 409, error.messages[0]
        except services.StaleVersion:
            status, message = (
                409,
                _(
                    "A colleague saved this narrative after you opened it — copy your text, then "
                    "reload the page to see theirs."
                ),
            )
        else:
            saved = autosave.Saved(version, timezone.now())
    return _narrative_answer(request, report, form, status, message, saved)


# The fixed tables --------------------------------------------------------------------------------


def _edit_table(request, pk, *, factory, rows_of, save, to_rows, template, shown=None):
    report = team_report(request, pk)
    if shown is not None and not shown(report):
        raise Http404  # e.g. the spending of a report without a financial part
    refused = _locked(request, report)
    if refused:
        return refused
    rows = rows_of(report)
    formset = factory(request.POST if request.method == "POST" else None, rows=rows)
    if request.method == "POST":
        if formset.is_valid():
            try:
                changes = save(
                    actor=request.user, report=report, rows=to_rows(formset.rows_to_save())
                )
            except services.NotEditable:  # submitted meanwhile
                return _locked(request, services.fresh(report))
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                _saved(request, changes)
                return redirect(request.path)
        else:
            messages.error(request, _("Nothing was saved: correct the cells marked in red."))
    return _page(request, report, template, {"formset": formset, "rows": rows})


@login_required
def edit_activities(request, pk):
    """The progress of each activity of the work plan (0–100%) with a note."""
    return _edit_table(
        request,
        pk,
        factory=forms.ActivityFormSetFactory,
        rows_of=selectors.activity_rows,
        save=services.save_activity_progress,
        to_rows=lambda sent: [(row.activity, data["percent"], data["note"]) for row, data in sent],
        template="activities.html",
    )


@login_required
def edit_spending(request, pk):
    """What the period cost in each budget category, beside the approved amounts; passing
    them is shown, not refused."""
    return _edit_table(
        request,
        pk,
        factory=forms.SpendingFormSetFactory,
        rows_of=lambda report: selectors.spending_table(report).rows,
        save=services.save_spending,
        to_rows=lambda sent: [(row.category, data["amount"], data["note"]) for row, data in sent],
        template="spending.html",
        shown=lambda report: report.asks_spending,
    )


@login_required
def edit_results(request, pk):
    """A value for each committed indicator (per municipality where it asks for it), checked
    against the indicator's value type, with a note and an evidence link."""
    return _edit_table(
        request,
        pk,
        factory=forms.ResultFormSetFactory,
        rows_of=selectors.result_rows,
        save=results.save_results,
        to_rows=lambda sent: [
            (row.indicator, row.municipality, data["value"], data["note"], data["evidence_url"])
            for row, data in sent
        ],
        template="results.html",
    )


# Evidence files ---------------------------------------------------------------------------------


def _result_of(report, result_pk):
    return get_object_or_404(
        IndicatorResult.objects.select_related("indicator", "municipality").prefetch_related(
            "evidence__uploaded_by"
        ),
        report=report,
        pk=result_pk,
    )


@login_required
def edit_evidence(request, pk, result_pk):
    """The evidence files of one result: upload one at a time, remove any."""
    report = team_report(request, pk)
    result = _result_of(report, result_pk)
    refused = _locked(request, report)
    if refused:
        return refused
    form = forms.EvidenceForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.add_evidence(
                    actor=request.user,
                    report=report,
                    result=result,
                    upload=form.cleaned_data["file"],
                )
            except services.NotEditable:  # submitted meanwhile
                return _locked(request, services.fresh(report))
            messages.success(
                request,
                _("“%(name)s” is added to the evidence.")
                % {"name": form.cleaned_data["file"].name},
            )
            return redirect(request.path)
        messages.error(request, _("Nothing was saved: correct the file marked in red."))
    context = {"result": result, "form": form, "max_bytes": max_bytes()}
    return _page(request, report, "evidence.html", context)


@login_required
@require_POST
def delete_evidence(request, pk, evidence_pk):
    report = team_report(request, pk)
    evidence = get_object_or_404(
        ResultEvidence.objects.select_related("result__indicator", "result__municipality"),
        result__report=report,
        pk=evidence_pk,
    )
    refused = _locked(request, report)
    if refused:
        return refused
    try:
        services.remove_evidence(actor=request.user, report=report, evidence=evidence)
    except services.NotEditable:  # submitted meanwhile
        return _locked(request, services.fresh(report))
    messages.success(request, _("“%(name)s” is removed.") % {"name": evidence.original_name})
    return redirect("projects:progress_evidence", pk=report.pk, result_pk=evidence.result_id)


# Delivered outputs -------------------------------------------------------------------------------


@login_required
def edit_outputs(request, pk):
    """The outputs delivered in the period: type, description, quantity and a link; rows are
    added and removed freely."""
    report = team_report(request, pk)
    refused = _locked(request, report)
    if refused:
        return refused
    types = list(
        OutputType.objects.filter(
            Q(is_active=True) | Q(pk__in=report.outputs.values("output_type"))
        )
    )
    formset = forms.output_formset(blank_rows(request))(
        request.POST if request.method == "POST" else None,
        instance=report,
        queryset=report.outputs.select_related("output_type"),
        options={"output_type": types},
    )
    if request.method == "POST":
        if formset.is_valid():
            try:
                changes = services.save_outputs(actor=request.user, report=report, formset=formset)
            except services.NotEditable:  # submitted meanwhile
                return _locked(request, services.fresh(report))
            _saved(request, changes)
            url = reverse("projects:progress_outputs", args=[report.pk])
            return redirect(saved_rows_url(request, url))
        messages.error(request, _("Nothing was saved: correct the cells marked in red."))
    return _page(request, report, "outputs.html", {"formset": formset})
