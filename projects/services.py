"""The writes of a funded project: the award, the reports' states and the instalments.

Each service runs in one transaction with the rows it changes locked, writes one audit entry,
keeps the KPI ledger of `indicators` in step (commitments at funding, results when a report is
accepted, discounted when it is returned) and notifies after the commit.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_fsm import can_proceed

from accounts import audit
from core.hooks import Hook
from indicators import ledger
from indicators.models import FiscalYear
from projects.funding import schedule
from projects.models import (
    Award,
    AwardBudget,
    Instalment,
    InstalmentState,
    ProgressReport,
    ProgressReportState,
)
from projects.progress import notices as report_notices
from projects.rules import can_decide_report, can_release_instalment, can_submit_report
from proposals.lifecycle.services import TransitionError, transition
from proposals.models import ProgressReportKind, Proposal

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("project.award", gettext_lazy("Contract and schedule recorded"), None),
    ("progress_report.submit", gettext_lazy("Progress report submitted"), None),
    ("progress_report.accept", gettext_lazy("Progress report accepted"), None),
    ("progress_report.return", gettext_lazy("Progress report returned to the team"), None),
    ("instalment.due", gettext_lazy("Instalment due for payment"), None),
    ("instalment.release", gettext_lazy("Instalment released"), None),
    ("instalment.cancel", gettext_lazy("Instalment cancelled"), None),
]


class ProjectError(ValidationError):
    """A project action was refused; `.messages` says every reason."""


def ledger_source(proposal):
    """How the KPI ledger names a funded project."""
    return f"proposals.proposal:{proposal.pk}"


def main_technology(proposal):
    """The technology the ledger files the project's figures under: the first one it listed.
    (A project with two technologies is counted once, under its first, so that totals by
    technology add up to the programme's total.)"""
    technologies = sorted(proposal.technologies.all(), key=lambda item: item.pk)
    return technologies[0].technology if technologies else None


# The award ----------------------------------------------------------------------------------


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
                % {"total": f"{total:,.2f}", "approved": f"{proposal.approved_amount:,.2f}"}
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
    _record_commitments(locked)
    audit.record(
        actor=actor,
        action="project.award",
        obj=locked,
        data={
            "contract": award.contract_number,
            "amount": str(award.amount),
            "starts_on": award.starts_on.isoformat(),
            "ends_on": award.ends_on.isoformat(),
        },
    )
    return locked


def _schedule_reports(proposal, award):
    kinds = [template.report_kind for template in proposal.call.instalments.all()]
    planned = schedule.reporting_schedule(award.starts_on, award.ends_on, kinds)
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


def _record_commitments(proposal):
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


# Progress reports ---------------------------------------------------------------------------


def _lock_report(report):
    return (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("proposal__call__programme")
        .get(pk=report.pk)
    )


def _refuse(report, method):
    if not can_proceed(getattr(report, method)):
        raise ProjectError(
            _("This report is “%(state)s”: nothing was changed.")
            % {"state": ProgressReportState(report.state).label}
        )


SUBMIT_CHECKS = Hook(
    "projects.progress.submit_checks",
    "What a progress report needs before its team may submit it: fn(report) -> [message].",
)


def submit_problems(report, *, skip=()):
    """What stands between the report and its submission (empty: nothing). A caller that
    already ran some checks passes them in `skip`, so that they are not run twice."""
    return [
        str(message) for check in SUBMIT_CHECKS if check not in skip for message in check(report)
    ]


@transaction.atomic
def submit_report(*, report, actor):
    """The team submits its report to the funding officers."""
    locked = _lock_report(report)
    if not can_submit_report(actor, locked):
        raise ProjectError(_("You may not submit this report."))
    _refuse(locked, "submit")
    problems = submit_problems(locked)
    if problems:
        raise ProjectError(problems)
    from_state = locked.state
    locked.submit()
    locked.submitted_at = timezone.now()
    locked.submitted_by = actor
    locked.save(update_fields=["state", "submitted_at", "submitted_by"])
    audit.record(
        actor=actor,
        action="progress_report.submit",
        obj=locked,
        from_state=from_state,
        to_state=locked.state,
    )
    transaction.on_commit(lambda: report_notices.report_submitted(locked, actor), robust=True)
    return locked


def report_ledger_rows(report):
    """The report's results as rows of the KPI ledger, filed under the fiscal year in which
    the report's period ends."""
    proposal = report.proposal
    year, _created = FiscalYear.objects.get_or_create(
        year_be=FiscalYear.year_be_of(report.period_end)
    )
    technology = main_technology(proposal)
    return [
        {
            "indicator": result.indicator,
            "fiscal_year": year,
            "municipality": result.municipality,
            "technology": technology,
            "value": result.value,
            "evidence_url": result.evidence_url,
            "note": result.note,
        }
        for result in report.results.select_related("indicator", "municipality")
    ]


@transaction.atomic
def accept_report(*, report, actor, comment=""):
    """An officer accepts a submitted report: its results count in the KPI roll-up and the
    instalments that waited for it become due."""
    locked = _lock_report(report)
    if not can_decide_report(actor, locked):
        raise ProjectError(_("You may not accept or return this report."))
    _refuse(locked, "accept")
    from_state = locked.state
    locked.accept()
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decision_comment = (comment or "").strip()
    locked.save(update_fields=["state", "decided_at", "decided_by", "decision_comment"])
    proposal = locked.proposal
    ledger.record_results(
        programme=proposal.call.programme,
        report=locked.ledger_key,
        source=ledger_source(proposal),
        source_label=proposal.reference,
        period=locked.kind,
        period_end=locked.period_end,
        rows=report_ledger_rows(locked),
    )
    audit.record(
        actor=actor,
        action="progress_report.accept",
        obj=locked,
        from_state=from_state,
        to_state=locked.state,
        comment=locked.decision_comment,
    )
    due = list(
        Instalment.objects.select_for_update().filter(
            report=locked, state=InstalmentState.SCHEDULED
        )
    )
    for instalment in due:
        instalment.make_due()
        instalment.due_since = timezone.localdate()
        instalment.save(update_fields=["state", "due_since"])
        audit.record(
            actor=actor,
            action="instalment.due",
            obj=instalment,
            from_state=InstalmentState.SCHEDULED,
            to_state=InstalmentState.DUE,
        )
    comment = locked.decision_comment
    transaction.on_commit(
        lambda: report_notices.report_accepted(locked, actor, comment), robust=True
    )
    transaction.on_commit(lambda: report_notices.instalments_due(locked, due), robust=True)
    return locked


@transaction.atomic
def return_report(*, report, actor, comment):
    """An officer returns a submitted report to the team with what to change; whatever it
    reported stops counting in the roll-up."""
    comment = (comment or "").strip()
    locked = _lock_report(report)
    if not can_decide_report(actor, locked):
        raise ProjectError(_("You may not accept or return this report."))
    _refuse(locked, "return_to_team")
    if not comment:
        raise ProjectError(_("Write what the team must change: they will read it."))
    from_state = locked.state
    locked.return_to_team()
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decision_comment = comment
    locked.save(update_fields=["state", "decided_at", "decided_by", "decision_comment"])
    ledger.discount_results(report=locked.ledger_key)
    audit.record(
        actor=actor,
        action="progress_report.return",
        obj=locked,
        from_state=from_state,
        to_state=locked.state,
        comment=comment,
    )
    transaction.on_commit(
        lambda: report_notices.report_returned(locked, actor, comment), robust=True
    )
    return locked


# Instalments ---------------------------------------------------------------------------------


@transaction.atomic
def release_instalment(*, instalment, actor, paid_on, payment_reference):
    """An officer records the payment of a due instalment. Refused before the report it
    depends on is accepted, and whenever the released total would pass the approved budget."""
    locked = (
        Instalment.objects.select_for_update(of=("self",))
        .select_related("proposal", "report")
        .get(pk=instalment.pk)
    )
    if not can_release_instalment(actor, locked):
        raise ProjectError(_("You may not release this instalment."))
    reference = (payment_reference or "").strip()
    problems = []
    if locked.state == InstalmentState.SCHEDULED:
        report = locked.report
        problems.append(
            _("This instalment waits for the %(report)s to be accepted.")
            % {"report": report.get_kind_display() if report else _("contract")}
        )
    elif locked.state != InstalmentState.DUE:
        problems.append(
            _("This instalment is “%(state)s”: nothing was changed.")
            % {"state": InstalmentState(locked.state).label}
        )
    if not paid_on:
        problems.append(_("Give the payment date."))
    elif paid_on > timezone.localdate():
        problems.append(_("The payment date cannot be in the future."))
    if not reference:
        problems.append(_("Give the payment reference (e.g. the transfer number)."))
    award = Award.objects.select_for_update().get(proposal_id=locked.proposal_id)
    released = (
        Instalment.objects.filter(
            proposal_id=locked.proposal_id, state=InstalmentState.RELEASED
        ).aggregate(total=Sum("amount"))["total"]
        or 0
    )
    if released + locked.amount > award.amount:
        problems.append(
            _("Releasing %(amount)s baht would pay more than the approved %(approved)s baht.")
            % {"amount": f"{locked.amount:,.2f}", "approved": f"{award.amount:,.2f}"}
        )
    if problems:
        raise ProjectError(problems)
    locked.release()
    locked.paid_on = paid_on
    locked.payment_reference = reference
    locked.released_at = timezone.now()
    locked.released_by = actor
    locked.save(
        update_fields=["state", "paid_on", "payment_reference", "released_at", "released_by"]
    )
    audit.record(
        actor=actor,
        action="instalment.release",
        obj=locked,
        from_state=InstalmentState.DUE,
        to_state=InstalmentState.RELEASED,
        data={"paid_on": paid_on.isoformat(), "reference": reference},
    )
    return locked


# How funded projects end --------------------------------------------------------------------


def final_report_accepted(proposal):
    """Completing a project needs its final report accepted."""
    accepted = ProgressReport.objects.filter(
        proposal=proposal, kind=ProgressReportKind.FINAL, state=ProgressReportState.ACCEPTED
    ).exists()
    return [] if accepted else [_("The final report must be accepted first.")]


def instalments_settled(proposal):
    """Closing a project needs every instalment released (or cancelled)."""
    open_count = (
        Instalment.objects.filter(proposal=proposal)
        .exclude(state__in=InstalmentState.settled())
        .count()
    )
    if not open_count:
        return []
    return [
        ngettext(
            "%(count)d instalment is not released yet: release it before closing.",
            "%(count)d instalments are not released yet: release them before closing.",
            open_count,
        )
        % {"count": open_count}
    ]


def stop_counting_commitments(*, proposal, actor):
    """A terminated project no longer counts towards what the programme expects, and its
    unpaid instalments are cancelled; what it delivered stays counted."""
    ledger.withdraw_commitments(source=ledger_source(proposal))
    for instalment in Instalment.objects.select_for_update().filter(
        proposal=proposal, state__in=(InstalmentState.SCHEDULED, InstalmentState.DUE)
    ):
        from_state = instalment.state
        instalment.cancel()
        instalment.save(update_fields=["state"])
        audit.record(
            actor=actor,
            action="instalment.cancel",
            obj=instalment,
            from_state=from_state,
            to_state=InstalmentState.CANCELLED,
        )


__all__ = [
    "ProjectError",
    "TransitionError",
    "accept_report",
    "fund",
    "release_instalment",
    "return_report",
    "submit_report",
]
