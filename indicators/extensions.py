"""What indicators adds to the extension points: the names of its audit actions."""

from accounts.audit import register_action
from indicators import services
from indicators.excel import apply


def connect():
    for code, label, describe in [*services.AUDIT_ACTIONS, *apply.AUDIT_ACTIONS]:
        register_action(code, label, describe)
