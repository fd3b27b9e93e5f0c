"""Who may see and do what with a funded project, as small predicates shared by the views,
the templates, the services and the tests. Reviewers see no project."""

from accounts.roles import Role
from accounts.rules import has_role
from projects.models import ProgressReportState
from proposals.models import ProposalState
from proposals.rules import is_team_editor


def manages_programme(user, proposal):
    return has_role(user, Role.PROGRAMME_MANAGER) and user.manages(proposal.call.programme_id)


def is_project(proposal):
    return proposal.state in ProposalState.funded()


def can_view_project(user, proposal):
    """The team, funding officers, the programme's managers and administrators follow a
    funded project."""
    if not (user.is_authenticated and is_project(proposal)):
        return False
    return (
        is_team_editor(user, proposal)
        or has_role(user, Role.FUNDING_OFFICER)
        or has_role(user, Role.ADMINISTRATOR)
        or manages_programme(user, proposal)
    )


def can_fund(user, proposal):
    """Funding officers record the contract of an approved proposal."""
    return has_role(user, Role.FUNDING_OFFICER) and proposal.state == ProposalState.APPROVED


def can_list_projects(user):
    """Researchers (their team's projects) and staff open the list of projects; reviewers and
    people without a role have no project to follow."""
    return user.is_authenticated and (has_role(user, Role.RESEARCHER) or user.holds_staff_role)


def can_filter_projects(user):
    """Staff follow many projects and filter the list; a researcher sees their few."""
    return user.is_authenticated and user.holds_staff_role


def releases_instalments(user):
    """Funding officers whose role holds the permission to release instalments."""
    return has_role(user, Role.FUNDING_OFFICER) and user.has_perm("projects.release_instalment")


def can_record_payments(user, proposal):
    """The "Record payment" buttons: funding officers, while payments may be recorded."""
    return releases_instalments(user) and proposal.state in (
        ProposalState.ACTIVE,
        ProposalState.COMPLETED,
    )


def can_record_refund(user, proposal):
    """Funding officers record the refund of a finished project's unspent balance."""
    return can_record_payments(user, proposal)


def can_read_portfolio(user, programme):
    """A programme's portfolio is public once it publishes it; staff may preview it before."""
    return programme.public_portfolio or (user.is_authenticated and user.holds_staff_role)


def can_edit_report(user, report):
    """The team writes its report while the project is active and the report is a draft or
    was returned."""
    proposal = report.proposal
    return (
        proposal.state == ProposalState.ACTIVE
        and report.state in ProgressReportState.editable()
        and is_team_editor(user, proposal)
    )


def writes_results_of_every_project(user):
    """Funding officers fill in the indicator results of any project (from a spreadsheet a
    municipality sent, say), through the Excel import."""
    return has_role(user, Role.FUNDING_OFFICER)


def can_write_results(user, proposal):
    """Who may write the indicator results of `proposal`'s reports (while they take changes):
    its team, and funding officers."""
    return writes_results_of_every_project(user) or is_team_editor(user, proposal)


def can_submit_report(user, report):
    return can_edit_report(user, report)


def can_view_report(user, report):
    return can_view_project(user, report.proposal)


def can_decide_report(user, report):
    """Funding officers accept or return a submitted report."""
    return (
        has_role(user, Role.FUNDING_OFFICER)
        and user.has_perm("projects.accept_progressreport")
        and report.state == ProgressReportState.SUBMITTED
    )


def can_allow_early_submission(user, report):
    """Funding officers let the team submit a report before its period ends (with a reason),
    while the project is active and the report is still being written."""
    return (
        has_role(user, Role.FUNDING_OFFICER)
        and report.proposal.state == ProposalState.ACTIVE
        and report.state in ProgressReportState.editable()
        and not report.period_ended()
        and not report.early_allowed
    )


def can_release_instalment(user, instalment):
    """Funding officers record payments of an active or completed project."""
    return can_record_payments(user, instalment.proposal)
