"""Running report jobs: a worker takes a queued job, builds its document with progress, stores
it and tells whoever asked; a job whose worker stopped is failed with its reason, never left
running.

Every step of a job is one guarded UPDATE (queued → running → done | failed), so two workers, or
a worker and the clean-up, never both finish the same job; a job whose worker died is marked
failed by whoever looks at it next."""

import logging
import threading
from contextlib import contextmanager
from datetime import timedelta
from time import monotonic

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections
from django.db.models import Case, Q, Value, When
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from accounts.notifications.kinds import MessageKind
from accounts.notifications.messages import Join, Localized, Message
from accounts.notifications.services import notify
from reports import documents, selectors
from reports.models import Failure, JobState, ReportJob

# A job waiting longer than this for a worker is given up (no worker is running).
logger = logging.getLogger(__name__)

QUEUE_LIMIT = timedelta(hours=6)


# The running job's progress and heartbeat are written at most this often (seconds), unless
# the bar moves by MAX_STEP points, which is written at once (a value held back and then
# followed by a long silent step would leap); a value held back is written before a leap.
PROGRESS_INTERVAL = 1.0
MAX_STEP = 10


class JobAbandoned(Exception):
    """The job stopped being ours while it was built (marked failed meanwhile)."""


def start_job(job_id):
    """Queued → running; None when the job is not queued any more (done, failed, or taken by
    another worker after a redelivery)."""
    now = timezone.now()
    taken = ReportJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=now, heartbeat_at=now, progress=0
    )
    return ReportJob.objects.select_related("requested_by").get(pk=job_id) if taken else None


def progress_reporter(job_id):
    """The `progress(percent)` handed to a document's build: writes the percentage and the
    heartbeat at most once a second, and stops the build if the job was given up meanwhile."""
    last_write = None
    written = held = None

    def write(percent, now):
        nonlocal last_write, written, held
        alive = ReportJob.objects.filter(pk=job_id, state=JobState.RUNNING).update(
            progress=percent, heartbeat_at=timezone.now()
        )
        if not alive:
            raise JobAbandoned
        last_write, written, held = now, percent, None

    def progress(percent):
        nonlocal held
        now = monotonic()
        percent = max(0, min(100, int(percent)))
        if held is not None and percent - written > MAX_STEP:
            write(held, now)  # the bar shows the step before this one, never a leap
        due = last_write is None or now - last_write >= PROGRESS_INTERVAL
        if due or percent - written >= MAX_STEP:
            write(percent, now)
        else:
            held = percent

    return progress


