import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import AuditEntry
from indicators.models import Commitment, LedgerStatus, Result
from projects import services
from projects.financial import services as financial_services
from projects.funding import services as funding_services
from projects.models import (
    Award,
    IndicatorResult,
    Instalment,
    InstalmentState,
    ProgressReport,
    ProgressReportState,
)
from projects.progress.services import states as report_states
from proposals.lifecycle.services import TransitionError, transition
from proposals.models import ProgressReportKind, Proposal, ProposalState
from tests.projects.builders import END, START, approved_proposal, fund, funded_project
from tests.projects.payment_builders import pay_instalment
from tests.projects.report_builders import complete_report

D = Decimal
pytestmark = pytest.mark.django_db


def _report(proposal, kind):
    return ProgressReport.objects.get(proposal=proposal, kind=kind)


def _instalments(proposal):
    return list(
        Instalment.objects.filter(proposal=proposal).values_list("number", "amount", "state")
    )


def _submit(report, actor):
    complete_report(report)  # what the report's submission checks ask for
    return report_states.submit_report(report=report, actor=actor)


def test_funding_records_contract_budget_schedule_and_instalments(officer):
    proposal = approved_proposal(amount=D("850000.00"))
    funded = fund(proposal, officer, contract_number="RDG-68-001")

    assert funded.state == ProposalState.ACTIVE
    award = Award.objects.get(proposal=funded)
    assert (award.contract_number, award.amount, award.starts_on, award.ends_on) == (
        "RDG-68-001",
        D("850000.00"),
        START,
        END,
    )
    assert sum(cell.amount for cell in award.budget.all()) == D("850000.00")
    assert [(r.kind, r.due_on) for r in funded.reports.all()] == [
        (ProgressReportKind.MONTH_6, datetime.date(2025, 7, 30)),
        (ProgressReportKind.FINAL, datetime.date(2026, 1, 30)),
    ]
    assert _instalments(funded) == [
        (1, D("340000.00"), InstalmentState.DUE),
        (2, D("340000.00"), InstalmentState.SCHEDULED),
        (3, D("170000.00"), InstalmentState.SCHEDULED),
    ]
    instalments = list(funded.instalments.select_related("report"))
    assert [i.report and i.report.kind for i in instalments] == [
        None,
        ProgressReportKind.MONTH_6,
        ProgressReportKind.FINAL,
    ]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"proposal.fund", "project.award"} <= actions


def test_funding_writes_the_commitments_to_the_ledger(officer):
    funded = funded_project(officer)
    rows = list(Commitment.objects.values_list("source", "source_label", "value", "status"))
    assert rows == [
        (f"proposals.proposal:{funded.pk}", funded.reference, D("1.00"), LedgerStatus.COUNTED)
    ]
    assert Commitment.objects.get().technology == services.main_technology(funded)


def test_funding_refuses_a_budget_that_does_not_add_up_and_records_nothing(officer):
    proposal = approved_proposal()
    budget = funding_services.proposed_award_budget(proposal)
    first = next(iter(budget))
    budget[first] -= D("0.01")
    with pytest.raises(services.ProjectError) as refused:
        funding_services.fund(
            proposal=proposal,
            actor=officer,
            contract_number="X-1",
            contract_date=START,
            starts_on=START,
            ends_on=END,
            budget=budget,
        )
    assert "899,999.99" in refused.value.messages[0]
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.APPROVED
    assert not Award.objects.exists() and not Instalment.objects.exists()
    assert not Commitment.objects.exists()


def test_funding_refuses_a_contract_number_already_used(officer):
    fund(approved_proposal(), officer, contract_number="RDG-1")
    with pytest.raises(services.ProjectError):
        fund(approved_proposal(), officer, contract_number="rdg-1")


def test_funding_refuses_an_end_before_the_start(officer):
    with pytest.raises(services.ProjectError):
        fund(approved_proposal(), officer, starts_on=END, ends_on=START)


def test_only_a_funding_officer_funds(manager):
    with pytest.raises(TransitionError):
        fund(approved_proposal(), manager)
    assert not Award.objects.exists()


