"""Form widgets and fields every app uses."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.workbooks import MAX_MEGABYTES


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class WorkbookUploadForm(forms.Form):
    """The upload of an Excel workbook to import (core.workbooks reads it). A subclass says
    what to upload in `help_text`, with %(limit)s for the largest size in MB."""

    help_text = ""
    # Empty files pass here so that the reader gives every problem of a file in one place.
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        allow_empty_file=True,
        widget=forms.FileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.help_text % {"limit": MAX_MEGABYTES}


def invalid_fields_message(form):
    """What a refused save says in words, not by the colour of the fields: which fields to
    correct (each field's error is written under it)."""
    labels = [str(form[name].label) for name in form.errors if name in form.fields]
    if not labels:
        return gettext("Not saved: correct the errors written below.")
    return gettext("Not saved: correct %(fields)s (the error is written under each).") % {
        "fields": ", ".join(f"“{label}”" for label in labels)
    }
