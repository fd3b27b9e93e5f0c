"""Celery tasks of the reports app: build a report job, and the periodic clean-up.

A worker killed while it builds leaves no job "being built" for ever: when the pool process
running the build dies (killed, out of memory), the worker's main process hears it and fails
the job at once; when the whole worker was killed, the next worker to start fails the jobs
that stopped beating; and the clean-up (and every look at a job) fails a job silent for
REPORT_JOB_STALE_AFTER."""

from billiard.exceptions import WorkerLostError
from celery import shared_task
from celery.exceptions import TimeLimitExceeded
from celery.signals import task_failure, worker_ready
from django.conf import settings

from reports import jobs as report_jobs
from reports.models import Failure


@shared_task(
    bind=True,
    soft_time_limit=settings.REPORT_JOB_SOFT_TIME_LIMIT,
    time_limit=report_jobs.hard_time_limit(),
)
def build_document(self, job_id):
    """Build the document of a queued job; the job ends done or failed, never running.
    In a worker a heartbeat thread beats beside the build (not when run eagerly)."""
    state = report_jobs.run_job(job_id, beating=not self.request.is_eager)
    return str(state) if state else None


@shared_task
def clean_up_jobs():
    """Fail the jobs whose worker stopped and delete old files; the beat runs it every
    ten minutes."""
    return report_jobs.clean_up_jobs()


@task_failure.connect
def fail_the_job_of_a_lost_build(sender=None, exception=None, args=None, **kwargs):
    """In the worker's main process: the pool process building a job died (WorkerLostError)
    or was killed at the hard time limit; the job fails now, with why."""
    if getattr(sender, "name", None) != build_document.name or not args:
        return
    if isinstance(exception, WorkerLostError):
        report_jobs.fail_job(args[0], failure=Failure.STOPPED, error=str(exception))
    elif isinstance(exception, TimeLimitExceeded):
        report_jobs.fail_job(args[0], failure=Failure.TIMEOUT)


@worker_ready.connect
def fail_jobs_of_killed_workers(**kwargs):
    report_jobs.fail_lost_jobs()
