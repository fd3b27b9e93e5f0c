"""The fund page: an officer records the award of an approved proposal, with a live preview of
the instalments and the reporting schedule."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.numbers import ZERO
from projects import rules, services
from projects.funding import preview, schedule
from projects.funding import services as funding_services
from projects.funding.forms import FundForm, cell_value, date_value
from proposals.lifecycle.services import TransitionError, TransitionNotPermitted
from proposals.models import ProposalState

DEFAULT_DURATION_MONTHS = 12


@dataclass(frozen=True)
class GridTotals:
    rows: list  # (category, total)
    years: list  # (fiscal year, total)
    total: Decimal
    approved: Decimal | None

    @property
    def difference(self):
        return None if self.approved is None else self.total - self.approved

    @property
    def matches(self):
        return self.approved is not None and self.total == self.approved


def grid_totals(form, approved):
    """The totals of the grid as it stands (typed or offered), per category and per year."""
    values = {
        (category.pk, year.pk): cell_value(form, category, year)
        for category in form.categories
        for year in form.years
    }
    rows = [
        (category, sum((values[(category.pk, year.pk)] for year in form.years), ZERO))
        for category in form.categories
    ]
    years = [
        (year, sum((values[(category.pk, year.pk)] for category in form.categories), ZERO))
        for year in form.years
    ]
    return GridTotals(rows=rows, years=years, total=sum(values.values(), ZERO), approved=approved)


def _offered_budget(proposal):
    """The grid the page offers: the request scaled to the approved amount (or the request
    itself while no amount is approved, which the service will refuse with its reason)."""
    if proposal.approved_amount is None:
        return funding_services.requested_budget(proposal)
    return funding_services.proposed_award_budget(proposal)


def _fund_initial(proposal, budget):
    starts_on = proposal.start_month or timezone.localdate()
    duration = proposal.duration_months or DEFAULT_DURATION_MONTHS
    initial = {
        "contract_date": timezone.localdate(),
        "starts_on": starts_on,
        "ends_on": schedule.project_end(starts_on, duration),
    }
    initial.update(
        {f"budget_{category}_{year}": amount for (category, year), amount in budget.items()}
    )
    return initial


def _fund_preview(proposal, form):
    starts_on, ends_on = date_value(form, "starts_on"), date_value(form, "ends_on")
    reports, instalments = preview.award_preview(proposal, starts_on, ends_on)
    return {
        "totals": grid_totals(form, proposal.approved_amount),
        "planned_reports": reports,
        "planned_instalments": instalments,
        "dates_make_sense": bool(reports),
    }


def _record_award(request, proposal, form):
    """Fund through the service; its refusals become the form's errors (nothing recorded)."""
    data = form.cleaned_data
    try:
        funding_services.fund(
            proposal=proposal,
            actor=request.user,
            contract_number=data["contract_number"],
            contract_date=data["contract_date"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            budget=form.budget(),
            comment=data["comment"],
        )
    except TransitionNotPermitted as error:
        raise Http404 from error
    except (services.ProjectError, TransitionError) as error:
        for message in error.messages:
            form.add_error(None, message)
        return False
    return True


@login_required
def fund(request, pk):
    """An officer records the contract of an approved proposal: number and date, the project's
    dates, the approved budget grid; the page previews the instalments and reports that follow.
    A POST with `preview` (the page's htmx refresh, or the button without JavaScript) only
    recomputes the preview."""
    proposal = get_object_or_404(preview.fund_page(), pk=pk)
    if proposal.state in ProposalState.funded() and rules.can_view_project(request.user, proposal):
        messages.info(request, _("This proposal is already funded: here is its project page."))
        return redirect("projects:project", pk=proposal.pk)
    if not rules.can_fund(request.user, proposal):
        raise Http404
    budget = _offered_budget(proposal)
    categories = [
        category for category in proposal.call.budget_categories.all() if category.allowed
    ]
    form = FundForm(
        request.POST or None,
        initial=_fund_initial(proposal, budget),
        categories=categories,
        years=preview.award_years(proposal, budget),
    )
    previewing = "preview" in request.POST
    funding = request.method == "POST" and not previewing and form.is_valid()
    if funding and _record_award(request, proposal, form):
        messages.success(
            request,
            _("Project %(reference)s is funded: its reports and instalments are scheduled.")
            % {"reference": proposal.reference},
        )
        return redirect("projects:project", pk=proposal.pk)
    context = {"proposal": proposal, "form": form, **_fund_preview(proposal, form)}
    if request.htmx and previewing:
        context["oob"] = True  # the grid's totals are swapped in beside the preview
        return render(request, "projects/_fund_preview.html", context)
    context["lead_municipality"] = next(
        (partner.municipality for partner in proposal.lead_partners), None
    )
    return render(request, "projects/fund.html", context)
