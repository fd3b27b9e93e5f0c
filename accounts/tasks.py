"""Background work of accounts: sending an email (queued by `accounts.emails` after a commit)."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from accounts.privacy import retention
from accounts.privacy.exports import run_export


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(*, to, subject, body, html=None):
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


@shared_task
def build_personal_data_export(export_id):
    """Build the ZIP of a person's data asked for on the privacy pages."""
    return run_export(export_id)


@shared_task
def apply_retention():
    """Daily: remove what is past the retention period set for its kind (see the beat)."""
    return {str(kind): count for kind, count in retention.apply_retention().items()}
