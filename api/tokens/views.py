"""Personal API tokens: the list, a new token (its key shown once) and revoking one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from api.models import ApiToken
from api.tokens import rules, services
from api.tokens.forms import TokenForm


@login_required
def tokens(request):
    if not rules.can_hold_tokens(request.user):
        raise PermissionDenied
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        token, new_key = services.create_token(
            actor=request.user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
        )
        messages.success(request, _("Token “%(name)s” made.") % {"name": token.name})
        form = TokenForm()
    rows = ApiToken.objects.filter(user=request.user).order_by("-created_at", "-pk")
    return render(
        request, "api/tokens/tokens.html", {"form": form, "tokens": rows, "new_key": new_key}
    )


@login_required
@require_POST
def revoke(request, pk):
    if not rules.can_hold_tokens(request.user):
        raise PermissionDenied
    try:
        token = services.revoke_token(actor=request.user, token_id=pk)
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api:tokens")
