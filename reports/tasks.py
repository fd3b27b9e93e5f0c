"""Celery tasks of the reports app: build a report job, and the periodic clean-up."""

from celery import shared_task
from django.conf import settings

from reports import jobs as report_jobs


@shared_task(
    soft_time_limit=settings.REPORT_JOB_SOFT_TIME_LIMIT,
    time_limit=report_jobs.hard_time_limit(),
)
def build_document(job_id):
    """Build the document of a queued job; the job ends done or failed, never running.
    (A worker killed at the hard limit leaves the job running with an old heartbeat: the
    clean-up, or the next look at the job, marks it failed.)"""
    state = report_jobs.run_job(job_id)
    return str(state) if state else None


@shared_task
def clean_up_jobs():
    """Fail the jobs whose worker stopped and delete old files; the beat runs it every
    ten minutes."""
    return report_jobs.clean_up_jobs()
