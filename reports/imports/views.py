"""The results import: the page (choose the period, download the template, upload), the
template download, and the preview that applies the file on confirmation.

Whoever may not import results gets 404; a signed-out visitor is sent to sign in.
"""

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.workbooks import PendingUploads, not_waiting
from proposals.models import ProgressReportKind
from reports.imports import apply, rules, selectors, template
from reports.imports.forms import TemplateForm, UploadForm
from reports.imports.reader import read_plan

PAGE = "reports/imports/import.html"
PREVIEW = "reports/imports/preview.html"
# The uploads waiting for confirmation: {token: {"kind": …, "name": …}} in the session.
UPLOADS = PendingUploads("imports/results", session_key="results_imports")
REPORTS_PER_PAGE = 50


def _allowed(request):
    if not rules.may_use_results_import(request.user):
        raise Http404


def page_url(**params):
    """The import page, with the period (and project) chosen when given."""
    url = reverse("reports:results_import")
    params = {key: value for key, value in params.items() if value}
    return f"{url}?{urlencode(params)}" if params else url


@login_required
def results_import(request):
    """GET: the page; POST: an uploaded file, checked and shown as a preview (nothing saved)."""
    _allowed(request)
    chosen = {key: request.GET.get(key, "") for key in ("kind", "project")}
    upload_form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload_form.is_valid():
        return _preview_upload(request, upload_form)
    if request.method != "POST":
        upload_form = UploadForm(initial={"kind": chosen["kind"] or None})
    template_form = TemplateForm(user=request.user, initial=chosen)
    page = Paginator(selectors.importable_reports(request.user), REPORTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "template_form": template_form,
        "form": upload_form,
        "page": page,
        "reports": list(page.object_list),
        "every_project": rules.imports_for_every_project(request.user),
    }
    return render(request, PAGE, context)


def _preview_upload(request, form):
    upload, kind = form.cleaned_data["file"], form.cleaned_data["kind"]
    plan = read_plan(upload, name=upload.name, size=upload.size, kind=kind, user=request.user)
    if plan.ok and plan.has_changes:
        token = UPLOADS.keep(request, upload, kind=kind, name=upload.name)
        return redirect("reports:results_preview", token=token)
    return _render_preview(request, plan, filename=upload.name)


def _render_preview(request, plan, *, filename, token=None, **flags):
    context = {
        "plan": plan,
        "kind": ProgressReportKind(plan.kind),
        "filename": filename,
        "token": token,
        "form": None if token else UploadForm(initial={"kind": plan.kind}),
        **flags,
    }
    return render(request, PREVIEW, context)


@login_required
def results_template(request):
    """The template of one period for the reports the filters choose, as .xlsx."""
    _allowed(request)
    form = TemplateForm(request.GET, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a reporting period, and only projects offered."))
        return redirect(page_url(kind=request.GET.get("kind")))
    kind = form.cleaned_data["kind"]
    reports = list(selectors.importable_reports(request.user, kind, **form.filters()))
    if not reports:
        messages.info(
            request,
            _("No %(kind)s is open for results among the projects chosen.")
            % {"kind": ProgressReportKind(kind).label},
        )
        return redirect(page_url(kind=kind))
    indicators, municipalities = selectors.code_lists(reports)
    content = template.results_workbook(
        kind, selectors.template_rows(reports), indicators, municipalities
    )
    return FileResponse(
        BytesIO(content),
        as_attachment=True,
        filename=template.filename(kind, reports),
        content_type=template.CONTENT_TYPE,
    )


@login_required
def results_preview(request, token):
    """GET shows the preview of a stored upload; POST applies it (or cancels it)."""
    _allowed(request)
    pending = UPLOADS.waiting(request, token)
    if not pending:
        return _not_waiting(request)
    name, kind = pending["name"], pending["kind"]
    if request.method != "POST":
        with UPLOADS.open(token) as file:
            plan = read_plan(file, name=name, size=file.size, kind=kind, user=request.user)
        return _render_preview(request, plan, filename=name, token=token)
    if "cancel" in request.POST:
        UPLOADS.forget(request, token)
        messages.info(request, _("Import cancelled. Nothing was changed."))
        return redirect(page_url(kind=kind))
    return _apply(request, token, name=name, kind=kind)


def _apply(request, token, *, name, kind):
    try:
        with UPLOADS.open(token) as file:
            outcome = apply.import_file(
                file,
                name=name,
                size=file.size,
                kind=kind,
                actor=request.user,
                digest=request.POST.get("digest", ""),
            )
    except FileNotFoundError:  # a second press while the first one applied it
        return _not_waiting(request)
    except DatabaseError:
        messages.error(request, _("The import failed and nothing was changed. Please try again."))
        return redirect("reports:results_preview", token=token)
    if outcome.stale:
        return _render_preview(request, outcome.plan, filename=name, token=token, stale=True)
    UPLOADS.forget(request, token)
    if not outcome.applied:  # a report was submitted meanwhile, or the file no longer fits
        return _render_preview(request, outcome.plan, filename=name, refused=True)
    counts = outcome.plan.counts()
    messages.success(
        request,
        ngettext(
            "Results imported from %(file)s into %(reports)s report: %(new)s added, "
            "%(changed)s changed, %(unchanged)s unchanged.",
            "Results imported from %(file)s into %(reports)s reports: %(new)s added, "
            "%(changed)s changed, %(unchanged)s unchanged.",
            counts["reports"],
        )
        % {"file": name, **counts},
    )
    return redirect(page_url(kind=kind))


def _not_waiting(request):
    not_waiting(request)
    return redirect("reports:results_import")
