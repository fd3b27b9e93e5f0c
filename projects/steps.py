"""A step of a request's workflow taken from its page (change requests, payment requests): the
state it must start from, who may take it, a comment where the step takes one, the service's
refusals shown as messages. One shape for every request, so that a second press, a refusal and
a success read the same everywhere."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def already_taken(request, obj):
    """A request no longer in a state the step starts from (a second press, another person):
    say so and change nothing."""
    messages.info(
        request,
        _("This request is “%(state)s”: nothing was changed.") % {"state": obj.get_state_display()},
    )
    return redirect(obj.get_absolute_url())


def take_step(request, obj, *, name, step, form_class, done, may=None):
    """Take `step` (who may take it, the service, whether it takes a comment, the states it
    starts from) on `obj`, passed to the service as `name`; `may(user, obj)`, when given,
    answers who may take it instead of the step's own rule (403 otherwise); `done` is the
    message of success."""
    allowed, service, with_comment, sources = step
    may = may or allowed
    if obj.state not in sources:
        return already_taken(request, obj)
    if not may(request.user, obj):
        raise PermissionDenied
    form = form_class(request.POST)
    form.is_valid()
    extra = {"comment": form.cleaned_data.get("comment", "")} if with_comment else {}
    try:
        service(**{name: obj}, actor=request.user, **extra)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, str(done))
    return redirect(obj.get_absolute_url())
