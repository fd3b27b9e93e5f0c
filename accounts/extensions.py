"""What accounts adds to the extension points: the names of its own audit actions."""

from accounts import audit


def connect():
    for code, label, describe in audit.AUDIT_ACTIONS:
        audit.register_action(code, label, describe)
