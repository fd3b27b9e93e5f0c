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


class ExportForOtherForm(forms.Form):
    """An administrator answers a person's request made by email or letter."""

    email = forms.EmailField(label=_("Email address of the person"))
    reason = forms.CharField(
        label=_("Request"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How and when the person asked, e.g. an email of 3 March 2569."),
    )

    def clean_email(self):
        from accounts.models import User

        email = self.cleaned_data["email"].strip().lower()
        self.person = User.objects.filter(email__iexact=email).first()
        if self.person is None:
            raise forms.ValidationError(_("No account uses this email address."))
        return email


class ErasureRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ErasureAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Answer"),
        choices=[("approve", _("Erase now")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    answer = forms.CharField(
        label=_("Reason given to the person"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to refuse, e.g. the records of a funded project are kept by law."),
    )


class RetentionForm(forms.Form):
    """One field per kind of record: days kept, empty to keep for ever."""

    def __init__(self, *args, current, **kwargs):
        from accounts.privacy.models import RetentionKind

        super().__init__(*args, **kwargs)
        for kind in RetentionKind:
            self.fields[kind.value] = forms.IntegerField(
                label=kind.label,
                required=False,
                min_value=1,
                max_value=36500,
                initial=current.get(kind),
                help_text=_("Days. Leave empty to keep for ever."),
            )
