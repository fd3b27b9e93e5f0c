"""The exports after approved change requests: the budget workbooks show the reallocated
approved budget and the new end date, the KPI matrix the moved commitments; and the budget
workbook carries the financial report (spent per category against approved, the refund)."""

from decimal import Decimal

import pytest
from django.utils import timezone, translation

from projects.changes import checks
from projects.changes import services as changes
from projects.financial import services as financial
from projects.models import ChangeKind, Instalment, InstalmentState, ProgressReportState, Spending
from proposals.models import BudgetCategory, ProgressReportKind, Proposal, ProposalState
from reports.excel.budget import build_call_budget, build_proposal_budget
from reports.excel.kpi import build_kpi_matrix
from tests.projects.builders import funded_project
from tests.projects.changes_builders import grid_of, start_extension, start_reallocation
from tests.projects.pages import put_report
from tests.reports.excel_helpers import data_of, header_of, open_book, rows_of

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


@pytest.fixture
def project(officer, manager):
    project = funded_project(officer)
    project.call.programme.managers.add(manager)
    Proposal.objects.filter(pk=project.pk).update(sequence=1)
    return Proposal.objects.get(pk=project.pk)


def approve(change, officer, manager):
    change = changes.submit_change(change=change, actor=change.proposal.lead)
    change = changes.recommend_change(change=change, actor=officer, comment="Checked.")
    return changes.approve_change(change=change, actor=manager)


def approved_cells(sheet, years):
    """{(category name, fiscal year): approved amount} of the financial report sheet."""
    header = header_of(sheet)
    cells = {}
    for row in data_of(sheet):
        for year in years:
            index = header.index(f"Approved FY {year}")
            if row[index]:
                cells[(row[0], year)] = D(str(row[index]))
    return cells


def expected_cells(project):
    names = {c.pk: c.name_en for c in BudgetCategory.objects.filter(call=project.call)}
    return {(names[c], y): amount for (c, y), amount in grid_of(project).items() if amount}


def test_the_project_budget_workbook_shows_the_reallocated_budget(project, officer, manager):
    before = expected_cells(project)
    approve(start_reallocation(project, project.lead, amount="1000.00"), officer, manager)
    after = expected_cells(project)
    assert after != before
    book = open_book(build_proposal_budget(project, user=officer))
    years = sorted({year for _name, year in after})
    assert approved_cells(book["Financial report"], years) == after


def test_the_call_budget_workbook_shows_the_reallocated_budget(project, officer, manager):
    approve(start_reallocation(project, project.lead, amount="1000.00"), officer, manager)
    book = open_book(build_call_budget(project.call, user=officer))
    sheet = book["Approved budget"]
    header = header_of(sheet)
    codes = {c.pk: c.code for c in BudgetCategory.objects.filter(call=project.call)}
    found = {}
    for row in data_of(sheet):
        for index, title in enumerate(header):
            if title.startswith("Approved FY ") and row[index]:
                found[(row[1], int(title.removeprefix("Approved FY ")))] = D(str(row[index]))
    assert {row[0] for row in data_of(sheet)} == {project.reference}
    assert found == {(codes[c], y): amount for (c, y), amount in grid_of(project).items() if amount}


def test_the_budget_workbook_shows_the_end_date_after_an_extension(project, officer, manager):
    change = approve(start_extension(project, project.lead, months=3), officer, manager)
    book = open_book(build_proposal_budget(project, user=officer))
    summary = {row[0]: row for row in rows_of(book["Financial summary"])[1:]}
    assert summary["Ends on"][2].date() == change.new_ends_on


def test_the_kpi_matrix_shows_the_moved_commitments(project, officer, manager):
    before = checks.committed_targets(project)
    key = next(iter(sorted(before, key=str)))
    moved = {**before, key: before[key] + 7}
    change = changes.start_change(
        proposal=project,
        actor=project.lead,
        kind=ChangeKind.COMMITMENTS,
        reason="A second district joined.",
        targets={checks.target_key(*k): value for k, value in moved.items()},
    )
    programme = project.call.programme

    def committed():
        """The committed figures of the indicator's rows for that fiscal year: its
        municipalities' rows and the year's total."""
        sheet = open_book(build_kpi_matrix(programme, user=officer))["Matrix"]
        header = header_of(sheet)
        code, year, value = (
            header.index("Code"),
            header.index("Fiscal year"),
            header.index("Committed"),
        )
        indicator_code = project.contributions.filter(indicator_id=key[0]).first().indicator.code
        return [
            D(str(row[value] or 0))
            for row in data_of(sheet, totals=False)
            if row[code] == indicator_code and row[year] == key[1]
        ]

    first = committed()
    approve(change, officer, manager)
    moved_by = [after - before for after, before in zip(committed(), first, strict=True)]
    assert D(7) in moved_by
    assert set(moved_by) <= {D(0), D(7)}


def test_the_budget_workbook_carries_the_financial_report_and_the_refund(project, officer):
    personnel = BudgetCategory.objects.get(call=project.call, code="personnel")
    final = project.reports.get(kind=ProgressReportKind.FINAL)
    Spending.objects.create(report=final, category=personnel, amount=D("150000.00"))
    put_report(project, ProgressReportKind.FINAL, ProgressReportState.ACCEPTED)
    Instalment.objects.filter(proposal=project).update(state=InstalmentState.RELEASED)
    Proposal.objects.filter(pk=project.pk).update(state=ProposalState.COMPLETED)
    financial.record_refund(
        proposal=project,
        actor=officer,
        amount=D("750000.00"),
        refunded_on=timezone.localdate(),
        reference="RF-77",
    )
    book = open_book(build_proposal_budget(project, user=officer))
    sheet = book["Financial report"]
    header = header_of(sheet)
    row = next(row for row in data_of(sheet) if row[0] == personnel.name_en)
    assert row[header.index("Spent FY 2569")] == 150000
    summary = {row[0]: row for row in rows_of(book["Financial summary"])[1:]}
    assert summary["Unspent balance"][3] == 750000
    assert summary["Refund"][1:4:2] == ["Refund recorded", 750000]
    assert summary["Refund reference"][1] == "RF-77"
