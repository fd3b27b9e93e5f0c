"""The answer to a save of a form that saves itself as people type (static/js/autosave.js): the
proposal's general part and sections, and a progress report's narrative."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

STATUS_LINE = "proposals/writing/_autosave_status.html"


@dataclass(frozen=True)
class Saved:
    """What the status line reports after a save: the new version and when."""

    version: int
    at: datetime.datetime


def answer(request, form, *, status, message, saved, success_url, refused):
    """Answer a save the same way wherever it comes from: a closing tab's beacon gets no body,
    htmx the status line (`saved`, or `message` with `status`), a plain form post a redirect
    to `success_url` once saved, else what `refused()` returns (the page again)."""
    if request.POST.get("beacon") == "1":
        return HttpResponse(status=204 if status == 200 else status)
    if request.htmx:
        context = {
            "form": form,
            "prefix": form.prefix,
            "saved": saved,
            "message": message,
            "refused": status == 409,
        }
        return render(request, STATUS_LINE, context, status=status)
    if saved is not None:
        messages.success(request, _("Saved."))
        return redirect(success_url)
    return refused()
