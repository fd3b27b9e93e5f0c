from celery import shared_task


@shared_task
def send_progress_reminders():
    """Remind teams of progress reports due soon or overdue; the beat runs it daily at 08:05.
    Returns {"before": n, "overdue": n}."""
    from projects.progress.reminders import send_progress_reminders as send

    return send()
