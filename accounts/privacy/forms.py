from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.privacy.models import PrivacyNotice


def agreement_field(notice):
    """The box a person ticks to agree to `notice`, linking to its full text."""
    return forms.BooleanField(
        label=_("I have read the privacy notice and agree to it"),
        required=True,
        error_messages={"required": _("Tick the box to agree to the privacy notice.")},
        help_text=format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("privacy:notice"),
            gettext("Read the privacy notice (version %(version)s), in a new tab")
            % {"version": notice.version},
        ),
    )


def add_agreement(form, notice):
    """Ask `form` for agreement to `notice` when one is in force (none before an
    administrator publishes the first version)."""
    if notice is not None:
        form.fields["privacy_agreement"] = agreement_field(notice)
    form.privacy_notice = notice


class AgreementForm(forms.Form):
    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, **kwargs)
        add_agreement(self, notice)


class NoticeForm(forms.ModelForm):
    class Meta:
        model = PrivacyNotice
        fields = ["text_th", "text_en"]
        widgets = {
            "text_th": forms.Textarea(attrs={"rows": 14}),
            "text_en": forms.Textarea(attrs={"rows": 14}),
        }
        help_texts = {
            "text_th": _(
                "Plain text: a blank line starts a paragraph. Saving publishes a new version "
                "and asks everyone to agree again."
            ),
        }
