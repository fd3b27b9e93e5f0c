"""A programme's messages: the list of every kind the system sends, and the page where its
managers write their own Thai and English text of one (for the programme, or for one call of
a kind that may differ per call), with its placeholders, a preview and a reset; and the same
two pages of the site's texts (the kinds that belong to no programme) for administrators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.notifications import templates
from accounts.notifications.kinds import describe, registered
from proposals.messages import editor, rules, selectors
from proposals.messages.forms import MessageTextForm


def _programme(request, code):
    """The programme whose messages `request.user` edits: 404 for those who see no
    programme, 403 for those who see it but do not manage it."""
    programme = selectors.programme_for_messages(code)
    if not rules.can_see_programme(request.user, programme):
        raise Http404
    if not rules.can_edit_messages(request.user, programme):
        raise PermissionDenied
    return programme


@login_required
def message_list(request, code):
    programme = _programme(request, code)
    language = get_language()[:2]
    rows = [
        (kind, kind.default_texts(language)["title"], own, calls)
        for kind, own, calls in selectors.message_rows(programme)
    ]
    context = {"programme": programme, "rows": rows}
    return render(request, "proposals/messages/list.html", context)


def _chosen_call(request, kind, programme):
    """The call whose own text is edited (`?call=CODE`, for a kind that may differ per call)."""
    code = request.GET.get("call")
    if not code:
        return None
    if not kind.per_call:
        raise Http404
    calls = {call.code: call for call in selectors.programme_calls(programme)}
    if code not in calls:
        raise Http404
    return calls[code]


@login_required
def message_edit(request, code, kind):
    programme = _programme(request, code)
    kind = registered(kind)
    if kind is None or not kind.editable:
        raise Http404
    call = _chosen_call(request, kind, programme)
    saved = selectors.saved_template(kind, programme, call)
    current = {name: getattr(saved, name) for name in templates.FIELDS} if saved else None
    here = reverse("proposals:message_edit", args=[programme.code, kind.key])
    if call is not None:
        here += f"?call={call.code}"
    action = request.POST.get("action")
    if request.method == "POST" and action == "reset":
        templates.reset_template(
            kind_key=kind.key, programme=programme, call=call, actor=request.user
        )
        messages.success(request, _("The message is back to the system's default text."))
        return redirect(here)
    form = MessageTextForm(
        request.POST if request.method == "POST" else None,
        kind=kind,
        initial=current or editor.default_texts(kind),
    )
    shown = current or editor.default_texts(kind)
    if form.is_bound and form.is_valid():
        shown = form.cleaned_data
        if action != "preview":
            templates.save_template(
                kind_key=kind.key,
                programme=programme,
                call=call,
                actor=request.user,
                texts=form.cleaned_data,
            )
            messages.success(request, _("The message is saved: it is sent from now on."))
            return redirect(here)
    context = {
        "programme": programme,
        "kind": kind,
        "call": call,
        "calls": selectors.programme_calls(programme) if kind.per_call else [],
        "saved": saved,
        "form": form,
        "placeholders": [(name, describe(name)) for name in kind.placeholders()],
        "previews": editor.previews(kind, shown) if not form.errors else [],
    }
    return render(request, "proposals/messages/edit.html", context)


def _site_kind(request, key):
    """The site kind `key` that `request.user` edits: 404 for those without a role and for a
    kind that is not the site's, 403 for those with a role who are not administrators."""
    if not rules.can_see_site_messages(request.user):
        raise Http404
    if not rules.can_edit_site_messages(request.user):
        raise PermissionDenied
    if key is None:
        return None
    kind = registered(key)
    if kind is None or not kind.site:
        raise Http404
    return kind


@login_required
def site_message_list(request):
    _site_kind(request, None)
    language = get_language()[:2]
    rows = [
        (kind, kind.default_texts(language)["title"], own)
        for kind, own in selectors.site_message_rows()
    ]
    return render(request, "proposals/messages/site_list.html", {"rows": rows})


@login_required
def site_message_edit(request, kind):
    kind = _site_kind(request, kind)
    saved = selectors.saved_site_template(kind)
    current = {name: getattr(saved, name) for name in templates.FIELDS} if saved else None
    here = reverse("proposals:site_message_edit", args=[kind.key])
    action = request.POST.get("action")
    if request.method == "POST" and action == "reset":
        templates.reset_template(kind_key=kind.key, programme=None, actor=request.user)
        messages.success(request, _("The message is back to the system's default text."))
        return redirect(here)
    shown = current or editor.default_texts(kind)
    form = MessageTextForm(
        request.POST if request.method == "POST" else None, kind=kind, initial=shown
    )
    if form.is_bound and form.is_valid():
        shown = form.cleaned_data
        if action != "preview":
            templates.save_template(
                kind_key=kind.key, programme=None, actor=request.user, texts=form.cleaned_data
            )
            messages.success(request, _("The message is saved: it is sent from now on."))
            return redirect(here)
    context = {
        "kind": kind,
        "saved": saved,
        "form": form,
        "placeholders": [(name, describe(name)) for name in kind.placeholders()],
        "previews": editor.previews(kind, shown) if not form.errors else [],
    }
    return render(request, "proposals/messages/site_edit.html", context)
