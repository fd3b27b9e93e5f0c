"""The release of an instalment: an officer records its payment date and reference."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import Role
from accounts.rules import has_role
from projects import rules, selectors, services
from projects.instalments import services as instalment_services
from projects.instalments.forms import ReleaseForm
from projects.models import Instalment, InstalmentState, ProgressReportState


@login_required
def instalment_release(request, pk):
    """An officer records the payment of a due instalment. The page says why it cannot be
    recorded yet (the report it waits for, already released, over the budget…)."""
    try:
        instalment = selectors.instalment_for_release(pk)
    except Instalment.DoesNotExist as error:
        raise Http404 from error
    proposal = instalment.proposal
    user = request.user
    # Officers open the page of any project's instalment, to read why it cannot be paid; the
    # form shows only while payments may be recorded.
    if not (has_role(user, Role.FUNDING_OFFICER) and rules.can_view_project(user, proposal)):
        raise Http404
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            instalment_services.release_instalment(
                instalment=instalment,
                actor=user,
                paid_on=form.cleaned_data["paid_on"],
                payment_reference=form.cleaned_data["payment_reference"],
            )
        except services.ProjectError as error:
            for message in error.messages:
                form.add_error(None, message)
            instalment = selectors.instalment_for_release(pk)  # show its state as it is now
        else:
            messages.success(
                request,
                _("Instalment %(number)s of %(reference)s is recorded as paid.")
                % {"number": instalment.number, "reference": proposal.reference},
            )
            return redirect(reverse("projects:project", args=[proposal.pk]) + "#instalments")
    context = {
        "proposal": proposal,
        "instalment": instalment,
        "report": instalment.report,
        "form": form,
        "award": getattr(proposal, "award", None),
        "released_before": selectors.released_total(proposal, excluding=[instalment]),
        "can_release": instalment.state == InstalmentState.DUE
        and rules.can_release_instalment(user, instalment),
        "InstalmentState": InstalmentState,
        "ProgressReportState": ProgressReportState,
    }
    return render(request, "projects/release.html", context)
