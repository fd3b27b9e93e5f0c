"""What a notification says, kept as a message of the catalogue with its parameters and put into
words only when someone reads it, in the reader's language.

A `Message` is a msgid (written with `gettext_lazy` where it is defined, so that makemessages
finds it) and parameters. Parameters are stored by kind, so that each is shown in the language
of the reader too:

- a translatable label (a lazy translation such as a state's label): its msgid;
- a `Message`: itself, nested;
- a date or a date and time: ISO text, shown in Thai (Buddhist era) or English;
- a `Localized` text (a person's or an object's name that exists in Thai and English): the text
  in every language of the site, taken when the notification is sent;
- `Join`: parts put one after the other (a sentence and the actor's comment);
- anything else (a reference, a number, what a person wrote): as it is.
"""

import datetime

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext

from core.thai import format_date, format_datetime


def msgid_of(text):
    """The msgid behind a lazy translation (the text itself for a plain string)."""
    with translation.override(None):
        return str(text)


class Localized:
    """A text as it reads in each language of the site, taken now (e.g. a person's name)."""

    def __init__(self, make):
        self.texts = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                self.texts[code] = str(make())


class Join:
    """Parts shown one after the other, with `separator` between those that are not empty."""

    def __init__(self, *parts, separator=" "):
        self.parts = parts
        self.separator = separator


class Message:
    """A sentence of the catalogue and its parameters (see the module's docstring)."""

    def __init__(self, msgid, /, **params):
        self.msgid = msgid_of(msgid)
        self.params = params

    def to_json(self):
        return encode(self)

    def __str__(self):
        return render(encode(self))


def encode(value):
    """`value` as JSON that `render` puts into words later."""
    if isinstance(value, Message):
        return {"msgid": value.msgid, "params": {k: encode(v) for k, v in value.params.items()}}
    if isinstance(value, Promise):
        return {"msgid": msgid_of(value), "params": {}}
    if isinstance(value, Localized):
        return {"text": value.texts}
    if isinstance(value, Join):
        return {"join": [encode(part) for part in value.parts], "separator": value.separator}
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def render(data):
    """The text of encoded `data` in the active language."""
    if not isinstance(data, dict):
        return "" if data is None else str(data)
    if "msgid" in data:
        text = gettext(data["msgid"]) if data["msgid"] else ""
        params = {name: render(value) for name, value in (data.get("params") or {}).items()}
        if not params:
            return text
        try:
            return text % params
        except (KeyError, TypeError, ValueError):
            # A translation that lost a placeholder must not hide the notification.
            return data["msgid"] % params
    if "text" in data:
        texts = data["text"]
        language = translation.get_language() or settings.LANGUAGE_CODE
        return texts.get(language[:2]) or next((text for text in texts.values() if text), "")
    if "join" in data:
        parts = [render(part) for part in data["join"]]
        return data.get("separator", " ").join(part for part in parts if part)
    if "datetime" in data:
        return format_datetime(datetime.datetime.fromisoformat(data["datetime"]))
    if "date" in data:
        return format_date(datetime.date.fromisoformat(data["date"]))
    return ""
