from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(*, to, subject, body, html=None):
    from accounts.emails import deliver

    deliver(to=to, subject=subject, body=body, html=html)
