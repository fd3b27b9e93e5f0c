from celery import shared_task


@shared_task
def send_reminders():
    """Remind reviewers of due and overdue reviews; the beat runs it daily at 08:00."""
    from reviews.reviewing.reminders import send_due_reminders

    return send_due_reminders()
