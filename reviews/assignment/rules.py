"""Who may read and keep the reviewer pool and assign reviewers, as small predicates used by
the views, the templates and the tests alike."""

from accounts.roles import Role
from accounts.rules import has_role


def can_assign(user):
    """Funding officers assign reviewers and cancel assignments."""
    return has_role(user, Role.FUNDING_OFFICER)


def can_edit_pool(user):
    """Funding officers keep the reviewers' profiles."""
    return has_role(user, Role.FUNDING_OFFICER)


def can_read_pool(user):
    """Officers and programme managers read the pool, with loads."""
    return can_edit_pool(user) or has_role(user, Role.PROGRAMME_MANAGER)
