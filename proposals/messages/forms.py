"""The four texts of a message (title and body, Thai and English); a placeholder the message
does not have is refused by name, in the field that uses it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.notifications import templates

BODY_ROWS = 8


class MessageTextForm(forms.Form):
    title_th = forms.CharField(
        label=_("Title and email subject (Thai)"), max_length=300, strip=True
    )
    body_th = forms.CharField(
        label=_("Message (Thai)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": BODY_ROWS}),
    )
    title_en = forms.CharField(
        label=_("Title and email subject (English)"), max_length=300, strip=True
    )
    body_en = forms.CharField(
        label=_("Message (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": BODY_ROWS}),
    )

    def __init__(self, *args, kind, **kwargs):
        self.kind = kind
        super().__init__(*args, **kwargs)
        for language in templates.LANGUAGES:
            for part in ("title", "body"):
                self.fields[f"{part}_{language}"].widget.attrs["lang"] = language

    def clean(self):
        cleaned = super().clean()
        for name, error in templates.check_texts(self.kind, cleaned).items():
            if name in cleaned:
                self.add_error(name, error)
        return cleaned
