"""Documents for people: one address per document and subject, the report job's page (polled
with htmx), its download, and the list "My documents".

Whoever may not have a document, a subject or a job gets 404: nothing says it exists.
"""

import logging
from io import BytesIO

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from core.http import on_this_site
from reports import documents, selectors, services
from reports import jobs as report_jobs
from reports.links import document_url
from reports.models import JobState

logger = logging.getLogger(__name__)

JOBS_PER_PAGE = 25


def _document_and_subject(user, kind, format, key):
    """The catalogue's document and its subject if `user` may have it, else 404."""
    document = documents.get(kind, format)
    if document is None:
        raise Http404
    try:
        subject = selectors.resolve_subject(document.scope, key)
    except selectors.SubjectNotFound as error:
        raise Http404 from error
    if not document.may(user, subject):
        raise Http404
    return document, subject


def _attachment(content, *, filename, format):
    return FileResponse(
        content,
        as_attachment=True,
        filename=filename,
        content_type=documents.CONTENT_TYPES.get(format, "application/octet-stream"),
    )


def _back_url(request):
    back = request.headers.get("referer", "")
    return back if on_this_site(request, back) else ""


@login_required
def document_download(request, kind, format, subject):
    """A document about a subject: the file at once, or a report job and its page. The query
    string carries the document's options (e.g. the register's filters)."""
    document, obj = _document_and_subject(request.user, kind, format, subject)
    try:
        requested = services.request_document(
            user=request.user, document=document, subject=obj, options=request.GET
        )
    except PermissionDenied as error:
        raise Http404 from error
    except Exception as error:
        logger.exception("document %s.%s of %s failed", kind, format, subject)
        context = {
            "document": document,
            "error": str(error),
            "retry_url": request.get_full_path(),
            "back_url": _back_url(request),
        }
        return render(request, "reports/failed.html", context, status=500)
    if requested.job is not None:
        return redirect(requested.job)
    output = requested.output
    return _attachment(BytesIO(output.content), filename=output.filename, format=output.format)


def _own_job(request, pk):
    job = selectors.job_of(request.user, pk)
    if job is None:
        raise Http404
    return job


def _may_download(user, job):
    """Whether the job's file may still go to `user`: its document and subject still exist
    and the document's rule still lets them have it (a role may have been taken away)."""
    if job.state != JobState.DONE or not job.file:
        return False
    try:
        _document_and_subject(user, job.kind, job.format, job.subject)
    except Http404:
        return False
    return True


@login_required
def job_page(request, pk):
    """A report job: its progress (the htmx partial polls itself while the job is on its
    way), then the download link, or why it failed and a way to try again."""
    job = report_jobs.expire_if_stale(_own_job(request, pk))
    document = documents.get(job.kind, job.format)
    context = {
        "job": job,
        "document": document,
        "may_download": _may_download(request.user, job),
        "retry_url": document_url(job.kind, job.format, job.subject, job.options)
        if document
        else "",
    }
    template = "reports/_job_status.html" if request.htmx else "reports/job.html"
    return render(request, template, context)


@login_required
def job_download(request, pk):
    """The file of a finished job, for the person who asked for it, if they still may."""
    job = _own_job(request, pk)
    if not _may_download(request.user, job):
        raise Http404
    try:
        handle = job.file.open("rb")
    except OSError as error:
        raise Http404 from error
    return _attachment(handle, filename=job.filename, format=job.format)


@login_required
def job_list(request):
    """The signed-in person's report jobs, newest first; the table polls while one is on its
    way. Stale jobs are marked failed first, in one query."""
    report_jobs.expire_stale_jobs(user=request.user)
    page = Paginator(selectors.jobs_of(request.user), JOBS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    jobs = list(page.object_list)
    for each in jobs:
        document = documents.get(each.kind, each.format)
        each.document_label = document.label if document else each.kind
    context = {
        "page": page,
        "jobs": jobs,
        "polling": any(each.is_pending for each in jobs),
        "keep_days": settings.REPORT_JOB_KEEP_DAYS,
    }
    template = "reports/_jobs_table.html" if request.htmx else "reports/jobs.html"
    return render(request, template, context)
