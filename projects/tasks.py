from celery import shared_task


@shared_task
def send_progress_reminders():
    """Remind teams of progress reports due soon or overdue; the beat runs it daily at 08:05.
    Returns {"before": n, "overdue": n}."""
    from projects.progress.reminders import send_progress_reminders as send

    return send()


@shared_task
def instalments_fall_due():
    """Make due the instalments whose report is accepted and whose period ended by today; the
    beat runs it daily at 00:10. Returns how many fell due."""
    from projects.instalments.services import fall_due

    return len(fall_due())


@shared_task
def send_risk_digests():
    """Send each officer and programme manager the week's risk signals of their projects; the
    beat runs it every Monday at 07:30. Returns how many digests were sent."""
    from projects.risk.notices import send_risk_digests as send

    return send()


@shared_task
def send_payment_reminders():
    """Remind teams of due instalments they have not requested; the beat runs it daily at
    08:15. Returns how many reminders were sent."""
    from projects.payments.reminders import send_payment_reminders as send

    return send()
