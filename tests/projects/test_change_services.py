"""Change requests through their services: the steps and who may take them, the call's rules
(approved total, caps, spending, longest extension, how many, the officer's share), and what an
approval applies to the award, its budget and the final report, with before and after kept."""

import datetime
from decimal import Decimal

import pytest

from accounts.models import AuditEntry, Notification
from accounts.roles import Role
from projects.changes import checks
from projects.changes import services as changes
from projects.models import (
    Award,
    ChangeKind,
    ChangePolicy,
    ChangeRequest,
    ChangeState,
    Instalment,
    ProgressReportState,
    Spending,
)
from projects.services import ProjectError
from proposals.models import ProgressReportKind, Proposal, ProposalState
from tests.factories import UserFactory
from tests.projects.builders import END, add_member, funded_project, report_of
from tests.projects.changes_builders import (
    grid_of,
    moved_grid,
    start_extension,
    start_reallocation,
)
from tests.projects.pages import put_report

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def project(officer, manager):
    project = funded_project(officer)
    project.call.programme.managers.add(manager)
    return project


def submitted(change):
    return changes.submit_change(change=change, actor=change.proposal.lead)


def recommended(change, officer):
    return changes.recommend_change(change=submitted(change), actor=officer, comment="Checked.")


def refused(call, **kwargs):
    with pytest.raises(ProjectError) as error:
        call(**kwargs)
    return error.value.messages


