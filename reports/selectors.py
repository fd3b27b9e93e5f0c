"""Reads of the reports app: the subject a document is about, and a person's report jobs.

A subject is named by a key that reads well in a link and on the command line: a proposal by
its reference (a draft, which has none yet, by "draft-<id>"), a call and a programme by their
codes, a progress report and a change request by their number.
"""

import re

from django.apps import apps
from django.utils.translation import gettext as _

from reports import documents
from reports.models import JobState, ReportJob

DRAFT_PREFIX = "draft-"
_DRAFT_KEY = re.compile(rf"^{DRAFT_PREFIX}(\d+)$")
_NUMBER = re.compile(r"^\d+$")


class SubjectNotFound(LookupError):
    """No object answers to the key; the message says which scope and key, in words."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _model(name):
    app_label, model_name = name.split(".")
    return apps.get_model(app_label, model_name)


def _proposal(key):
    proposals = _model("proposals.Proposal").objects.select_related("call__programme", "lead")
    found = proposals.filter(reference=key).first() if key else None
    draft = _DRAFT_KEY.match(key)
    if found is None and draft:
        found = proposals.filter(pk=int(draft.group(1)), reference="").first()
    return found


def _call(key):
    return _model("proposals.Call").objects.select_related("programme").filter(code=key).first()


def _programme(key):
    return _model("indicators.Programme").objects.filter(code=key).first()


def _progress_report(key):
    if not _NUMBER.match(key):
        return None
    reports = _model("projects.ProgressReport").objects.select_related(
        "proposal__call__programme", "proposal__lead"
    )
    return reports.filter(pk=int(key)).first()


def _change_request(key):
    if not _NUMBER.match(key):
        return None
    changes = _model("projects.ChangeRequest").objects.select_related(
        "proposal__call__programme", "proposal__lead"
    )
    return changes.filter(pk=int(key)).first()


_FINDERS = {
    documents.PROPOSAL: _proposal,
    documents.CALL: _call,
    documents.PROGRAMME: _programme,
    documents.PROGRESS_REPORT: _progress_report,
    documents.CHANGE_REQUEST: _change_request,
}


def _not_found_message(scope, key):
    messages = {
        documents.PROPOSAL: _("No proposal has the reference “%(key)s”."),
        documents.CALL: _("No call has the code “%(key)s”."),
        documents.PROGRAMME: _("No programme has the code “%(key)s”."),
        documents.PROGRESS_REPORT: _("No progress report has the number “%(key)s”."),
        documents.CHANGE_REQUEST: _("No change request has the number “%(key)s”."),
    }
    return messages[scope] % {"key": key}


def resolve_subject(scope, key):
    """The object of `scope` named by `key`; SubjectNotFound when there is none."""
    found = _FINDERS[scope]((key or "").strip())
    if found is None:
        raise SubjectNotFound(_not_found_message(scope, key))
    return found


def subject_key(scope, obj):
    """The key `resolve_subject` reads back: what links and the command line use."""
    if scope == documents.PROPOSAL:
        return obj.reference or f"{DRAFT_PREFIX}{obj.pk}"
    if scope in (documents.CALL, documents.PROGRAMME):
        return obj.code
    return str(obj.pk)


def jobs_of(user):
    """A person's report jobs, newest first: the list "My documents" pages through."""
    return ReportJob.objects.filter(requested_by=user).order_by("-created_at", "-id")


def job_of(user, pk):
    """The job `pk` if `user` asked for it, else None (someone else's job does not exist)."""
    if not user.is_authenticated:
        return None
    return ReportJob.objects.filter(pk=pk, requested_by=user).first()


def pending_job(*, user, document, key, options, language):
    """A job for the very same document still queued or running, so that a second click
    waits for the first build instead of starting another. (Options are compared here rather
    than in SQL: JSON equality differs between databases.)"""
    candidates = ReportJob.objects.filter(
        requested_by=user,
        kind=document.kind,
        format=document.format,
        subject=key,
        language=language,
        state__in=JobState.pending(),
    ).order_by("-created_at", "-id")
    return next((job for job in candidates if job.options == options), None)
