"""The pages of funded projects: funding an approved proposal, the project page, the list of
projects, the release of an instalment and the public portfolio (its reads: portfolio.py)."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.roles import Role
from accounts.rules import can_read_history, has_role
from indicators.models import Programme
from projects import figures, rules, selectors, services
from projects.forms import FundForm, ProjectFilterForm, ReleaseForm, cell_value, date_value
from projects.funding import preview, schedule
from projects.models import Instalment, InstalmentState, ProgressReportState
from projects.portfolio import selectors as portfolio
from proposals import rules as proposal_rules
from proposals.lifecycle.services import TransitionNotPermitted
from proposals.models import ProposalState

ZERO = Decimal("0.00")
PROJECTS_PER_PAGE = 50
DEFAULT_DURATION_MONTHS = 12


def project_url(proposal, anchor=""):
    url = reverse("projects:project", args=[proposal.pk])
    return f"{url}#{anchor}" if anchor else url


# Funding ---------------------------------------------------------------------------------------


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
        return services.requested_budget(proposal)
    return services.proposed_award_budget(proposal)


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
        services.fund(
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
    except (services.ProjectError, services.TransitionError) as error:
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
        return redirect(project_url(proposal))
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
        return redirect(project_url(proposal))
    context = {"proposal": proposal, "form": form, **_fund_preview(proposal, form)}
    if request.htmx and previewing:
        context["oob"] = True  # the grid's totals are swapped in beside the preview
        return render(request, "projects/_fund_preview.html", context)
    context["lead_municipality"] = next(
        (partner.municipality for partner in proposal.lead_partners), None
    )
    return render(request, "projects/fund.html", context)


# The project page ------------------------------------------------------------------------------


@login_required
def project(request, pk):
    """Everything about a funded project on one page: contract, budget against spending,
    indicators against commitments, instalments and reports."""
    proposal = get_object_or_404(selectors.project_page(), pk=pk)
    user = request.user
    if not rules.can_view_project(user, proposal):
        raise Http404
    instalments = selectors.project_instalments(proposal)
    award = getattr(proposal, "award", None)
    context = {
        "proposal": proposal,
        "award": award,
        "lead_municipality": selectors.lead_municipality(proposal),
        "budget": figures.budget_table(proposal),
        "indicators": figures.indicator_table(proposal),
        "instalments": instalments,
        "released": selectors.released_total(instalments),
        "reports": selectors.project_reports(proposal),
        "can_record_payments": rules.can_record_payments(user, proposal),
        "can_read_history": can_read_history(user),
        "can_view_proposal": proposal_rules.can_view_proposal(user, proposal),
        "can_list_projects": rules.can_list_projects(user),
        "InstalmentState": InstalmentState,
        "ProgressReportState": ProgressReportState,
    }
    return render(request, "projects/detail.html", context)


# The list of projects --------------------------------------------------------------------------


@login_required
def project_list(request):
    """Staff see every project they follow, with filters; a researcher their team's projects.
    Reviewers and people without a role have none (404)."""
    user = request.user
    if not rules.can_list_projects(user):
        raise Http404
    form = None
    filters = {}
    if rules.can_filter_projects(user):
        form = ProjectFilterForm(request.GET or None, programmes=selectors.list_programmes(user))
        filters = form.filters()
    projects = selectors.project_list(user, **filters)
    page = Paginator(projects, PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "filters": query.urlencode(),
        "filtered": any(value is not None for value in filters.values()),
    }
    return render(request, "projects/list.html", context)


# Releasing an instalment -----------------------------------------------------------------------


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
            services.release_instalment(
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
            return redirect(project_url(proposal, "instalments"))
    released = (
        Instalment.objects.filter(proposal=proposal, state=InstalmentState.RELEASED)
        .exclude(pk=instalment.pk)
        .values_list("amount", flat=True)
    )
    context = {
        "proposal": proposal,
        "instalment": instalment,
        "report": instalment.report,
        "form": form,
        "award": getattr(proposal, "award", None),
        "released_before": sum(released, ZERO),
        "can_release": instalment.state == InstalmentState.DUE
        and rules.can_release_instalment(user, instalment),
        "InstalmentState": InstalmentState,
        "ProgressReportState": ProgressReportState,
    }
    return render(request, "projects/release.html", context)


# The public portfolio --------------------------------------------------------------------------


@require_GET
def portfolio_index(request):
    """The programmes that publish their funded projects (staff also see the others, marked)."""
    staff = request.user.is_authenticated and request.user.holds_staff_role
    programmes = portfolio.portfolio_programmes(include_unpublished=staff)
    return render(request, "projects/portfolio_index.html", {"programmes": programmes})


@require_GET
def portfolio_page(request, code):
    """A programme's funded projects and what they delivered, readable without signing in
    once the programme publishes it; staff may preview it before (with a banner)."""
    programme = get_object_or_404(Programme, code=code)
    if not rules.can_read_portfolio(request.user, programme):
        raise Http404
    return render(
        request,
        "projects/portfolio.html",
        {"portfolio": portfolio.portfolio(programme), "programme": programme},
    )
