from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.middleware import PRIVACY_SESSION_KEY
from accounts.privacy import processing, retention, rules, selectors, services
from accounts.privacy.forms import (
    AgreementForm,
    ErasureAnswerForm,
    ErasureRequestForm,
    ExportForOtherForm,
    NoticeForm,
    RetentionForm,
)
from accounts.privacy.models import ConsentContext, DataExport, ErasureRequest, ExportState
from core.http import on_this_site

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def notice(request):
    """The notice in force, for anyone, signed in or not."""
    current = selectors.current_notice()
    agreed = None
    if current and request.user.is_authenticated:
        agreed = selectors.consents_of(request.user).filter(notice=current).first()
    return render(request, "accounts/privacy/notice.html", {"notice": current, "agreement": agreed})


@login_required
def agree(request):
    """Where a signed-in person is sent until they agree to the version in force."""
    current = selectors.current_notice()
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not on_this_site(request, next_url):
        next_url = ""
    if current is None or selectors.has_agreed(request.user, current.version):
        if current is not None:
            request.session[PRIVACY_SESSION_KEY] = current.version
        return redirect(next_url or "dashboard")
    form = AgreementForm(request.POST or None, notice=current)
    if request.method == "POST" and form.is_valid():
        services.record_consent(
            user=request.user, notice=current, context=ConsentContext.NEW_VERSION
        )
        request.session[PRIVACY_SESSION_KEY] = current.version
        messages.success(request, _("Thank you. Your agreement is recorded."))
        return redirect(next_url or "dashboard")
    return render(
        request,
        "accounts/privacy/agree.html",
        {"notice": current, "form": form, "next": next_url},
    )


def _default_texts():
    return {
        f"text_{code}": (DATA_DIR / f"privacy_notice_{code}.txt").read_text(encoding="utf-8")
        for code in ("th", "en")
    }


@login_required
def manage(request):
    """Administrators write the notice; saving publishes the next version."""
    if not rules.can_publish_notice(request.user):
        raise PermissionDenied
    current = selectors.current_notice()
    initial = (
        {"text_th": current.text_th, "text_en": current.text_en} if current else _default_texts()
    )
    form = NoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        published = services.publish_notice(
            actor=request.user,
            text_th=form.cleaned_data["text_th"],
            text_en=form.cleaned_data["text_en"],
        )
        messages.success(
            request,
            _("Version %(version)s of the privacy notice is published.")
            % {"version": published.version},
        )
        return redirect("privacy:manage")
    return render(
        request,
        "accounts/privacy/manage.html",
        {"form": form, "notice": current, "versions": selectors.notices_with_counts()},
    )


@login_required
def my_data(request):
    """A person asks for a copy of their data and downloads it once built."""
    if request.method == "POST":
        services.request_export(actor=request.user, subject=request.user)
        messages.success(
            request,
            _("Your copy is being prepared. It appears below when it is ready."),
        )
        return redirect("privacy:my_data")
    return render(
        request,
        "accounts/privacy/my_data.html",
        {
            "exports": selectors.exports_of(request.user)[:20],
            "erasures": selectors.erasure_requests_of(request.user),
            "erasure_form": ErasureRequestForm(),
        },
    )


@login_required
@require_POST
def request_erasure(request):
    """A person asks for their data to be erased; an administrator answers."""
    form = ErasureRequestForm(request.POST)
    if form.is_valid():
        try:
            services.request_erasure(
                actor=request.user, subject=request.user, reason=form.cleaned_data["reason"]
            )
        except services.ErasureError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("Your request is recorded. An administrator answers it on this page."),
            )
    return redirect("privacy:my_data")


@login_required
def erasures(request):
    """Administrators answer erasure requests."""
    if not rules.can_erase(request.user):
        raise PermissionDenied
    return render(
        request,
        "accounts/privacy/erasures.html",
        {"requests": selectors.erasure_requests_for_administrators()[:50]},
    )


@login_required
def answer_erasure(request, pk):
    if not rules.can_erase(request.user):
        raise PermissionDenied
    erasure = get_object_or_404(ErasureRequest.objects.select_related("subject"), pk=pk)
    form = ErasureAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_erasure(
                actor=request.user,
                request=erasure,
                approve=form.cleaned_data["decision"] == "approve",
                answer=form.cleaned_data["answer"],
            )
        except services.ErasureError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("The request is answered."))
            return redirect("privacy:erasures")
    return render(
        request, "accounts/privacy/answer_erasure.html", {"erasure": erasure, "form": form}
    )


@login_required
def exports(request):
    """Administrators answer a request for someone else's data."""
    if not rules.can_export_for_others(request.user):
        raise PermissionDenied
    form = ExportForOtherForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_export(
            actor=request.user, subject=form.person, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            _("The copy of the data of %(person)s is being prepared.") % {"person": form.person},
        )
        return redirect("privacy:exports")
    return render(
        request,
        "accounts/privacy/exports.html",
        {"form": form, "exports": selectors.exports_for_administrators()[:50]},
    )


@login_required
@require_POST
def download_export(request, pk):
    """The archive, to the person or the administrator who asked for it; each download is
    audited. A POST, so that a link prefetched or followed by a crawler leaves no entry."""
    export = get_object_or_404(DataExport, pk=pk)
    if not rules.can_download_export(request.user, export):
        raise Http404
    if export.state != ExportState.DONE or not export.file:
        raise Http404
    services.record_download(actor=request.user, export=export)
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.file.name.rsplit("/", 1)[-1],
        content_type="application/zip",
    )


@login_required
def retention_periods(request):
    """Administrators set how long each kind of record is kept; the page shows what the daily
    task removed lately."""
    if not rules.can_set_retention(request.user):
        raise PermissionDenied
    current = retention.periods()
    if not any(current.values()) and request.method != "POST":
        current = {kind: days or retention.SUGGESTED_DAYS[kind] for kind, days in current.items()}
    form = RetentionForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.set_retention(actor=request.user, days_by_kind=form.cleaned_data)
        messages.success(request, _("The retention periods are saved."))
        return redirect("privacy:retention")
    return render(
        request,
        "accounts/privacy/retention.html",
        {"form": form, "runs": selectors.retention_runs()[:20]},
    )


@login_required
def processing_record(request):
    """The record of processing activities, generated from the models."""
    if not rules.can_set_retention(request.user):
        raise PermissionDenied
    days = retention.periods()
    rows = [
        {"activity": activity, "days": days.get(activity.retention_kind)}
        for activity in processing.activities()
    ]
    return render(request, "accounts/privacy/processing.html", {"rows": rows})
