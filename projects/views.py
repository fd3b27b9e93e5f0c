"""The pages of funded projects: the list of projects and the project page (funding, payments,
the portfolio and progress reports have their own folders)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from accounts.rules import can_read_history
from core.http import ROWS_PER_PAGE, filters_of, page_of
from core.numbers import ZERO
from projects import figures, rules, selectors
from projects.changes import rules as change_rules
from projects.changes import selectors as change_selectors
from projects.financial import selectors as financial_selectors
from projects.forms import ProjectFilterForm
from projects.models import ContractState, InstalmentState, ProgressReportState, RefundState
from projects.payments import rules as payment_rules
from projects.risk import selectors as risk_selectors
from projects.risk.rules import can_view_risks
from projects.selectors import page as reads
from proposals import rules as proposal_rules

PROJECTS_PER_PAGE = ROWS_PER_PAGE


# The project page ------------------------------------------------------------------------------


@login_required
def project(request, pk):
    """Everything about a funded project on one page: contract, budget against spending,
    indicators against commitments, instalments and reports."""
    user = request.user
    proposal = reads.project_for_page(user, pk)
    if proposal is None or not rules.can_view_project(user, proposal):
        raise Http404
    instalments = reads.project_instalments(proposal)
    award = getattr(proposal, "award", None)
    contract = getattr(proposal, "contract", None)
    # The Documents menu offers the request on the contract from these (no query of its own).
    proposal.contract_instalments = [
        item for item in instalments if award is not None and item.paid_on_contract
    ]
    budget = figures.budget_table(proposal)
    sees_risks = can_view_risks(user)
    # The risk badge's reads of the KPI ledger run with the indicator table's results.
    ledger = risk_selectors.badge_ledger(user, proposal) if sees_risks else None
    indicators = figures.indicator_table(proposal, ledger=ledger)
    # What was paid, from the instalments already read (released_total would ask again).
    released = sum(
        (item.amount_released for item in instalments if item.state == InstalmentState.RELEASED),
        ZERO,
    )
    reports = reads.project_reports(proposal, with_returns=sees_risks)
    refund = None
    if award is not None:
        refund = financial_selectors.standing_for_page(
            proposal, reports=reports, paid=released, spent=budget.spent
        )
    changes = change_selectors.project_changes_read(proposal.pk) if award else []
    risk = None
    if sees_risks:
        read = risk_selectors.PageReads(
            reports=reports,
            instalments=instalments,
            changes=changes,
            spent=budget.sent,
            sent_until=budget.sent_until,
            indicators=[row.indicator for row in indicators.rows],
            ledger_rows=indicators.ledger_rows,
        )
        risk = risk_selectors.project_risk(user, proposal, read=read)
    context = {
        "contract": contract,
        "contract_amendments": list(contract.amendments.all()) if contract else [],
        "ContractState": ContractState,
        "proposal": proposal,
        "award": award,
        "places": reads.places_and_technologies(proposal),
        "budget": budget,
        "indicators": indicators,
        "instalments": instalments,
        "released": released,
        "reports": reports,
        "refund": refund,
        "RefundState": RefundState,
        "changes": changes,
        "can_request_change": award is not None and change_rules.can_request_change(user, proposal),
        "can_request_payments": payment_rules.is_payable(proposal)
        and proposal_rules.is_team_editor(user, proposal),
        "can_record_refund": rules.can_record_refund(user, proposal),
        "can_read_history": can_read_history(user),
        "can_view_proposal": proposal_rules.can_view_proposal(user, proposal),
        "can_list_projects": rules.can_list_projects(user),
        "risk": risk,
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
        programmes = selectors.list_programmes(user)
        form = ProjectFilterForm(request.GET or None, programmes=programmes)
        filters = form.filters()
    projects = selectors.project_list(user, **filters)
    page = page_of(request, projects, PROJECTS_PER_PAGE, rows=selectors.project_rows)
    context = {
        "form": form,
        "page": page,
        "filters": filters_of(request),
        "filtered": any(value is not None for value in filters.values()),
        "can_view_risks": can_view_risks(user),
    }
    return render(request, "projects/list.html", context)
