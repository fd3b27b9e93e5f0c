"""Excel round-trip of a programme's framework (download, upload with preview, confirm)."""

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.workbooks import PendingUploads, not_waiting
from indicators import rules
from indicators.excel import apply as excel_apply
from indicators.excel import export as excel_export
from indicators.excel import forms as excel_forms
from indicators.excel import reader as excel_reader
from indicators.models import Programme

PREVIEW = "indicators/excel/preview.html"
# The uploads waiting for confirmation: {token: {"programme": pk, "name": …}} in the session.
UPLOADS = PendingUploads("imports/framework", session_key="framework_imports")


def _programme(request, code, may):
    programme = get_object_or_404(Programme, code=code)
    if not may(request.user, programme):
        raise PermissionDenied
    return programme


@login_required
def export_framework(request, code):
    programme = _programme(request, code, rules.can_view_framework)
    return FileResponse(
        BytesIO(excel_export.framework_workbook(programme)),
        as_attachment=True,
        filename=excel_export.filename(programme),
        content_type=excel_export.CONTENT_TYPE,
    )


@login_required
def import_framework(request, code):
    """The upload form; a posted file is checked and shown as a preview, nothing is saved."""
    programme = _programme(request, code, rules.can_edit_framework)
    form = excel_forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        plan = excel_reader.read_plan(programme, upload, name=upload.name, size=upload.size)
        if plan.ok and plan.has_changes:
            token = UPLOADS.keep(request, upload, programme=programme.pk, name=upload.name)
            return redirect("indicators:confirm_import", code=programme.code, token=token)
        context = {"programme": programme, "plan": plan, "filename": upload.name}
        return render(request, PREVIEW, {**context, "form": excel_forms.UploadForm()})
    return render(request, "indicators/excel/import.html", {"programme": programme, "form": form})


@login_required
def confirm_import(request, code, token):
    """GET shows the preview of a stored upload; POST applies it (or cancels it)."""
    programme = _programme(request, code, rules.can_edit_framework)
    pending = UPLOADS.waiting(request, token)
    if not pending or pending["programme"] != programme.pk:
        return _not_waiting(request, programme)
    name = pending["name"]
    context = {"programme": programme, "filename": name, "token": token}
    if request.method != "POST":
        with UPLOADS.open(token) as file:
            plan = excel_reader.read_plan(programme, file, name=name, size=file.size)
        return render(request, PREVIEW, {**context, "plan": plan, "form": excel_forms.UploadForm()})
    if "cancel" in request.POST:
        UPLOADS.forget(request, token)
        messages.info(request, _("Import cancelled. Nothing was changed."))
        return redirect("indicators:programme_detail", code=programme.code)
    try:
        with UPLOADS.open(token) as file:
            plan, counts = excel_apply.import_file(
                programme, file, name=name, size=file.size, actor=request.user
            )
    except FileNotFoundError:  # a second press while the first one applied it
        return _not_waiting(request, programme)
    except (ValidationError, DatabaseError):
        messages.error(request, _("The import failed and nothing was changed. Please try again."))
        return redirect("indicators:confirm_import", code=programme.code, token=token)
    UPLOADS.forget(request, token)
    if counts is None:  # the framework changed since the preview and the file no longer fits
        context.update(plan=plan, stale=True, token=None, form=excel_forms.UploadForm())
        return render(request, PREVIEW, context)
    messages.success(
        request,
        _(
            "Framework imported from %(file)s: %(added)s indicators added, %(changed)s "
            "changed, %(unchanged)s unchanged."
        )
        % {"file": name, **counts},
    )
    return redirect("indicators:programme_detail", code=programme.code)


def _not_waiting(request, programme):
    not_waiting(request)
    return redirect("indicators:import_framework", code=programme.code)
