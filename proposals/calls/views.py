"""Pages of calls for proposals: public ones for everyone, management ones for officers."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import on_this_site
from indicators.models import Programme
from indicators.rules import can_view_dashboards
from proposals import rules
from proposals.calls import selectors, services
from proposals.calls.forms import CallForm, part_formsets
from proposals.eligibility.forms import PREFIX as ELIGIBILITY
from proposals.eligibility.forms import eligibility_formset
from proposals.models import Call, CallDocument


def home(request):
    """The landing page: what the programme is, and the calls open now."""
    return render(request, "home.html", {"open_calls": selectors.open_calls()})


def call_list(request):
    return render(request, "proposals/call_list.html", {"calls": selectors.public_calls()})


def _visible_call(request, code, calls=Call.objects):
    """The call with `code`, or 404 if there is none or this person may not see it yet."""
    call = get_object_or_404(calls, code=code)
    if not rules.can_view_call(request.user, call):
        raise Http404
    return call


def call_detail(request, code):
    call = _visible_call(request, code, selectors.call_with_parts())
    return render(
        request,
        "proposals/call_detail.html",
        {"call": call, "can_manage": rules.can_manage_calls(request.user)},
    )


def call_document(request, code, pk):
    """A call's document, served only to those who may see the call."""
    call = _visible_call(request, code)
    document = get_object_or_404(CallDocument, call=call, pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=document.filename)


def _require_manager(user):
    if not rules.can_manage_calls(user):
        raise PermissionDenied


@login_required
def manage_calls(request):
    _require_manager(request.user)
    calls = list(selectors.calls_for_management())
    for call in calls:
        call.problems = [] if call.is_published else services.publication_problems(call)
    return render(request, "proposals/manage_calls.html", {"calls": calls})


@login_required
def call_create(request):
    _require_manager(request.user)
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = services.create_call(actor=request.user, data=form.cleaned_data)
        messages.success(
            request,
            _(
                "Call %(code)s created with the default budget categories and a 40/40/20 "
                "instalment plan. Add its review criteria and attachments, then publish it."
            )
            % {"code": call.code},
        )
        return redirect("proposals:call_edit", code=call.code)
    # The what-if of each programme's next call (indicators' dashboard), to draft it from.
    programmes = Programme.objects.order_by("code") if can_view_dashboards(request.user) else []
    return render(request, "proposals/call_form.html", {"form": form, "programmes": programmes})


@login_required
def call_edit(request, code):
    """The call and all its parts on one page, saved together or not at all."""
    _require_manager(request.user)
    call = get_object_or_404(selectors.call_for_editing(), code=code)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    # The forms work on a copy, so that the page's heading, state and links keep showing the
    # call as saved when the posted values are refused.
    form = CallForm(data, instance=copy.copy(call))
    parts = part_formsets(form.instance, data, files)
    parts[ELIGIBILITY] = eligibility_formset(form.instance, data, files)
    if request.method == "POST":
        # Validate every formset, not only up to the first invalid one, so all errors show.
        valid = [form.is_valid()] + [formset.is_valid() for formset in parts.values()]
        if all(valid) and _saved(request, call, form, parts):
            messages.success(request, _("The call is saved."))
            return redirect("proposals:call_edit", code=call.code)
        messages.error(request, _("Nothing was saved: correct the fields marked in red."))
    problems = [] if call.is_published else services.publication_problems(call)
    return render(
        request,
        "proposals/call_edit.html",
        {"call": call, "form": form, "parts": parts, "problems": problems},
    )


def _saved(request, call, form, parts):
    """Save through the service; a refusal (the scoring formula of a call already scored)
    becomes the form's error and nothing is saved."""
    try:
        services.update_call(
            actor=request.user, call=call, data=form.cleaned_data, parts=parts.values()
        )
    except ValidationError as error:
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
        return False
    return True


def _back(request, call):
    target = request.POST.get("next", "")
    if on_this_site(request, target):
        return redirect(target)
    return redirect("proposals:call_edit", code=call.code)


@login_required
@require_POST
def call_publish(request, code):
    _require_manager(request.user)
    call = get_object_or_404(Call, code=code)  # the service reads what publishing checks
    try:
        services.publish_call(actor=request.user, call=call)
    except ValidationError as error:
        messages.error(request, _("The call was not published:"))
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(
            request, _("Call %(code)s is published: everyone can now see it.") % {"code": code}
        )
    return _back(request, call)


@login_required
@require_POST
def call_unpublish(request, code):
    _require_manager(request.user)
    call = get_object_or_404(Call, code=code)
    try:
        services.unpublish_call(actor=request.user, call=call)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(
            request,
            _("Call %(code)s is withdrawn: only funding officers can see it now.") % {"code": code},
        )
    return _back(request, call)
