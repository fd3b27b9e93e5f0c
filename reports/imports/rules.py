"""Who may import indicator results from Excel, and into which reports.

A project's team writes its own reports; a funding officer may fill in the results of any
active project (e.g. from a spreadsheet a municipality sent). Either way only a report still
with the team (a draft, or returned for changes) takes results.
"""

from projects.models import ProgressReportState
from projects.rules import can_write_results, writes_results_of_every_project
from projects.selectors import team_projects
from proposals.models import Proposal, ProposalState


def imports_for_every_project(user):
    """Funding officers import results into any active project."""
    return writes_results_of_every_project(user)


def may_use_results_import(user):
    """The import page is for funding officers and the teams of active projects."""
    if not user.is_authenticated:
        return False
    if imports_for_every_project(user):
        return True
    return Proposal.objects.filter(pk__in=team_projects(user), state=ProposalState.ACTIVE).exists()


def may_import_project(user, proposal):
    """Whether `user` may import results into `proposal`'s reports, whatever their state:
    an officer any project, a team its own (the state of the project is checked apart, so
    that a person is told why)."""
    return can_write_results(user, proposal)


def may_import_into(user, report):
    """Whether `user` may import results into `report` now (expects the proposal's team
    fetched)."""
    proposal = report.proposal
    return (
        proposal.state == ProposalState.ACTIVE
        and report.state in ProgressReportState.editable()
        and may_import_project(user, proposal)
    )
