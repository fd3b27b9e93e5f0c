"""Marks messages of Django itself that its Thai catalogue leaves untranslated.

Nothing imports this module; `makemessages` reads it so that these msgids stay in
locale/th/LC_MESSAGES/django.po, whose translations take precedence over Django's own
(LOCALE_PATHS comes first). Without it, Thai pages would show these messages in English.
"""

from django.utils.translation import gettext_noop, ngettext


def _marks():  # pragma: no cover - read by makemessages, never run
    gettext_noop("Your password can’t be too similar to your other personal information.")
    gettext_noop("Your password can’t be a commonly used password.")
    gettext_noop("Your password can’t be entirely numeric.")
    gettext_noop("The password is too similar to the %(verbose_name)s.")
    gettext_noop("This password is too common.")
    gettext_noop("This password is entirely numeric.")
    ngettext(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        0,
    )
    ngettext(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        0,
    )
    gettext_noop("Enter a valid integer.")
    gettext_noop("Enter a complete value.")
    gettext_noop("Value %(value)r is not a valid choice.")
    gettext_noop("%(model_name)s with this %(field_labels)s already exists.")
    gettext_noop("“%(value)s” value must be a decimal number.")
    gettext_noop("“%(pk)s” is not a valid value.")
    gettext_noop("“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format.")
    gettext_noop("“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date.")
    ngettext(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        0,
    )
    ngettext(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        0,
    )
    ngettext(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        0,
    )
    ngettext(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        0,
    )
    ngettext(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
        0,
    )
    ngettext(
        "Ensure this filename has at most %(max)d character (it has %(length)d).",
        "Ensure this filename has at most %(max)d characters (it has %(length)d).",
        0,
    )
