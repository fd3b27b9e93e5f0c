"""Who may have each Excel export: the people who may open the page it comes from."""

from accounts.roles import Role
from accounts.rules import has_role
from indicators.rules import can_view_dashboards
from proposals.lifecycle.rules import can_use_register
from proposals.rules import can_view_proposal
from reviews.scoring.rules import can_view_ranking


class CommandLine:
    """Who the selectors see when the command line (user None) writes a document: it may
    write everything, as a funding officer reads every call."""

    is_authenticated = True

    def has_role(self, role):
        return role == Role.FUNDING_OFFICER


def reader(user):
    """`user`, or the command line's stand-in when there is none."""
    return CommandLine() if user is None else user


def may_export_register(user, programme):
    """Funding officers, and the managers of this programme, as on the register page."""
    if not can_use_register(user):
        return False
    return has_role(user, Role.FUNDING_OFFICER) or user.manages(programme.pk)


def may_export_scores(user, call):
    """Funding officers and the managers of the call's programme, as the ranking page."""
    return can_view_ranking(user, call)


def may_export_call_budget(user, call):
    """The call's staff: funding officers and the managers of its programme."""
    return can_view_ranking(user, call)


def may_export_proposal_budget(user, proposal):
    """Whoever reads the proposal: its team, funding officers, the programme's managers."""
    return can_view_proposal(user, proposal)


def may_export_kpi_matrix(user, programme):
    """Whoever watches the KPI dashboards: funding officers, programme managers and
    administrators (as `indicators.rules.can_view_dashboards`)."""
    return can_view_dashboards(user)


def may_export_instalments(user, programme):
    """Funding officers and administrators, and the managers of this programme."""
    if has_role(user, Role.FUNDING_OFFICER) or has_role(user, Role.ADMINISTRATOR):
        return True
    return has_role(user, Role.PROGRAMME_MANAGER) and user.manages(programme.pk)


def may_export_risks(user, programme):
    """Who reads the risk list: funding officers and administrators, and this programme's
    managers."""
    return may_export_instalments(user, programme)


def may_export_adoption(user, programme):
    """Anyone holding a staff role: the matrix page itself is public."""
    return bool(user.is_authenticated and user.holds_staff_role)
