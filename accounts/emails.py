"""Emails leave only after the transaction that caused them commits, in the reader's language."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from accounts.notifications import templates
from accounts.notifications.kinds import resolve
from accounts.tasks import send_email


def render_email(template_prefix, context, language):
    """Render `<prefix>_subject.txt` and `<prefix>_message.txt` in `language`."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
        body = render_to_string(f"{template_prefix}_message.txt", context)
    subject = " ".join(subject.splitlines())
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body


def queue_email(*, to, subject, body, html=None):
    """Send after commit (in a Celery task when a broker is configured)."""
    recipients = [to] if isinstance(to, str) else list(to)
    transaction.on_commit(
        lambda: send_email.delay(to=recipients, subject=subject, body=body, html=html)
    )


def queue_templated_email(
    *, kind, to, template_prefix, context, language=None, programme=None, call=None, values=None
):
    """Queue the email of `kind` (a registered MessageKind) rendered from `template_prefix`
    or, when `programme`'s (or `call`'s) managers wrote their own text of it, from that text
    with `values` (plain texts, or Localized ones) in its placeholders; for a `site` kind, the
    administrators' text. Without `values` the caller's context already holds the words (a
    notification's email, whose edited text `notify` rendered)."""
    kind = resolve(kind)
    template = None
    if values is not None:
        template = templates.template_for(kind, programme=programme, call=call)
    if template is None:
        subject, body = render_email(template_prefix, context, language)
    else:
        code = (language or settings.LANGUAGE_CODE)[:2]
        with translation.override(code):
            texts = templates.rendered_values(values or {}, code, url=context.get("url", ""))
            subject, body = templates.render_template(template, code, texts)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject
    queue_email(to=to, subject=subject, body=body)
