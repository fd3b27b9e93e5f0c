from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.middleware import PRIVACY_SESSION_KEY
from accounts.privacy import rules, selectors, services
from accounts.privacy.forms import AgreementForm, NoticeForm
from accounts.privacy.models import ConsentContext
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
