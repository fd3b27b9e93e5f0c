"""Form widgets every app uses."""

from django import forms
from django.utils.translation import gettext as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def invalid_fields_message(form):
    """What a refused save says in words, not by the colour of the fields: which fields to
    correct (each field's error is written under it)."""
    labels = [str(form[name].label) for name in form.errors if name in form.fields]
    if not labels:
        return _("Not saved: correct the errors written below.")
    return _("Not saved: correct %(fields)s (the error is written under each).") % {
        "fields": ", ".join(f"“{label}”" for label in labels)
    }
