"""Organisation records: found by name (the same name, whatever its capitals and spaces, is one
record), added when a person names one that is not listed yet, and edited by administrators and
programme managers. Every write here is audited.

A person's organisation is the record (`User.organisation_record`); `User.organisation` keeps a
copy of the record's name, so that what was typed stays readable and the pages, exports and
documents that print it need no join. Apps that copy the name too (a proposal's team) follow a
renamed record through the `accounts.organisation_renamed` hook."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts import audit
from accounts.models import Organisation, User
from core.hooks import Hook

AUDIT_ACTIONS = [
    ("organisation.added", _("Organisation added"), None),
    ("organisation.changed", _("Organisation changed"), None),
]

RENAMED = Hook(
    "accounts.organisation_renamed",
    "Copy an organisation record's new name where an app keeps it as text: fn(organisation) "
    "-> rows changed.",
)

EDITABLE_FIELDS = ("name", "name_en", "identifier")


def register_renamed(fn):
    return RENAMED.register(fn)


def tidy_name(text):
    """The name with its spaces tidied (one between words, none around)."""
    return " ".join((text or "").split())


def find_organisation(name):
    """The record named `name` (capitals and spaces aside), or None."""
    name = tidy_name(name)
    return Organisation.objects.filter(name__iexact=name).order_by("pk").first() if name else None


@transaction.atomic
def organisation_named(*, actor, name):
    """The record of `name`, added (and audited) when there is none yet; None for no name."""
    name = tidy_name(name)
    if not name:
        return None
    record = find_organisation(name)
    if record is None:
        record, created = Organisation.objects.get_or_create(name=name)
        if created:
            audit.record(actor=actor, action="organisation.added", obj=record, data={"name": name})
    return record


def saved(*, actor, organisation):
    """A form's choice as a record: a listed one as it is, a new one (unsaved) or a name
    added."""
    if isinstance(organisation, str):
        return organisation_named(actor=actor, name=organisation)
    if organisation is None or organisation.pk:
        return organisation
    return organisation_named(actor=actor, name=organisation.name)


@transaction.atomic
def set_organisation(*, actor, user, organisation):
    """Make `organisation` (a record, a new unsaved one, a name, or None) `user`'s
    organisation."""
    record = saved(actor=actor, organisation=organisation)
    user.organisation_record = record
    user.organisation = record.name if record else ""
    user.save(update_fields=["organisation_record", "organisation"])
    return record


def link_organisation(*, user):
    """Link `user` to the record of the organisation text they have (set by a sign-in
    provider, the demo or an import), adding the record when new; blank text unlinks."""
    record = organisation_named(actor=None, name=user.organisation)
    if user.organisation_record_id != (record.pk if record else None):
        user.organisation_record = record
        user.save(update_fields=["organisation_record"])
    return record


@transaction.atomic
def update_organisation(*, actor, organisation, data):
    """Change a record's names and identifier; a new name is copied to everyone who names it.
    Returns the changes {field: [old, new]} (audited when any)."""
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changes = {
        field: [getattr(locked, field), data[field]]
        for field in EDITABLE_FIELDS
        if field in data and getattr(locked, field) != data[field]
    }
    if not changes:
        return changes
    for field, (_old, new) in changes.items():
        setattr(locked, field, new)
    locked.full_clean()
    locked.save(update_fields=list(changes))
    if "name" in changes:
        copies = User.objects.filter(organisation_record=locked).update(organisation=locked.name)
        for fn in RENAMED:
            copies += fn(locked)
        changes["copies_renamed"] = copies
    audit.record(actor=actor, action="organisation.changed", obj=locked, data=changes)
    organisation.__dict__.update({field: getattr(locked, field) for field in EDITABLE_FIELDS})
    return changes
