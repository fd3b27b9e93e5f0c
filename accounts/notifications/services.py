"""In-app notifications (the bell in the menu), each with an email in the reader's language.

Apps higher up call `notify` once the change they announce has committed, e.g. from
`transaction.on_commit`, so that nobody hears of a change that was rolled back.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from accounts import access
from accounts.emails import queue_templated_email
from accounts.models import Notification
from accounts.notifications import templates
from accounts.notifications.kinds import resolve
from accounts.notifications.messages import Join, Message, encode, render

DEFAULT_EMAIL_TEMPLATE = "accounts/email/notification"


def _text(value):
    """A title or body in the active language: a `Message` (or `Join`), a plain string, a lazy
    translation, or a callable that builds the text."""
    if isinstance(value, Message | Join):
        return render(encode(value))
    if callable(value):
        value = value()
    return str(value or "")


def _message(title, body):
    """The stored message of a title and body given as `Message`s (None for plain text, which
    stays as it was sent)."""
    if not isinstance(title, Message):
        return None
    return {"title": encode(title), "body": encode(body or "")}


def _language(user):
    return user.preferred_language or settings.LANGUAGE_CODE


def _unique_recipients(recipients):
    seen = set()
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        yield user


def _edited(template, params, user, url):
    """(title, body, message) of a programme's own text for `user`, in both languages for
    the inbox and in the user's for the email."""
    texts = {}
    for code in templates.LANGUAGES:
        with translation.override(code):
            values = templates.rendered_values(params, code, recipient=user, url=url)
            texts[code] = templates.render_template(template, code, values)
    language = _language(user)[:2]
    title, body = texts.get(language, texts["th"])
    message = {
        "title": encode(templates.as_localized({code: t for code, (t, _b) in texts.items()})),
        "body": encode(templates.as_localized({code: b for code, (_t, b) in texts.items()})),
    }
    return title[:300], body, message


@transaction.atomic
def notify(
    *,
    kind,
    recipients,
    title,
    body,
    url,
    email_template_prefix=None,
    context=None,
    programme=None,
    call=None,
    values=None,
):
    """Put a notification in each recipient's inbox and queue an email to each, both in the
    recipient's preferred language. `title` and `body` are best `Message`s (see
    accounts.notifications.messages): the inbox then shows them in the language of whoever
    reads them, when they read them. Strings, lazy translations or callables returning text
    are kept as sent. `url` is a path on this site. The email is rendered from
    `<email_template_prefix>_subject.txt` and `_message.txt` with `context` plus `recipient`,
    `title`, `body` and `url` (absolute); it leaves after the transaction commits.
    `kind` is the registered kind of message (accounts.notifications.kinds): when the
    `call`'s or `programme`'s managers wrote their own text of it, that text replaces `title`
    and `body`, with the parameters of their messages and `values` in its placeholders.
    Returns the notifications created."""
    kind = resolve(kind)
    template_prefix = email_template_prefix or DEFAULT_EMAIL_TEMPLATE
    absolute_url = settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url
    message = _message(title, body)
    template = templates.template_for(kind, programme=programme, call=call)
    params = templates.parameters(title, body, values=values) if template else None
    rows = []
    for user in _unique_recipients(recipients):
        language = _language(user)
        if template is not None:
            row_title, row_body, row_message = _edited(template, params, user, absolute_url)
        else:
            with translation.override(language):
                row_title = _text(title)[:300]
                row_body = _text(body)
            row_message = message
        rows.append(
            Notification(
                recipient=user, title=row_title, body=row_body, url=url, message=row_message
            )
        )
        queue_templated_email(
            kind=kind,
            to=user.email,
            template_prefix=template_prefix,
            context={
                **(context or {}),
                "recipient": user,
                "title": row_title,
                "body": row_body,
                "url": absolute_url,
            },
            language=language,
        )
    created = Notification.objects.bulk_create(rows)  # no post_save: the bell is told here
    access.forget(*{row.recipient_id for row in created})
    return created


def notifications_for(user):
    """A person's notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user):
    """How many notifications a person has not read yet: no query when the roles were read
    (`User.load_access`), else one."""
    return user.unread_notification_count


@transaction.atomic
def mark_read(*, user, notification_ids=None):
    """Mark some (or, with no ids, all) of `user`'s unread notifications as read; another
    person's notifications are never touched. Returns how many changed."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        rows = rows.filter(pk__in=notification_ids)
    user.__dict__.pop("unread_notification_count", None)
    changed = rows.update(read_at=timezone.now())
    access.forget(user.pk)  # an update sends no signal: the bell's count is kept with the roles
    return changed