def test_accepting_the_report_makes_its_instalment_due_and_counts_its_results(officer, researcher):
    funded = funded_project(officer, lead=researcher)
    report = _report(funded, ProgressReportKind.MONTH_6)
    contribution = funded.contributions.get()
    IndicatorResult.objects.create(report=report, indicator=contribution.indicator, value=D(1))
    _submit(report, researcher)
    report_states.accept_report(report=report, actor=officer, comment="ครบถ้วน")

    assert _report(funded, ProgressReportKind.MONTH_6).state == ProgressReportState.ACCEPTED
    assert funded.instalments.get(number=2).state == InstalmentState.DUE
    assert funded.instalments.get(number=3).state == InstalmentState.SCHEDULED
    result = Result.objects.get()
    assert (result.value, result.period, result.period_end, result.status) == (
        D("1.00"),
        ProgressReportKind.MONTH_6,
        datetime.date(2025, 6, 30),
        LedgerStatus.COUNTED,
    )
    assert result.fiscal_year.year_be == 2568  # 30 June 2025 is in fiscal year 2568


def test_returning_a_report_needs_a_comment_and_discounts_nothing_twice(officer, researcher):
    funded = funded_project(officer, lead=researcher)
    report = _report(funded, ProgressReportKind.MONTH_6)
    _submit(report, researcher)
    with pytest.raises(services.ProjectError):
        report_states.return_report(report=report, actor=officer, comment="  ")
    report_states.return_report(report=report, actor=officer, comment="แนบหลักฐานเพิ่ม")
    returned = _report(funded, ProgressReportKind.MONTH_6)
    assert (returned.state, returned.decision_comment) == (
        ProgressReportState.RETURNED,
        "แนบหลักฐานเพิ่ม",
    )
    _submit(returned, researcher)  # the team resubmits
    assert _report(funded, ProgressReportKind.MONTH_6).state == ProgressReportState.SUBMITTED


def test_a_report_is_accepted_once(officer, researcher):
    funded = funded_project(officer, lead=researcher)
    report = _report(funded, ProgressReportKind.MONTH_6)
    _submit(report, researcher)
    report_states.accept_report(report=report, actor=officer)
    with pytest.raises(services.ProjectError):
        report_states.accept_report(report=report, actor=officer)


def test_others_may_not_submit_or_decide_reports(officer, researcher, manager, reviewer):
    funded = funded_project(officer, lead=researcher)
    report = _report(funded, ProgressReportKind.MONTH_6)
    for person in (officer, manager, reviewer):
        with pytest.raises(services.ProjectError):
            _submit(report, person)
    _submit(report, researcher)
    for person in (researcher, manager, reviewer):
        with pytest.raises(services.ProjectError):
            report_states.accept_report(report=report, actor=person)


def test_completing_needs_the_final_report_accepted(officer, researcher):
    funded = funded_project(officer, lead=researcher)
    with pytest.raises(TransitionError):
        transition(proposal=funded, name="complete", actor=officer)
    final = _report(funded, ProgressReportKind.FINAL)
    _submit(final, researcher)
    report_states.accept_report(report=final, actor=officer)
    assert transition(proposal=funded, name="complete", actor=officer).state == "completed"


def test_closing_needs_every_instalment_settled(officer, researcher):
    funded = funded_project(officer, lead=researcher)
    Proposal.objects.filter(pk=funded.pk).update(state=ProposalState.COMPLETED)
    with pytest.raises(TransitionError) as refused:
        transition(proposal=funded, name="close", actor=officer)
    assert "3" in refused.value.messages[0]
    Instalment.objects.filter(proposal=funded).update(state=InstalmentState.RELEASED)
    # Nothing was spent: the whole payment comes back before the project closes (the refund
    # itself is tested in test_financial_report.py).
    ProgressReport.objects.filter(proposal=funded, kind=ProgressReportKind.FINAL).update(
        state=ProgressReportState.ACCEPTED
    )
    financial_services.record_refund(
        proposal=funded,
        actor=officer,
        amount=D("900000.00"),
        refunded_on=timezone.localdate(),
        reference="RF-1",
    )
    assert transition(proposal=funded, name="close", actor=officer).state == "closed"


def test_terminating_cancels_unpaid_instalments_and_stops_counting_commitments(officer, manager):
    funded = funded_project(officer)
    funded.call.programme.managers.add(manager)
    pay_instalment(funded.instalments.get(number=1), officer=officer, paid_on=START)
    transition(proposal=funded, name="terminate", actor=manager, comment="ยุติ")
    assert [state for _n, _a, state in _instalments(funded)] == [
        InstalmentState.RELEASED,
        InstalmentState.CANCELLED,
        InstalmentState.CANCELLED,
    ]
    assert Commitment.objects.get().status == LedgerStatus.NOT_COUNTED
