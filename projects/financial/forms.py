"""The form of a refund of the unspent balance."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField


class RefundForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Refunded (baht)"), max_digits=15, decimal_places=2, min_value=0
    )
    refunded_on = DateField(label=_("Refund date"))
    reference = forms.CharField(
        label=_("Refund reference"),
        max_length=100,
        help_text=_("E.g. the number of the bank transfer back to the fund."),
    )

    def __init__(self, *args, balance=None, **kwargs):
        kwargs.setdefault("initial", {"refunded_on": timezone.localdate(), "amount": balance})
        super().__init__(*args, **kwargs)
