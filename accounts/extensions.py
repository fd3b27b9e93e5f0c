"""What accounts adds to the extension points: the names of its own audit actions."""

from accounts import audit
from accounts.privacy import services as privacy


def connect():
    for module in (audit, privacy):
        for code, label, describe in module.AUDIT_ACTIONS:
            audit.register_action(code, label, describe)
