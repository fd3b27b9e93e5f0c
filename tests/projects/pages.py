"""Helpers of the project pages' tests: everyone around a funded project, and reports put in
a state without going through the report pages."""

from accounts.roles import Role
from projects.models import ProgressReport, ProgressReportState
from projects.progress.services import states as report_states
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS, OUTSIDER
from tests.projects.builders import add_member, funded_project
from tests.projects.builders import report_of as report

LOGIN = 302


def people_around(proposal, personas):
    """The personas of `assert_access` plus the lead, an accepted team member, a researcher of
    another funded project and the programme's own manager. (The personas' programme manager
    does not manage this programme.)"""
    other_project = funded_project(personas[Role.FUNDING_OFFICER.value])
    own_manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    proposal.call.programme.managers.add(own_manager)
    return {
        **personas,
        "lead": proposal.lead,
        "team_member": add_member(proposal),
        "other_team": other_project.lead,
        "own_manager": own_manager,
    }


def expect(default=404, **answers):
    """An expected answer for every person of `people_around`: `default` unless said."""
    names = [role.value for role in Role] + [
        OUTSIDER,
        "lead",
        "team_member",
        "other_team",
        "own_manager",
    ]
    return {**dict.fromkeys(names, default), ANONYMOUS: LOGIN, **answers}


def put_report(proposal, kind, state):
    """Put a report in `state` directly (the report pages' checks are not under test here)."""
    ProgressReport.objects.filter(proposal=proposal, kind=kind).update(state=state)
    return report(proposal, kind)


def accept(proposal, kind, officer):
    """Submit (directly) and accept a report through the service, so that its results reach
    the ledger and its instalments become due."""
    submitted = put_report(proposal, kind, ProgressReportState.SUBMITTED)
    return report_states.accept_report(report=submitted, actor=officer)
