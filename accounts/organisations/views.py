"""The organisation records' pages: the list with a search, and the edit page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.models import Organisation
from accounts.organisations import rules, selectors, services
from accounts.organisations.forms import OrganisationForm


def _check(user):
    if not rules.can_manage_organisations(user):
        raise PermissionDenied


@login_required
def organisation_list(request):
    _check(request.user)
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.organisations_list(query=query), 50).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "query": query, "filters": urlencode({"q": query} if query else {})}
    return render(request, "accounts/organisations/list.html", context)


@login_required
def organisation_edit(request, pk):
    _check(request.user)
    organisation = get_object_or_404(Organisation, pk=pk)
    form = OrganisationForm(request.POST or None, instance=Organisation.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        services.update_organisation(
            actor=request.user,
            organisation=organisation,
            data={field: form.cleaned_data[field] for field in services.EDITABLE_FIELDS},
        )
        messages.success(request, _("%(name)s is saved.") % {"name": organisation.name})
        return redirect("accounts:organisations")
    context = {"form": form, "organisation": organisation}
    return render(request, "accounts/organisations/edit.html", context)
