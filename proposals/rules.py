"""Who may see and configure calls for proposals, as small predicates.

Views, templates and tests all ask these, so that a page and its buttons never disagree.
"""

from accounts.roles import Role
from accounts.rules import has_role


def can_manage_calls(user):
    """Funding officers configure, publish and withdraw calls."""
    return has_role(user, Role.FUNDING_OFFICER)


def can_view_call(user, call):
    """A published call is public, even to anonymous visitors; a draft only to call managers."""
    return call.is_published or can_manage_calls(user)
