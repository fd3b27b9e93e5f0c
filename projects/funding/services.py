"""The award of an approved proposal: contract, approved budget, instalments, the reporting
schedule and the project's commitments in the KPI ledger, recorded in one transaction."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from core.thai import format_date, format_money
from indicators import ledger
from indicators import services as indicator_services
from projects.funding import notices as funding_notices
from projects.funding import schedule
from projects.models import (
    Award,
    AwardBudget,
    Instalment,
    InstalmentState,
    ProgressReport,
)
from projects.services import ProjectError, ledger_source, main_technology
from proposals.lifecycle.services import transition
from proposals.models import ProgressReportKind, Proposal

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [("project.award", gettext_lazy("Contract and schedule recorded"), None)]


def requested_budget(proposal):
    """{(category id, fiscal year id): requested amount} from the proposal's budget lines."""
    cells = {}
    for line in proposal.budget_lines.all():
        key = (line.category_id, line.fiscal_year_id)
        cells[key] = cells.get(key, Decimal(0)) + line.amount
    return cells


def proposed_award_budget(proposal):
    """The approved budget grid the fund page offers: the request scaled to the approved
    amount, cell by cell, adding up exactly to it."""
    return schedule.scale_to_total(requested_budget(proposal), proposal.approved_amount)


def award_problems(*, proposal, contract_number, contract_date, starts_on, ends_on, budget):
    """Why these award data cannot be recorded (empty: they can)."""
    problems = []
    if proposal.approved_amount is None:
        problems.append(_("The proposal has no approved amount: record the decision first."))
    number = (contract_number or "").strip()
    if not number:
        problems.append(_("Give the contract number."))
    elif Award.objects.filter(contract_number__iexact=number).exclude(proposal=proposal).exists():
        problems.append(
            _("Contract number %(number)s is already used by another project.") % {"number": number}
        )
    if not (contract_date and starts_on and ends_on):
        problems.append(_("Give the contract date and the project's start and end."))
    elif ends_on <= starts_on:
        problems.append(_("The project must end after it starts."))
    if contract_date and contract_date > timezone.localdate():
        problems.append(
            _(
                "The contract date %(date)s is in the future: record the award once the "
                "contract is signed."
            )
            % {"date": format_date(contract_date)}
        )
    if any(amount is None or amount < 0 for amount in budget.values()):
        problems.append(_("Approved amounts cannot be negative or empty."))
    elif proposal.approved_amount is not None:
        total = sum(budget.values(), Decimal(0))
        if total != proposal.approved_amount:
            problems.append(
                _(
                    "The approved budget adds up to %(total)s baht but the approved amount is "
                    "%(approved)s baht: they must be equal."
                )
                % {"total": format_money(total), "approved": format_money(proposal.approved_amount)}
            )
    allowed = {
        category.pk for category in proposal.call.budget_categories.all() if category.allowed
    }
    if any(category_id not in allowed for category_id, _year in budget):
        problems.append(_("A budget category does not belong to this call."))
    return problems


@transaction.atomic
def fund(
    *, proposal, actor, contract_number, contract_date, starts_on, ends_on, budget, comment=""
):
    """Fund an approved proposal: the lifecycle's `fund` transition, then the contract, the
    approved budget (`budget`: {(category id, fiscal year id): amount}, adding up to the
    approved amount), the reporting schedule, the instalments from the call's plan (the first
    due at once when it is paid on the contract) and the project's commitments in the KPI
    ledger. Raises ProjectError (nothing recorded) or the lifecycle's TransitionError."""
    proposal = Proposal.objects.select_related("call__programme").get(pk=proposal.pk)
    budget = {key: Decimal(value) if value is not None else None for key, value in budget.items()}
    problems = award_problems(
        proposal=proposal,
        contract_number=contract_number,
        contract_date=contract_date,
        starts_on=starts_on,
        ends_on=ends_on,
        budget=budget,
    )
    if problems:
        raise ProjectError(problems)
    locked = transition(proposal=proposal, name="fund", actor=actor, comment=comment)
    award = Award.objects.create(
        proposal=locked,
        contract_number=contract_number.strip(),
        contract_date=contract_date,
        starts_on=starts_on,
        ends_on=ends_on,
        amount=locked.approved_amount,
        funded_by=actor,
    )
    AwardBudget.objects.bulk_create(
        AwardBudget(award=award, category_id=category, fiscal_year_id=year, amount=amount)
        for (category, year), amount in budget.items()
        if amount
    )
    reports = _schedule_reports(locked, award)
    _schedule_instalments(locked, award, reports)
    record_commitments(locked)
    programme = locked.call.programme
    added = indicator_services.cover_fiscal_years(
        actor=actor,
        programme=programme,
        first_day=starts_on,
        last_day=ends_on,
        because=locked.reference,
    )
    audit.record(
        actor=actor,
        action="project.award",
        obj=locked,
        data={
            "contract": award.contract_number,
            "amount": str(award.amount),
            "starts_on": award.starts_on.isoformat(),
            "ends_on": award.ends_on.isoformat(),
            "fiscal_years_added": [year.year_be for year in added],
        },
    )
    if added:
        transaction.on_commit(
            lambda: funding_notices.fiscal_years_added(programme, locked, added), robust=True
        )
    return locked


def _schedule_reports(proposal, award):
    kinds = [template.report_kind for template in proposal.call.instalments.all()]
    planned = schedule.reporting_schedule(
        award.starts_on, award.ends_on, kinds, proposal.call.report_cadence
    )
    ProgressReport.objects.bulk_create(
        ProgressReport(
            proposal=proposal,
            kind=item.kind,
            period_start=item.period_start,
            period_end=item.period_end,
            due_on=item.due_on,
        )
        for item in planned
    )
    return {report.kind: report for report in ProgressReport.objects.filter(proposal=proposal)}


def _schedule_instalments(proposal, award, reports):
    templates = list(proposal.call.instalments.all()) or []
    percents = [template.percent for template in templates] or [Decimal(100)]
    kinds = [template.report_kind for template in templates] or [ProgressReportKind.CONTRACT]
    amounts = schedule.split_by_percent(award.amount, percents)
    instalments = []
    for number, (percent, kind, amount) in enumerate(zip(percents, kinds, amounts, strict=True), 1):
        report_kind = schedule.report_for_instalment(kind, reports)
        on_contract = report_kind is None
        instalments.append(
            Instalment(
                proposal=proposal,
                number=number,
                percent=percent,
                amount=amount,
                report_kind=kind,
                report=reports[report_kind] if report_kind else None,
                state=InstalmentState.DUE if on_contract else InstalmentState.SCHEDULED,
                due_since=award.contract_date if on_contract else None,
            )
        )
    Instalment.objects.bulk_create(instalments)


def record_commitments(proposal):
    """Write the project's commitments to the KPI ledger, replacing what it held (at funding,
    and when an approved change request moves them)."""
    technology = main_technology(proposal)
    ledger.record_commitments(
        programme=proposal.call.programme,
        source=ledger_source(proposal),
        source_label=proposal.reference,
        rows=[
            {
                "indicator": contribution.indicator,
                "fiscal_year": contribution.fiscal_year,
                "municipality": contribution.municipality,
                "technology": technology,
                "value": contribution.target,
            }
            for contribution in proposal.contributions.select_related("indicator", "fiscal_year")
        ],
    )
