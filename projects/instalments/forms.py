"""The form of a payment."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField


class ReleaseForm(forms.Form):
    paid_on = DateField(label=_("Payment date"))
    payment_reference = forms.CharField(
        label=_("Payment reference"),
        max_length=100,
        help_text=_("E.g. the number of the bank transfer."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"paid_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