def test_a_recommended_reallocation_approved_by_the_manager_replaces_the_budget(
    project, officer, manager, django_capture_on_commit_callbacks
):
    before = grid_of(project)
    change = start_reallocation(project, project.lead, amount="100000.00")
    with django_capture_on_commit_callbacks(execute=True):
        change = recommended(change, officer)
        change = changes.approve_change(change=change, actor=manager, comment="Agreed.")
    after = grid_of(project)
    assert change.state == ChangeState.APPROVED
    assert after != before
    assert sum(after.values()) == sum(before.values()) == D("900000.00")
    assert change.before == {"budget": {checks.cell_key(*k): str(v) for k, v in before.items()}}
    assert change.after == {
        "budget": {checks.cell_key(*k): str(v) for k, v in sorted(after.items())}
    }
    assert list(
        AuditEntry.objects.filter(action__startswith="change_request.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "change_request.create",
        "change_request.submit",
        "change_request.recommend",
        "change_request.approve",
    ]
    assert Notification.objects.filter(recipient=manager).count() == 1  # the recommendation
    assert Notification.objects.filter(recipient=project.lead).count() == 1  # the approval
    assert Notification.objects.filter(recipient=officer).count() == 2  # submitted, approved


def test_a_move_above_the_calls_share_needs_the_manager(project, officer):
    change = submitted(start_reallocation(project, project.lead, amount="90000.01"))
    assert not checks.officer_decides_alone(change)
    refused(changes.approve_change, change=change, actor=officer)
    changes.recommend_change(change=change, actor=officer)
    assert ChangeRequest.objects.get(pk=change.pk).state == ChangeState.RECOMMENDED


def test_a_move_within_the_calls_share_is_approved_by_the_officer_alone(project, officer):
    change = submitted(start_reallocation(project, project.lead, amount="90000.00"))
    assert checks.officer_decides_alone(change)
    changes.approve_change(change=change, actor=officer)
    assert ChangeRequest.objects.get(pk=change.pk).state == ChangeState.APPROVED
    assert grid_of(project) == checks.proposed_grid(change)


def test_the_calls_share_is_set_per_call(project, officer):
    ChangePolicy.objects.create(call=project.call, officer_share_percent=D("0"))
    change = submitted(start_reallocation(project, project.lead, amount="1.00"))
    assert not checks.officer_decides_alone(change)


def test_a_reallocation_keeps_the_approved_total(project):
    budget = moved_grid(project, "100.00")
    first = next(iter(budget))
    budget[first] = budget[first] + D("1.00")
    change = changes.start_change(
        proposal=project, actor=project.lead, kind=ChangeKind.BUDGET, reason="x", budget=budget
    )
    problems = refused(changes.submit_change, change=change, actor=project.lead)
    assert "900,001.00" in problems[0]  # and the fee is no longer exactly 10%
    assert ChangeRequest.objects.get(pk=change.pk).state == ChangeState.DRAFT


def test_a_reallocation_keeps_the_calls_caps(project):
    capped = next(c for c in project.call.budget_categories.all() if c.cap_percent == D("20"))
    grid = dict(grid_of(project))
    source = max(grid, key=grid.get)
    grid[source] -= D("300000.00")
    grid[(capped.pk, source[1])] = grid.get((capped.pk, source[1]), D(0)) + D("300000.00")
    change = changes.start_change(
        proposal=project,
        actor=project.lead,
        kind=ChangeKind.BUDGET,
        reason="A bigger server.",
        budget={checks.cell_key(*key): value for key, value in grid.items()},
    )
    problems = refused(changes.submit_change, change=change, actor=project.lead)
    assert any("20%" in problem for problem in problems)


def test_a_category_cannot_fall_below_what_accepted_reports_spent(project):
    change = start_reallocation(project, project.lead, amount="100000.00")
    source = next(
        key for key, value in checks.proposed_grid(change).items() if value < grid_of(project)[key]
    )
    report = put_report(project, ProgressReportKind.MONTH_6, ProgressReportState.ACCEPTED)
    Spending.objects.create(report=report, category_id=source[0], amount=D("500000.00"))
    problems = refused(changes.submit_change, change=change, actor=project.lead)
    assert len(problems) == 1 and "500,000.00" in problems[0]


def test_an_approved_extension_moves_the_end_and_the_final_report(project, officer, manager):
    final_instalment = Instalment.objects.get(proposal=project, report_kind="final")
    change = start_extension(project, project.lead, months=3)
    changes.approve_change(change=recommended(change, officer), actor=manager)
    award = Award.objects.get(proposal=project)
    final = report_of(project, ProgressReportKind.FINAL)
    assert award.ends_on == change.new_ends_on == END + datetime.timedelta(days=90)
    assert (final.period_end, final.due_on) == (
        award.ends_on,
        award.ends_on + datetime.timedelta(days=30),
    )
    assert Instalment.objects.get(pk=final_instalment.pk).report == final
    approved = ChangeRequest.objects.get(pk=change.pk)
    assert approved.before == {"ends_on": END.isoformat()}
    assert approved.after["ends_on"] == award.ends_on.isoformat()


def test_an_extension_is_at_most_the_calls_longest(project):
    change = start_extension(project, project.lead, months=7)  # the default allows 6
    problems = refused(changes.submit_change, change=change, actor=project.lead)
    assert len(problems) == 1


def test_an_extension_must_move_the_end_later(project):
    change = changes.start_change(
        proposal=project,
        actor=project.lead,
        kind=ChangeKind.EXTENSION,
        reason="x",
        new_ends_on=END,
    )
    assert len(refused(changes.submit_change, change=change, actor=project.lead)) == 1


def test_a_call_allows_so_many_extensions(project, officer, manager):
    changes.approve_change(
        change=recommended(start_extension(project, project.lead, months=1), officer),
        actor=manager,
    )
    second = start_extension(Proposal.objects.get(pk=project.pk), project.lead, months=1)
    assert len(refused(changes.submit_change, change=second, actor=project.lead)) == 1
    ChangePolicy.objects.create(call=project.call, max_extensions=2)
    submitted(second)


def test_no_extension_once_the_final_report_is_submitted(project):
    put_report(project, ProgressReportKind.FINAL, ProgressReportState.SUBMITTED)
    change = start_extension(project, project.lead)
    assert len(refused(changes.submit_change, change=change, actor=project.lead)) == 1


def test_the_call_may_leave_extensions_to_the_officer(project, officer):
    change = submitted(start_extension(project, project.lead))
    assert not checks.officer_decides_alone(change)
    ChangePolicy.objects.create(call=project.call, officer_approves_extensions=True)
    changes.approve_change(change=change, actor=officer)
    assert ChangeRequest.objects.get(pk=change.pk).state == ChangeState.APPROVED


def test_a_returned_request_is_written_again_and_resubmitted(project, officer):
    change = submitted(start_reallocation(project, project.lead))
    refused(changes.return_change, change=change, actor=officer, comment=" ")
    assert ChangeRequest.objects.get(pk=change.pk).state == ChangeState.SUBMITTED
    changes.return_change(change=change, actor=officer, comment="Attach the quotation.")
    member = add_member(project)
    changes.update_change(
        change=change, actor=member, reason="With the quotation.", budget=change.budget
    )
    again = submitted(ChangeRequest.objects.get(pk=change.pk))
    assert (again.state, again.reason) == (ChangeState.SUBMITTED, "With the quotation.")


def test_a_rejection_needs_a_reason_and_changes_nothing(project, officer, manager):
    before = grid_of(project)
    change = recommended(start_reallocation(project, project.lead, amount="100000.00"), officer)
    refused(changes.reject_change, change=change, actor=manager, comment="")
    changes.reject_change(change=change, actor=manager, comment="Not needed.")
    assert ChangeRequest.objects.get(pk=change.pk).state == ChangeState.REJECTED
    assert grid_of(project) == before


def test_only_the_team_asks_and_only_one_request_of_a_kind_at_a_time(project, officer):
    refused(start_reallocation, project=project, actor=officer)
    start_reallocation(project, project.lead)
    refused(start_reallocation, project=project, actor=project.lead)
    start_extension(project, project.lead)  # another kind is fine


def test_a_manager_of_another_programme_and_a_reviewer_decide_nothing(project, officer, reviewer):
    change = recommended(start_reallocation(project, project.lead, amount="100000.00"), officer)
    stranger = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    for person in (stranger, reviewer, project.lead):
        refused(changes.approve_change, change=change, actor=person)
    assert ChangeRequest.objects.get(pk=change.pk).state == ChangeState.RECOMMENDED


def test_no_change_is_asked_of_a_project_that_is_no_longer_active(project):
    Proposal.objects.filter(pk=project.pk).update(state=ProposalState.COMPLETED)
    refused(start_reallocation, project=Proposal.objects.get(pk=project.pk), actor=project.lead)


def _targets(grid):
    return {checks.target_key(*key): value for key, value in grid.items()}


def test_approved_commitments_move_the_targets_and_the_ledger(project, officer, manager):
    from indicators.models import Commitment
    from projects.services import ledger_source

    before = checks.committed_targets(project)
    (indicator, year, town), value = next(iter(sorted(before.items(), key=str)))
    other_year = next(y for y in checks.grid_years(project.award) if y != year)
    proposed = {**before, (indicator, year, town): value + 5, (indicator, other_year, town): D(2)}
    change = changes.start_change(
        proposal=project,
        actor=project.lead,
        kind=ChangeKind.COMMITMENTS,
        reason="The second municipality joined late.",
        targets=_targets(proposed),
    )
    change = submitted(change)
    assert not checks.officer_decides_alone(change)
    refused(changes.approve_change, change=change, actor=officer)
    changes.approve_change(change=recommended_again(change, officer), actor=manager)
    assert checks.committed_targets(project) == proposed
    ledger = Commitment.objects.filter(source=ledger_source(project), indicator_id=indicator)
    assert {(row.fiscal_year.year_be, row.value) for row in ledger} >= {
        (year, value + 5),
        (other_year, D(2)),
    }
    approved = ChangeRequest.objects.get(pk=change.pk)
    assert approved.before == {"targets": {k: str(v) for k, v in sorted(_targets(before).items())}}


def recommended_again(change, officer):
    return changes.recommend_change(change=change, actor=officer)


def test_commitments_refuse_negative_targets_and_lines_not_committed(project):
    before = checks.committed_targets(project)
    (indicator, year, town), _value = next(iter(before.items()))
    negative = changes.start_change(
        proposal=project,
        actor=project.lead,
        kind=ChangeKind.COMMITMENTS,
        reason="x",
        targets=_targets({**before, (indicator, year, town): D(-1)}),
    )
    assert len(refused(changes.submit_change, change=negative, actor=project.lead)) == 1
    changes.update_change(
        change=negative,
        actor=project.lead,
        reason="x",
        targets=_targets({**before, (999999, year, None): D(1)}),
    )
    assert len(refused(changes.submit_change, change=negative, actor=project.lead)) == 1


def _team(project, **data):
    lead = checks.lead_member(project)
    towns = [p.municipality_id for p in project.municipalities.all()]
    return {"effort": {}, "remove": [], "lead": lead.pk, "municipalities": towns, **data}


def test_an_approved_team_change_passes_the_lead_and_adds_a_municipality(project, officer, manager):
    from accounts.models import Municipality
    from proposals.models import TeamMember, TeamRole
    from tests.factories import MunicipalityFactory

    colleague = add_member(project)
    leaver = add_member(project)
    member = TeamMember.objects.get(proposal=project, user=colleague)
    gone = TeamMember.objects.get(proposal=project, user=leaver)
    old_lead = project.lead
    town = MunicipalityFactory()
    team = _team(project, lead=member.pk, remove=[gone.pk], effort={str(member.pk): "60"})
    team["municipalities"] = [*team["municipalities"], town.pk]
    change = changes.start_change(
        proposal=project, actor=project.lead, kind=ChangeKind.TEAM, reason="x", team=team
    )
    change = submitted(change)
    assert not checks.officer_decides_alone(change)
    changes.approve_change(change=recommended_again(change, officer), actor=manager)
    project = Proposal.objects.get(pk=project.pk)
    assert project.lead == colleague
    member.refresh_from_db()
    assert (member.role, member.effort_percent) == (TeamRole.LEAD, D("60"))
    assert TeamMember.objects.get(proposal=project, user=old_lead).role == TeamRole.CO_RESEARCHER
    assert not TeamMember.objects.filter(pk=gone.pk).exists()
    assert project.municipalities.filter(municipality=town).exists()
    approved = ChangeRequest.objects.get(pk=change.pk)
    assert str(town) not in approved.before["team"]["municipalities"]
    assert str(town) in approved.after["team"]["municipalities"]
    assert Municipality.objects.filter(pk=town.pk).exists()


def test_a_team_change_keeps_the_lead_municipality_and_the_committed_ones(project):
    lead_town = project.municipalities.get(is_lead=True).municipality_id
    change = changes.start_change(
        proposal=project,
        actor=project.lead,
        kind=ChangeKind.TEAM,
        reason="x",
        team=_team(project, municipalities=[]),
    )
    problems = refused(changes.submit_change, change=change, actor=project.lead)
    assert len(problems) >= 1
    assert project.municipalities.filter(municipality_id=lead_town).exists()


def test_a_team_change_that_changes_nothing_is_refused(project):
    change = changes.start_change(
        proposal=project, actor=project.lead, kind=ChangeKind.TEAM, reason="x", team=_team(project)
    )
    assert len(refused(changes.submit_change, change=change, actor=project.lead)) == 1


def test_the_team_withdraws_a_request_and_may_start_another(project, officer):
    change = submitted(start_reallocation(project, project.lead))
    refused(changes.withdraw_change, change=change, actor=officer)
    changes.withdraw_change(change=change, actor=project.lead)
    assert ChangeRequest.objects.get(pk=change.pk).state == ChangeState.WITHDRAWN
    start_reallocation(project, project.lead)
    recommended_change = recommended(start_extension(project, project.lead), officer)
    refused(changes.withdraw_change, change=recommended_change, actor=project.lead)


def test_a_request_is_approved_once(project, officer, manager):
    change = recommended(start_reallocation(project, project.lead, amount="100000.00"), officer)
    changes.approve_change(change=change, actor=manager)
    applied = grid_of(project)
    refused(changes.approve_change, change=change, actor=manager)
    refused(changes.reject_change, change=change, actor=manager, comment="Too late.")
    assert grid_of(project) == applied
    assert AuditEntry.objects.filter(action="change_request.approve").count() == 1