@contextmanager
def heartbeat(job_id, interval=None):
    """While the block runs, a thread writes the job's heartbeat every `interval` seconds
    (REPORT_JOB_HEARTBEAT), however long a step of the build is silent: a job whose worker
    was killed stops beating, and `fail_lost_jobs` tells it from one that is still built."""
    interval = interval or settings.REPORT_JOB_HEARTBEAT
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(interval):
                ReportJob.objects.filter(pk=job_id, state=JobState.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
        except Exception:  # a missed beat is not worth stopping the build for
            logger.exception("heartbeat of report job %s", job_id)
        finally:
            connections.close_all()

    thread = threading.Thread(target=beat, name=f"report-job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=interval + 5)


def finish_job(job, output):
    """Store the file and mark the job done; a job failed meanwhile keeps no file."""
    job.file.save(output.filename, ContentFile(output.content), save=False)
    now = timezone.now()
    finished = ReportJob.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
        state=JobState.DONE,
        file=job.file.name,
        filename=output.filename,
        size=len(output.content),
        progress=100,
        finished_at=now,
        heartbeat_at=now,
    )
    if not finished:
        job.file.delete(save=False)
    return bool(finished)


def fail_job(job_id, *, failure, error=""):
    """Mark a job that is still on its way failed, with why; False if it had already ended."""
    return bool(
        ReportJob.objects.filter(pk=job_id, state__in=JobState.pending()).update(
            state=JobState.FAILED,
            failure=failure,
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
    )


def _subject_of(job):
    document = documents.get(job.kind, job.format)
    if document is None:
        raise LookupError(job.kind)
    return document, selectors.resolve_subject(document.scope, job.subject)


def run_job(job_id, *, beating=False):
    """The body of the task: build the document of a queued job and store it. Whatever goes
    wrong ends the job failed with its reason; returns the job's final state. The person who
    asked is told either way (they may have left the job's page long ago). A worker builds
    `beating` (a heartbeat thread beside the build); a build inside a request does not."""
    if beating:
        with heartbeat(job_id):
            state = _build(job_id)
    else:
        state = _build(job_id)
    if state is not None:
        _tell_owner(job_id)
    return state


# A document belongs to the person who asked for it, not to a programme: the site's text.
JOB_DONE = MessageKind(
    "document.ready",
    gettext_lazy("A document is ready"),
    gettext_lazy("Your document “%(document)s” is ready"),
    editable=False,
    site=True,
)
JOB_FAILED = MessageKind(
    "document.failed",
    gettext_lazy("A document could not be made"),
    gettext_lazy("Your document “%(document)s” could not be made"),
    editable=False,
    site=True,
)
MESSAGES = [JOB_DONE, JOB_FAILED]


def _tell_owner(job_id):
    job = ReportJob.objects.select_related("requested_by").get(pk=job_id)
    document = documents.get(job.kind, job.format)
    name = document.label if document else job.kind
    kind = JOB_DONE if job.state == JobState.DONE else JOB_FAILED
    notify(
        kind=kind,
        recipients=[job.requested_by],
        title=Message(kind.title, document=Localized(lambda: name)),
        body=Join(Localized(lambda: job.subject_label or job.subject)),
        url=job.get_absolute_url(),
    )


def _build(job_id):
    job = start_job(job_id)
    if job is None:
        return None
    try:
        with translation.override(job.language):
            try:
                document, subject = _subject_of(job)
            except LookupError as error:
                fail_job(job.pk, failure=Failure.GONE, error=getattr(error, "message", ""))
                return JobState.FAILED
            if not document.may(job.requested_by, subject):
                fail_job(job.pk, failure=Failure.REFUSED)
                return JobState.FAILED
            output = document.build(
                subject,
                user=job.requested_by,
                options=job.options,
                progress=progress_reporter(job.pk),
            )
    except JobAbandoned:
        return JobState.FAILED
    except SoftTimeLimitExceeded:
        fail_job(job.pk, failure=Failure.TIMEOUT)
        return JobState.FAILED
    except Exception as error:
        logger.exception("report job %s failed", job.pk)
        fail_job(job.pk, failure=Failure.ERROR, error=str(error) or type(error).__name__)
        return JobState.FAILED
    return JobState.DONE if finish_job(job, output) else JobState.FAILED


def _stale_limit():
    # Never shorter than the task's hard time limit: a build may be silent that long.
    seconds = max(settings.REPORT_JOB_STALE_AFTER, hard_time_limit())
    return timezone.now() - timedelta(seconds=seconds)


def hard_time_limit():
    """Seconds after which the worker kills a build: a minute after the soft limit."""
    return settings.REPORT_JOB_SOFT_TIME_LIMIT + 60


def is_stale(job):
    """Running without a sign of life for too long (its worker died), or never taken up."""
    if job.state == JobState.RUNNING:
        return job.heartbeat_at is None or job.heartbeat_at < _stale_limit()
    if job.state == JobState.QUEUED:
        return job.created_at < timezone.now() - QUEUE_LIMIT
    return False


def expire_if_stale(job):
    """The job as it stands, marked failed first if its worker stopped (the job page)."""
    if is_stale(job):
        failure = Failure.STOPPED if job.state == JobState.RUNNING else Failure.NOT_STARTED
        fail_job(job.pk, failure=failure)
        return ReportJob.objects.get(pk=job.pk)
    return job


def expire_stale_jobs(*, user=None):
    """Mark every stale job failed in one UPDATE (of `user`'s jobs only, when given)."""
    stale = ReportJob.objects.filter(
        Q(state=JobState.RUNNING, heartbeat_at__lt=_stale_limit())
        | Q(state=JobState.RUNNING, heartbeat_at__isnull=True)
        | Q(state=JobState.QUEUED, created_at__lt=timezone.now() - QUEUE_LIMIT)
    )
    if user is not None:
        stale = stale.filter(requested_by=user)
    return stale.update(
        failure=Case(
            When(state=JobState.RUNNING, then=Value(Failure.STOPPED.value)),
            default=Value(Failure.NOT_STARTED.value),
        ),
        state=JobState.FAILED,
        finished_at=timezone.now(),
    )


def fail_lost_jobs():
    """Fail the running jobs that missed three heartbeats: their worker was killed (a worker
    that starts calls this; every worker beats every REPORT_JOB_HEARTBEAT seconds)."""
    silent = timezone.now() - timedelta(seconds=3 * settings.REPORT_JOB_HEARTBEAT)
    lost = ReportJob.objects.filter(state=JobState.RUNNING).filter(
        Q(heartbeat_at__lt=silent) | Q(heartbeat_at__isnull=True)
    )
    return lost.update(state=JobState.FAILED, failure=Failure.STOPPED, finished_at=timezone.now())


def remove_jobs_finished_before(cutoff):
    """Retention (accounts.retention, "document_jobs"): finished jobs older than `cutoff`
    deleted with their files."""
    old = ReportJob.objects.filter(
        state__in=(JobState.DONE, JobState.FAILED), finished_at__lt=cutoff
    )
    deleted = 0
    for job in old.only("pk", "file").iterator():
        if job.file:
            job.file.storage.delete(job.file.name)
        deleted += ReportJob.objects.filter(pk=job.pk).delete()[0]
    return deleted


def clean_up_jobs():
    """The periodic clean-up: stale jobs failed, finished jobs past REPORT_JOB_KEEP_DAYS
    deleted with their files. Returns how many of each."""
    expired = expire_stale_jobs()
    deleted = remove_jobs_finished_before(
        timezone.now() - timedelta(days=settings.REPORT_JOB_KEEP_DAYS)
    )
    return {"expired": expired, "deleted": deleted}
