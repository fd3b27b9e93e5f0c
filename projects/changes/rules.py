"""Who may write, check and decide a project's change requests: the team writes them while the
project is active; a funding officer checks, returns and recommends them; a manager of the
programme approves or rejects what the officer recommended, and the officer alone decides the
kinds the call leaves to officers (see `checks.officer_decides_alone`)."""

from accounts.roles import Role
from accounts.rules import has_role
from projects.changes.checks import officer_decides_alone
from projects.models import ChangeState
from projects.rules import can_view_project, manages_programme
from proposals.models import ProposalState
from proposals.rules import is_team_editor


def can_request_change(user, proposal):
    """The team of an active project asks for changes."""
    return proposal.state == ProposalState.ACTIVE and is_team_editor(user, proposal)


def can_view_change(user, change):
    return can_view_project(user, change.proposal)


def can_edit_change(user, change):
    """The team writes a draft or returned request while the project is active."""
    return change.state in ChangeState.editable() and can_request_change(user, change.proposal)


def can_submit_change(user, change):
    return can_edit_change(user, change)


def can_withdraw_change(user, change):
    """The team withdraws a request the officer has not recommended yet."""
    return change.state in (
        ChangeState.DRAFT,
        ChangeState.SUBMITTED,
        ChangeState.RETURNED,
    ) and can_request_change(user, change.proposal)


def checks_changes(user):
    """Funding officers whose role holds the permission to check change requests."""
    allowed = user.has_perm("projects.recommend_changerequest")
    return allowed and has_role(user, Role.FUNDING_OFFICER)


def can_check_change(user, change):
    """An officer returns or recommends a submitted request of an active project."""
    return (
        change.state == ChangeState.SUBMITTED
        and change.proposal.state == ProposalState.ACTIVE
        and checks_changes(user)
    )


def can_decide_change(user, change):
    """A manager of the programme decides a recommended request; an officer decides a
    submitted one alone when the call leaves that kind of change to officers."""
    if change.proposal.state != ProposalState.ACTIVE:
        return False
    if change.state == ChangeState.RECOMMENDED:
        allowed = user.has_perm("projects.decide_changerequest")
        return allowed and manages_programme(user, change.proposal)
    return can_check_change(user, change) and officer_decides_alone(change)


def can_set_change_policy(user):
    """Funding officers, who configure calls, set a call's rules for change requests."""
    return checks_changes(user)
