"""The forms of contracts: the programme's template, a call's rule, a signed copy."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.contracts.copies import ACCEPT, ALLOWED_TEXT


class TemplateForm(forms.Form):
    body_th = forms.CharField(
        label=_("Contract text (Thai)"), widget=forms.Textarea(attrs={"rows": 14}), max_length=50000
    )
    body_en = forms.CharField(
        label=_("Contract text (English)"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=50000,
        required=False,
    )


class RuleForm(forms.Form):
    required = forms.BooleanField(
        label=_("The counter-signed contract is required before the project starts"),
        help_text=_(
            "When set, a project's instalments are not paid and its reports not submitted "
            "until both signed copies of its contract are uploaded."
        ),
        required=False,
    )


class CopyForm(forms.Form):
    file = forms.FileField(
        label=_("Signed copy"),
        help_text=ALLOWED_TEXT,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
