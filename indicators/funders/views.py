"""The funders' identifiers (360Giving's fundingOrganization), kept by administrators and
programme managers next to the organisation records."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from indicators import rules, services
from indicators.funders.forms import FunderIdentifierForm
from indicators.models import Funder


def _check(user):
    if not rules.can_edit_funders(user):
        raise PermissionDenied


@login_required
def funder_list(request):
    _check(request.user)
    return render(request, "indicators/funders/list.html", {"funders": Funder.objects.all()})


@login_required
def funder_identifier(request, pk):
    _check(request.user)
    funder = get_object_or_404(Funder, pk=pk)
    form = FunderIdentifierForm(request.POST or None, instance=funder)
    if request.method == "POST" and form.is_valid():
        services.save_with_audit(
            actor=request.user, instance=form.instance, fields=["identifier"], action="funder"
        )
        messages.success(request, _("The identifier of %(name)s is saved.") % {"name": funder})
        return redirect("indicators:funders")
    return render(request, "indicators/funders/edit.html", {"form": form, "funder": funder})
