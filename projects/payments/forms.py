"""The forms of a payment request: the team's request with a file per document its call asks
for, a further document, the officer's and finance's comment, finance's payment, and the
documents a call asks for."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField
from projects.models import PaymentDocumentKind
from projects.progress.evidence import ACCEPT, ALLOWED_TEXT


def _file_field(label, required=True):
    return forms.FileField(
        label=label,
        help_text=ALLOWED_TEXT,
        required=required,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class RequestForm(forms.Form):
    """A note, and one file for each kind of document the call asks for (`kinds`)."""

    note = forms.CharField(
        label=_("Note to the officer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = list(kinds)
        for kind in self.kinds:
            self.fields[f"document_{kind.value}"] = _file_field(kind.label)

    def documents(self):
        """{kind: upload} of the files given."""
        return {kind: self.cleaned_data[f"document_{kind.value}"] for kind in self.kinds}


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=PaymentDocumentKind.choices)
    file = _file_field(_("File"))


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Reason or comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )


class PayForm(forms.Form):
    paid_on = DateField(label=_("Payment date"))
    payment_reference = forms.CharField(
        label=_("Payment reference"),
        max_length=100,
        help_text=_("E.g. the number of the bank transfer."),
    )
    amount = forms.DecimalField(
        label=_("Amount paid (baht)"), max_digits=15, decimal_places=2, min_value=0
    )
    shortfall_reason = forms.CharField(
        label=_("Why less than the instalment is paid"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        required=False,
        help_text=_("Only when the amount paid is less than the instalment."),
    )

    def __init__(self, *args, instalment, **kwargs):
        kwargs.setdefault("initial", {"paid_on": timezone.localdate(), "amount": instalment.amount})
        super().__init__(*args, **kwargs)


class DocumentsAskedForm(forms.Form):
    documents = forms.MultipleChoiceField(
        label=_("Documents asked for with each payment request"),
        choices=PaymentDocumentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
