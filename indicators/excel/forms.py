from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.excel.reader import MAX_MEGABYTES


class UploadForm(forms.Form):
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
        self.fields["file"].help_text = _(
            "The file you downloaded from this programme, edited; at most %(limit)s MB."
        ) % {"limit": MAX_MEGABYTES}
