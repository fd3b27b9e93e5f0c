"""The financial report (รายงานการเงิน): spending per category and fiscal year against the
approved budget, the unspent balance the final report leaves, its refund (recorded by a
funding officer, refused with the field named), and the close that waits for it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import AuditEntry
from accounts.roles import Role
from projects.financial import services as financial
from projects.financial.selectors import financial_page, refund_standing
from projects.financial.selectors import financial_report as report_of_page
from projects.models import (
    AwardBudget,
    Instalment,
    InstalmentState,
    ProgressReportState,
    Refund,
    RefundState,
    Spending,
)
from projects.services import ProjectError
from proposals.lifecycle.services import TransitionError, transition
from proposals.models import BudgetCategory, ProgressReportKind, Proposal, ProposalState
from tests.helpers import assert_access, assert_flat_queries
from tests.projects.builders import funded_project
from tests.projects.pages import expect, people_around, put_report

D = Decimal
K = ProgressReportKind
pytestmark = pytest.mark.django_db


def financial_report(project):
    return report_of_page(financial_page().get(pk=project.pk))


def category(project, code):
    return BudgetCategory.objects.get(call=project.call, code=code)


def spend(project, kind, code, amount):
    report = project.reports.get(kind=kind)
    Spending.objects.create(report=report, category=category(project, code), amount=D(amount))


def finished(project, *, spent=()):
    """The project paid in full (900,000 baht), its two reports accepted with `spent`
    [(report kind, category code, amount)], and completed."""
    for kind, code, amount in spent:
        spend(project, kind, code, amount)
    put_report(project, K.MONTH_6, ProgressReportState.ACCEPTED)
    put_report(project, K.FINAL, ProgressReportState.ACCEPTED)
    Instalment.objects.filter(proposal=project).update(state=InstalmentState.RELEASED)
    Proposal.objects.filter(pk=project.pk).update(state=ProposalState.COMPLETED)
    return Proposal.objects.get(pk=project.pk)


SPENT = [
    (K.MONTH_6, "personnel", "100000.00"),  # the period ends 30 June 2025: FY 2568
    (K.FINAL, "personnel", "50000.00"),  # 31 December 2025: FY 2569
    (K.FINAL, "materials", "20000.00"),
]


@pytest.fixture
def project(officer):
    return finished(funded_project(officer), spent=SPENT)


def record(project, officer, **data):
    values = {
        "amount": D("730000.00"),
        "refunded_on": timezone.localdate(),
        "reference": "RF-1",
        **data,
    }
    return financial.record_refund(proposal=project, actor=officer, **values)


def refused_fields(call, **kwargs):
    with pytest.raises(ProjectError) as error, translation.override("en"):
        call(**kwargs)
    return error.value


# What the report works out.


def test_spending_counts_per_category_in_the_fiscal_year_its_report_ends_in(project):
    report = financial_report(project)
    personnel = next(line for line in report.lines if line.category.code == "personnel")
    assert personnel.spent == {2568: D("100000.00"), 2569: D("50000.00")}
    approved = AwardBudget.objects.filter(award__proposal=project, category__code="personnel")
    assert personnel.approved_total == sum(line.amount for line in approved)
    assert report.spent_total == D("170000.00")
    assert report.approved_total == D("900000.00")
    assert report.years == [2568, 2569]
    assert [spent for _year, _approved, spent in report.year_totals] == [
        D("100000.00"),
        D("70000.00"),
    ]


def test_the_balance_is_what_was_paid_and_not_spent(project):
    standing = refund_standing(project)
    assert (standing.paid, standing.spent, standing.balance) == (
        D("900000.00"),
        D("170000.00"),
        D("730000.00"),
    )
    assert standing.state == RefundState.OWED


def test_only_paid_instalments_count(officer):
    project = finished(funded_project(officer), spent=SPENT)
    Instalment.objects.filter(proposal=project, number=3).update(state=InstalmentState.DUE)
    # 40% + 40% of 900,000 paid: 720,000 − 170,000
    assert refund_standing(project).balance == D("550000.00")


def test_the_spending_of_a_report_not_accepted_does_not_count(officer):
    project = funded_project(officer)
    spend(project, K.MONTH_6, "personnel", "100000.00")
    put_report(project, K.MONTH_6, ProgressReportState.SUBMITTED)
    assert financial_report(project).spent_total == D("0.00")
    assert refund_standing(project).state == RefundState.AWAITING_FINAL_REPORT


# The close gate.


def test_a_project_with_a_balance_closes_only_once_its_refund_is_recorded(project, officer):
    with pytest.raises(TransitionError) as refused, translation.override("en"):
        transition(proposal=project, name="close", actor=officer)
    assert "730,000.00" in refused.value.messages[0]
    record(project, officer)
    assert refund_standing(project).state == RefundState.RECORDED
    assert transition(proposal=project, name="close", actor=officer).state == "closed"


def test_a_project_that_spent_everything_closes_without_a_refund(officer):
    spent = [(K.MONTH_6, "personnel", "400000.00"), (K.FINAL, "services", "500000.00")]
    project = finished(funded_project(officer), spent=spent)
    assert refund_standing(project).state == RefundState.NOTHING_OWED
    error = refused_fields(record, project=project, officer=officer)
    assert "Nothing to refund" in error.messages[0]
    assert transition(proposal=project, name="close", actor=officer).state == "closed"


# Recording the refund.


def test_the_refund_is_recorded_with_an_audit_entry(project, officer):
    refund = record(project, officer, reference="  RF-2568-001 ")
    assert (refund.amount, refund.balance, refund.reference, refund.recorded_by) == (
        D("730000.00"),
        D("730000.00"),
        "RF-2568-001",
        officer,
    )
    entry = AuditEntry.objects.get(action="project.refund_recorded")
    assert (entry.from_state, entry.to_state) == (RefundState.OWED, RefundState.RECORDED)
    assert entry.data["amount"] == "730000.00"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"amount": D("700000.00")}, "amount"),
        ({"refunded_on": timezone.localdate() + datetime.timedelta(days=1)}, "refunded_on"),
        ({"refunded_on": None}, "refunded_on"),
        ({"reference": "  "}, "reference"),
    ],
)
def test_bad_refunds_are_refused_with_the_field_named(project, officer, data, field):
    error = refused_fields(record, project=project, officer=officer, **data)
    assert list(error.message_dict) == [field]
    assert not Refund.objects.exists()
    assert not AuditEntry.objects.filter(action="project.refund_recorded").exists()


def test_the_amount_refused_says_the_balance(project, officer):
    error = refused_fields(record, project=project, officer=officer, amount=D("1.00"))
    assert "730,000.00" in error.message_dict["amount"][0]


def test_a_refund_is_recorded_once(project, officer):
    record(project, officer)
    error = refused_fields(record, project=project, officer=officer)
    assert "Refund recorded" in error.messages[0]
    assert Refund.objects.count() == 1


def test_no_refund_before_the_final_report_is_accepted(officer):
    project = funded_project(officer)
    error = refused_fields(record, project=project, officer=officer)
    assert "Awaiting the final report" in error.messages[0]


def test_only_funding_officers_record_a_refund(project, manager, administrator):
    project.call.programme.managers.add(manager)
    for person in (project.lead, manager, administrator):
        error = refused_fields(record, project=project, officer=person)
        assert "may not record" in error.messages[0]
    assert not Refund.objects.exists()


# The page.


def url(project):
    return reverse("projects:financial_report", args=[project.pk])


FOLLOWERS = {
    Role.FUNDING_OFFICER.value: 200,
    Role.ADMINISTRATOR.value: 200,
    "lead": 200,
    "team_member": 200,
    "own_manager": 200,
    # written before these personas existed: neither follows projects
    "mentor": 404,
    "finance": 404,
}


def test_those_who_follow_the_project_read_its_financial_report(client, personas, project):
    people = people_around(project, personas)
    assert_access(client, people, url(project), expect(404, **FOLLOWERS))


def test_only_funding_officers_may_post_a_refund(client, personas, project):
    people = people_around(project, personas)
    data = {"amount": "730000.00", "refunded_on": "2025-02-01", "reference": "RF-1"}
    answers = {name: 403 if code == 200 else code for name, code in FOLLOWERS.items()}
    allowed = expect(404, **{**answers, Role.FUNDING_OFFICER.value: 302})
    for name, user in people.items():
        if name == Role.FUNDING_OFFICER.value:
            continue
        client.logout()
        if user is not None:
            client.force_login(user)
        assert client.post(url(project), data).status_code == allowed[name], name
    assert not Refund.objects.exists()
    client.force_login(people[Role.FUNDING_OFFICER.value])
    assert client.post(url(project), data).status_code == 302
    assert Refund.objects.get().reference == "RF-1"


def test_the_page_names_the_refused_field(client, officer, project):
    officer.preferred_language = "en"
    officer.save(update_fields=["preferred_language"])
    client.force_login(officer)
    data = {"amount": "1.00", "refunded_on": "2025-02-01", "reference": "RF-1"}
    response = client.post(url(project), data)
    assert response.status_code == 200
    assert "730,000.00" in str(response.context["form"].errors["amount"])
    assert not Refund.objects.exists()


def test_an_approved_proposal_has_no_financial_report(client, officer):
    project = funded_project(officer)
    Proposal.objects.filter(pk=project.pk).update(state=ProposalState.APPROVED)
    project.award.delete()
    client.force_login(officer)
    assert client.get(url(project)).status_code == 404


def test_the_project_page_shows_the_balance_and_the_refund(client, officer, project):
    record(project, officer, reference="RF-2568-009")
    client.force_login(officer)
    html = client.get(reverse("projects:project", args=[project.pk])).content.decode()
    assert url(project) in html
    assert "730,000.00" in html and "RF-2568-009" in html


def test_the_financial_report_runs_as_many_queries_with_many_categories(client, officer):
    project = funded_project(officer)
    award = project.award
    fiscal_year = AwardBudget.objects.filter(award=award).first().fiscal_year
    report = project.reports.get(kind=K.MONTH_6)
    put_report(project, K.MONTH_6, ProgressReportState.ACCEPTED)
    made = []

    def make_rows(count):
        for _ in range(count):
            number = len(made)
            extra = BudgetCategory.objects.create(
                call=project.call, code=f"extra-{number}", name_th="x", name_en="x", position=50
            )
            AwardBudget.objects.create(
                award=award, category=extra, fiscal_year=fiscal_year, amount=D(1)
            )
            Spending.objects.create(report=report, category=extra, amount=D(1))
            made.append(extra)

    queries = assert_flat_queries(client, officer, url(project), make_rows)
    assert queries == 6
