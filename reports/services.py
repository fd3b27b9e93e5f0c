"""Asking for a document: a small one is built at once and handed back; one marked `background`
becomes a `ReportJob` that a Celery worker builds (`reports.tasks.build_document`, which runs
`reports/jobs.py`)."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy

from accounts import audit
from reports import documents, selectors
from reports.jobs import expire_if_stale, fail_job
from reports.models import Failure, ReportJob
from reports.tasks import build_document

logger = logging.getLogger(__name__)

# An option's value is kept to this many characters (options are filters, not documents).
OPTION_MAX_LENGTH = 200


def _describe_request(data):
    document = documents.get(data.get("kind", ""), data.get("format", ""))
    label = str(document.label) if document else data.get("kind", "")
    return f"{label} ({data.get('format', '').upper()})"


# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("document.requested", gettext_lazy("Document requested"), _describe_request),
]


@dataclass(frozen=True)
class Requested:
    """What asking for a document gave: the file itself, or the job that builds it."""

    output: documents.Output | None = None
    job: ReportJob | None = None


def clean_options(document, raw):
    """Only the options `document` reads, as strings (or lists of strings), in its order.
    `raw` is a QueryDict (request.GET) or a plain mapping (the command line)."""
    cleaned = {}
    for name in document.options:
        if hasattr(raw, "getlist"):
            values = raw.getlist(name)
        elif isinstance(raw.get(name), list | tuple):
            values = raw[name]
        else:
            values = [raw[name]] if raw.get(name) is not None else []
        values = [str(value).strip()[:OPTION_MAX_LENGTH] for value in values]
        values = [value for value in values if value]
        if values:
            cleaned[name] = values[0] if len(values) == 1 else values
    return cleaned


def _record_request(*, user, document, subject, job=None):
    audit.record(
        actor=user,
        action="document.requested",
        obj=subject,
        data={
            "kind": document.kind,
            "format": document.format,
            **({"job": job.pk} if job else {}),
        },
    )


def request_document(*, user, document, subject, options):
    """Give `user` the document about `subject`: built at once when it is small, otherwise as
    a report job queued once this transaction commits. Refuses whoever `document.may` refuses.
    Each request is audited on the subject (who took which document of it)."""
    if not document.may(user, subject):
        raise PermissionDenied
    options = clean_options(document, options)
    if not document.background:
        output = document.build(subject, user=user, options=options, progress=documents.no_progress)
        with transaction.atomic():
            _record_request(user=user, document=document, subject=subject)
        return Requested(output=output)
    return Requested(job=_queue_job(user=user, document=document, subject=subject, options=options))


@transaction.atomic
def _queue_job(*, user, document, subject, options):
    key = selectors.subject_key(document.scope, subject)
    language = translation.get_language() or settings.LANGUAGE_CODE
    waiting = selectors.pending_job(
        user=user, document=document, key=key, options=options, language=language
    )
    if waiting is not None and expire_if_stale(waiting).is_pending:
        return waiting
    job = ReportJob.objects.create(
        requested_by=user,
        kind=document.kind,
        format=document.format,
        scope=document.scope,
        subject=key,
        subject_label=str(subject)[:255],
        options=options,
        language=language,
    )
    _record_request(user=user, document=document, subject=subject, job=job)
    transaction.on_commit(lambda: hand_to_worker(job.pk), robust=True)
    return job


def hand_to_worker(job_id):
    """Queue the build; if the broker cannot take it, the job fails now rather than wait."""
    try:
        build_document.delay(job_id)
    except Exception as error:
        logger.exception("report job %s could not be queued", job_id)
        fail_job(job_id, failure=Failure.NOT_QUEUED, error=str(error))
