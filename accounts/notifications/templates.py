"""A programme's own texts of the system's messages: finding the one that applies, rendering
it safely for a recipient, and saving or resetting it (audited).

A text is rendered by accounts.notifications.placeholders only: the values of its kind's
placeholders, nothing else. Without a saved text the system sends its default, as it always did.
"""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy

from accounts import audit
from accounts.models import MessageTemplate
from accounts.notifications import placeholders
from accounts.notifications.kinds import registered
from accounts.notifications.messages import Join, Localized, Message, encode, render

LANGUAGES = ("th", "en")
FIELDS = ("title_th", "body_th", "title_en", "body_en")
CHANGED = "message_template.changed"
RESET = "message_template.reset"
AUDIT_ACTIONS = [
    (CHANGED, gettext_lazy("Message text changed"), None),
    (RESET, gettext_lazy("Message text reset to the default"), None),
]


class TemplateError(ValueError):
    """A text refused, with the message naming why (e.g. an unknown placeholder)."""


def site_template(kind):
    """The site's saved text of a `site` kind (None without one). One query."""
    return MessageTemplate.objects.filter(kind=kind.key, programme__isnull=True).first()


def template_for(kind, *, programme=None, call=None):
    """The saved text of `kind` for `call` (its own, else its programme's) or `programme`, or
    the site's text of a `site` kind; None when there is none or the kind is not editable.
    One query."""
    if kind.site:
        return site_template(kind)
    if not kind.editable:
        return None
    if call is not None:
        programme_id = call.programme_id
    elif programme is not None:
        programme_id = programme.pk
    else:
        return None
    scope = Q(call__isnull=True)
    if call is not None and kind.per_call:
        scope |= Q(call=call)
    rows = MessageTemplate.objects.filter(scope, kind=kind.key, programme_id=programme_id)
    # The call's own text first.
    return min(rows, key=lambda row: row.call_id is None, default=None)


def _flatten(value, into):
    """The named parameters of a Message (and of those it contains), into `into`."""
    if isinstance(value, Message):
        for name, param in value.params.items():
            if isinstance(param, Message | Join):
                _flatten(param, into)
            into.setdefault(name, param)
    elif isinstance(value, Join):
        for part in value.parts:
            _flatten(part, into)


def parameters(*messages, values=None):
    """The values a template may show: the named parameters of `messages` and `values`."""
    found = dict(values or {})
    for message in messages:
        _flatten(message, found)
    return found


def rendered_values(params, language, *, recipient=None, url=""):
    """Each parameter as text in `language` (the active one), with the common ones."""
    values = {name: render(encode(value)) for name, value in params.items()}
    if recipient is not None:
        values["recipient"] = recipient.display_name
    values["url"] = url
    return values


def render_texts(title, body, values):
    """(title, body) with `values` in their placeholders; the title on one line."""
    title = placeholders.render(title, values)
    return " ".join(title.split()), placeholders.render_paragraphs(body, values)


def render_template(template, language, values):
    """(title, body) of `template` in `language` with `values`."""
    return render_texts(
        getattr(template, f"title_{language}"), getattr(template, f"body_{language}"), values
    )


def as_localized(texts):
    """{language: text} as a Localized, to store in a notification."""
    localized = Localized.__new__(Localized)
    localized.texts = texts
    return localized


def check_texts(kind, texts):
    """Refuse a text with a placeholder `kind` does not have, or a body without one the kind
    requires (the link of an account's email), naming it; returns {field: error}."""
    known = kind.placeholders()
    errors = {}
    for name in FIELDS:
        unknown = placeholders.unknown_placeholders(texts.get(name, ""), known)
        if unknown:
            errors[name] = placeholders.unknown_message(unknown, known)
    for language in LANGUAGES:
        field = f"body_{language}"
        missing = [name for name in kind.required if f"{{{name}}}" not in (texts.get(field) or "")]
        if missing and field not in errors:
            errors[field] = gettext(
                "The message must keep %(placeholders)s: without it the email does not work."
            ) % {"placeholders": ", ".join(f"{{{name}}}" for name in missing)}
    return errors


def _may_save(kind, programme, call):
    """A site kind has only the site's text; a programme's kind only a programme's or (when
    it may differ per call) a call's."""
    if kind is None:
        return False
    if kind.site:
        return programme is None and call is None
    return kind.editable and programme is not None and (call is None or kind.per_call)


@transaction.atomic
def save_template(*, kind_key, programme, call=None, actor, texts):
    """Store `programme`'s (or `call`'s) text of the kind `kind_key`, replacing the default;
    audited with the fields that changed. Raises TemplateError naming an unknown placeholder
    (nothing saved). The caller checked that `actor` may."""
    kind = registered(kind_key)
    if not _may_save(kind, programme, call):
        raise TemplateError(kind_key)
    texts = {name: (texts.get(name) or "").replace("\r\n", "\n").strip() for name in FIELDS}
    errors = check_texts(kind, texts)
    if errors:
        raise TemplateError(" ".join(dict.fromkeys(errors.values())))
    template = (
        MessageTemplate.objects.select_for_update()
        .filter(kind=kind.key, programme=programme, call=call)
        .first()
    )
    if template is None:
        template = MessageTemplate(kind=kind.key, programme=programme, call=call)
        changed = list(FIELDS)
    else:
        changed = [name for name in FIELDS if getattr(template, name) != texts[name]]
    if not changed:
        return template
    for name in FIELDS:
        setattr(template, name, texts[name])
    template.save()
    audit.record(
        actor=actor,
        action=CHANGED,
        obj=programme or template,
        data={"kind": kind.key, "call": call.code if call else None, "fields": changed},
    )
    return template


@transaction.atomic
def reset_template(*, kind_key, programme, call=None, actor):
    """Go back to the system's default text of `kind_key` for `programme` (or `call`; with
    neither, the site's text); audited when there was a text of its own. Returns whether one
    was removed."""
    template = (
        MessageTemplate.objects.select_for_update()
        .filter(kind=kind_key, programme=programme, call=call)
        .first()
    )
    if template is None:
        return False
    audit.record(
        actor=actor,
        action=RESET,
        obj=programme or template,
        data={"kind": kind_key, "call": call.code if call else None},
    )
    template.delete()
    return True
