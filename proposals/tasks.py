from celery import shared_task


@shared_task
def send_report_reminders():
    """Remind teams of progress reports due soon or overdue; the beat runs it daily at 08:05.
    Returns {"before": n, "overdue": n}."""
    from proposals.projects.reports.reminders import send_report_reminders as send

    return send()
