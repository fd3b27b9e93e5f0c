"""What proposals add to the extension points: the readable names of their audit actions.

The lifecycle's own hooks (conditions, effects and step pages of each transition) are declared
in `proposals/lifecycle/services.py`; the apps above fill them from their extensions.py.
"""

from accounts.audit import register_action
from proposals.calls import services as calls
from proposals.editing import services as editing
from proposals.lifecycle import services as lifecycle
from proposals.team import services as team
from proposals.writing import services as writing


def connect():
    for module in (calls, writing, team, editing, lifecycle):
        for code, label, describe in module.AUDIT_ACTIONS:
            register_action(code, label, describe)
