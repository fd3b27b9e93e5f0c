"""Who reads the early warnings: funding officers (every running project), the programme's
managers (their programmes' projects) and administrators. Teams, reviewers and mentors do not."""

from accounts.roles import Role
from accounts.rules import has_role

RISK_ROLES = (Role.FUNDING_OFFICER, Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR)


def can_view_risks(user):
    return any(has_role(user, role) for role in RISK_ROLES)


def sees_every_project(user):
    """Officers and administrators follow the whole portfolio; a manager only their programmes."""
    return has_role(user, Role.FUNDING_OFFICER) or has_role(user, Role.ADMINISTRATOR)
