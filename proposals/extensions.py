"""What proposals add to the extension points: the readable names of their audit actions, and
which indicators proposals commit targets to (their definition is then locked), and the full
proposal an invited concept gets (an effect of the lifecycle's `invite`).

The lifecycle's own hooks (conditions, effects and step pages of each transition) are declared
in `proposals/lifecycle/services.py`; the apps above fill them from their extensions.py.
"""

from accounts.audit import register_action
from accounts.notifications.kinds import register_kind
from accounts.organisations.services import register_renamed
from accounts.privacy.erasure import register_erasure
from accounts.privacy.exports import register_personal_data
from accounts.privacy.models import RetentionKind
from accounts.privacy.retention import register_retention
from indicators.locks import DEFINITION_USES
from proposals.calls import services as calls
from proposals.editing import selectors as editing_selectors
from proposals.editing import services as editing
from proposals.lifecycle import notices as lifecycle_notices
from proposals.lifecycle import services as lifecycle
from proposals.lifecycle.services import register_effect
from proposals.mentoring import notices as mentoring_notices
from proposals.mentoring import services as mentoring
from proposals.privacy import selectors as privacy
from proposals.privacy import services as privacy_services
from proposals.stages import services as stages
from proposals.team import notices as team_notices
from proposals.team import services as team
from proposals.workshops import notices as workshop_notices
from proposals.workshops import services as workshops
from proposals.writing import services as writing


def connect():
    register_personal_data("proposals", privacy.proposals_section)
    register_erasure(privacy_services.pseudonymise_team)
    register_renamed(team.follow_renamed_organisation)
    register_retention(RetentionKind.REJECTED_PROPOSALS, privacy_services.remove_ended_proposals)
    DEFINITION_USES.register(editing_selectors.indicators_with_contributions)
    register_effect("invite", stages.start_full_proposal)
    for module in (calls, writing, team, editing, lifecycle, workshops, mentoring, stages):
        for code, label, describe in module.AUDIT_ACTIONS:
            register_action(code, label, describe)
    for kind in [
        *lifecycle_notices.MESSAGES.values(),
        *mentoring_notices.MESSAGES,
        *team_notices.MESSAGES,
        *workshop_notices.MESSAGES,
    ]:
        register_kind(kind)
