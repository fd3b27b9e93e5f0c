"""The copy of a person's data: what every app holds about them, gathered through the
`accounts.personal_data` extension point into one ZIP of JSON files and their own files.

Each app registers, from its extensions.py, `register_personal_data(name, fn)` where
`fn(user)` returns a `Section`: the records (JSON-ready dicts) and the files (name in the
archive, Django file) it holds about the person. Accounts gives the profile, agreements,
notifications, invitations and the audit entries by or about the person."""

import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts import audit
from accounts.privacy.models import DataExport, ExportState
from core.hooks import Hook

PERSONAL_DATA = Hook(
    "accounts.personal_data",
    "What an app holds about a person, per section: fn(user) -> Section.",
    keyed=True,
)


@dataclass
class Section:
    records: list = field(default_factory=list)
    files: list = field(default_factory=list)  # [(name in the archive, FieldFile)]


def register_personal_data(name, fn):
    """Let `fn(user) -> Section` add the file `<name>.json` (and its files) to every export."""
    return PERSONAL_DATA.register(fn, key=name)


def sections(user):
    """{section name: Section} of every app, in the order registered."""
    gathered = {}
    for name, functions in PERSONAL_DATA.items():
        for fn in functions:
            section = fn(user)
            existing = gathered.setdefault(name, Section())
            existing.records += section.records
            existing.files += section.files
    return gathered


def write_archive(user, target):
    """Write the ZIP of `user`'s data to the open binary file `target`; returns the number of
    files of theirs it holds."""
    count = 0
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        index = {"person": user.email, "made_at": timezone.now(), "sections": []}
        for name, section in sections(user).items():
            archive.writestr(f"{name}.json", _json(section.records))
            index["sections"].append({"name": name, "records": len(section.records)})
            for arcname, stored in section.files:
                if not stored or not stored.storage.exists(stored.name):
                    continue
                with stored.open("rb") as source:
                    archive.writestr(f"files/{name}/{_safe(arcname)}", source.read())
                count += 1
        index["files"] = count
        archive.writestr("index.json", _json(index))
    return count


def build_into(export):
    """Build `export`'s archive into its file field (not saved)."""
    with tempfile.TemporaryFile() as scratch:
        write_archive(export.subject, scratch)
        scratch.seek(0)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        export.file.save(f"personal-data-{export.subject_id}-{stamp}.zip", File(scratch), False)
        export.size = export.file.size


def run_export(export_id):
    """Build one export: queued ─▶ running ─▶ done (or failed, with why)."""
    with transaction.atomic():
        export = DataExport.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.state != ExportState.QUEUED:
            return None
        export.state = ExportState.RUNNING
        export.save(update_fields=["state"])
    try:
        build_into(export)
    except Exception as error:  # the export says it failed rather than waiting for ever
        DataExport.objects.filter(pk=export.pk).update(
            state=ExportState.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    with transaction.atomic():
        export.state = ExportState.DONE
        export.finished_at = timezone.now()
        export.save(update_fields=["state", "finished_at", "file", "size"])
        audit.record(
            actor=None,
            action="privacy.export_built",
            obj=export.subject,
            data={"export": export.pk, "size": export.size},
        )
    return export.state


def _json(value):
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _safe(name):
    """A file name inside the archive that cannot climb out of its folder."""
    parts = [part for part in PurePosixPath(str(name)).parts if part not in ("", ".", "..", "/")]
    return "/".join(parts) or "file"


# --- what accounts itself holds ------------------------------------------------------------


def profile_section(user):
    from allauth.account.models import EmailAddress

    record = {
        field_name: getattr(user, field_name)
        for field_name in (
            "email",
            "honorific_th",
            "full_name_th",
            "honorific_en",
            "full_name_en",
            "organisation",
            "phone",
            "expertise_keywords",
            "preferred_language",
            "orcid",
            "date_joined",
            "last_login",
            "is_active",
        )
    }
    record["roles"] = sorted(role.value for role in user.role_names)
    record["email_addresses"] = list(
        EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
    )
    return Section(records=[record])


def consents_section(user):
    from accounts.privacy.models import Consent

    return Section(
        records=list(
            Consent.objects.filter(user=user).values("notice__version", "given_at", "context")
        )
    )


def notifications_section(user):
    return Section(
        records=list(user.notifications.values("title", "body", "url", "created_at", "read_at"))
    )


def invitations_section(user):
    from accounts.models import Invitation

    return Section(
        records=list(
            Invitation.objects.filter(email__iexact=user.email).values(
                "roles", "created_at", "expires_at", "accepted_at", "revoked_at"
            )
        )
    )


def audit_section(user):
    """Audit entries the person made, and those about their account."""
    from django.contrib.contenttypes.models import ContentType

    from accounts.models import AuditEntry

    about = Q(content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk))
    return Section(
        records=list(
            AuditEntry.objects.filter(Q(actor=user) | about)
            .order_by("created_at", "id")
            .values(
                "created_at",
                "action",
                "object_repr",
                "from_state",
                "to_state",
                "comment",
                "data",
                "actor__email",
            )
        )
    )


ACCOUNTS_SECTIONS = {
    "profile": profile_section,
    "consents": consents_section,
    "notifications": notifications_section,
    "invitations": invitations_section,
    "audit": audit_section,
}
