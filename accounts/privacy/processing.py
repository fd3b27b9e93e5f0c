"""The record of processing activities (PDPA section 39), generated from the models: every model
of the apps that holds personal data (a link to a person, an email, a phone, a name, an
organisation, a file a person uploaded), what of it, why and on what basis, and for how long."""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.privacy.models import RetentionKind

APPS = ("accounts", "indicators", "proposals", "projects", "reviews", "reports")
PERSONAL_NAMES = {
    "email",
    "phone",
    "name",
    "full_name_th",
    "full_name_en",
    "honorific_th",
    "honorific_en",
    "organisation",
    "expertise_keywords",
    "keywords_th",
    "keywords_en",
    "conflict_note",
    "comments_to_applicant",
    "confidential_comments",
}

# Why each app holds personal data, and the lawful basis (PDPA section 24).
PURPOSES = {
    "accounts": (
        _("Accounts, sign-in, roles, notices and the audit log"),
        _("Contract (s. 24(3)); legitimate interest for the audit log (s. 24(5))"),
    ),
    "indicators": (
        _("Programme framework and who manages it"),
        _("Public task (s. 24(4))"),
    ),
    "proposals": (
        _("Receiving and deciding on proposals"),
        _("Steps before a contract at the person's request (s. 24(3))"),
    ),
    "reviews": (
        _("Expert review of proposals"),
        _("Public task (s. 24(4)); consent to be invited as a reviewer"),
    ),
    "projects": (
        _("Managing funded projects, payments and results"),
        _("Contract (s. 24(3)); legal obligation for financial records (s. 24(6))"),
    ),
    "reports": (
        _("Documents built on request"),
        _("Same as the records they are built from"),
    ),
}

# How long, by model: the retention kind that removes its rows (others are kept as long as the
# programme's records are, or by the law on public finance for funded projects).
RETENTION_OF = {
    "proposals.proposal": RetentionKind.REJECTED_PROPOSALS,
    "proposals.proposalattachment": RetentionKind.REJECTED_PROPOSALS,
    "proposals.teammember": RetentionKind.REJECTED_PROPOSALS,
    "reviews.assignment": RetentionKind.REJECTED_PROPOSALS,
    "reviews.review": RetentionKind.REJECTED_PROPOSALS,
    "accounts.user": RetentionKind.UNUSED_ACCOUNTS,
    "reports.reportjob": RetentionKind.DOCUMENT_JOBS,
    "accounts.dataexport": RetentionKind.DATA_EXPORTS,
}


@dataclass
class Activity:
    label: str
    name: str
    fields: list
    purpose: str
    basis: str
    retention_kind: RetentionKind | None


def _personal_fields(model):
    found = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False):
            continue
        if field.is_relation and field.related_model is not None:
            if field.related_model._meta.label == settings.AUTH_USER_MODEL:
                found.append(str(field.verbose_name))
        elif isinstance(field, models.EmailField | models.FileField) or (
            field.name in PERSONAL_NAMES
        ):
            found.append(str(field.verbose_name))
    return found


def activities():
    """One Activity per model that holds personal data, app by app."""
    found = []
    for app_label in APPS:
        purpose, basis = PURPOSES[app_label]
        for model in apps.get_app_config(app_label).get_models():
            fields = _personal_fields(model)
            if not fields:
                continue
            label = model._meta.label_lower
            found.append(
                Activity(
                    label=label,
                    name=str(model._meta.verbose_name_plural),
                    fields=fields,
                    purpose=str(purpose),
                    basis=str(basis),
                    retention_kind=RETENTION_OF.get(label),
                )
            )
    return found
