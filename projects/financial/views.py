"""The financial report of a project (รายงานการเงิน): spending per category and fiscal year
against the approved budget, the unspent balance and its refund, which an officer records."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from projects import rules
from projects.financial import selectors as financial_selectors
from projects.financial import services as financial_services
from projects.financial.forms import RefundForm
from projects.models import RefundState
from projects.services import ProjectError


@login_required
def financial_report(request, pk):
    """Everyone who sees the project reads its financial report; funding officers record the
    refund here once the final report is accepted (403 for the others)."""
    proposal = get_object_or_404(financial_selectors.financial_page(), pk=pk)
    user = request.user
    if not rules.can_view_project(user, proposal) or not hasattr(proposal, "award"):
        raise Http404
    can_record = rules.can_record_refund(user, proposal)
    if request.method == "POST" and not can_record:
        raise PermissionDenied
    report = financial_selectors.financial_report(proposal)
    form = RefundForm(request.POST or None, balance=report.standing.balance)
    if request.method == "POST" and form.is_valid():
        try:
            financial_services.record_refund(proposal=proposal, actor=user, **form.cleaned_data)
        except ProjectError as error:
            if hasattr(error, "error_dict"):
                for field, problems in error.message_dict.items():
                    form.add_error(field, problems)
            else:
                for problem in error.messages:
                    form.add_error(None, problem)
        else:
            messages.success(
                request,
                _("The refund of %(reference)s is recorded.") % {"reference": proposal.reference},
            )
            return redirect(reverse("projects:financial_report", args=[proposal.pk]) + "#refund")
    context = {
        "proposal": proposal,
        "report": report,
        "form": form,
        "can_record": can_record and report.standing.state == RefundState.OWED,
        "RefundState": RefundState,
    }
    return render(request, "projects/financial.html", context)
