"""What accounts adds to the extension points: the names of its own audit actions and what
it holds about a person (for the copy of their data)."""

from accounts import audit
from accounts.notifications import kinds, templates
from accounts.organisations import services as organisations
from accounts.privacy import retention
from accounts.privacy import services as privacy
from accounts.privacy.exports import ACCOUNTS_SECTIONS, register_personal_data


def connect():
    for module in (audit, organisations, privacy, retention, templates):
        for code, label, describe in module.AUDIT_ACTIONS:
            audit.register_action(code, label, describe)
    for name, fn in ACCOUNTS_SECTIONS.items():
        register_personal_data(name, fn)
    for message in kinds.ACCOUNTS_MESSAGES:
        kinds.register_kind(message)
    for kind, fn in retention.ACCOUNTS_RETENTION.items():
        retention.register_retention(kind, fn)
