"""The filters of the risk list. Unknown values are ignored (the field is left out)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality
from accounts.roles import Role
from projects.risk.selectors import LEVELS
from proposals.models import Call


class RiskFilterForm(forms.Form):
    call = forms.ModelChoiceField(
        label=_("Call"), required=False, queryset=Call.objects.none(), empty_label=_("All calls")
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.order_by("name_th"),
        empty_label=_("All municipalities"),
    )
    officer = forms.ModelChoiceField(
        label=_("Funding officer"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("All officers"),
        help_text=_("Who recorded the contract."),
    )
    level = forms.ChoiceField(label=_("Level"), required=False)

    def __init__(self, *args, calls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = calls
        self.fields["officer"].queryset = (
            get_user_model()
            .objects.filter(groups__name=Role.FUNDING_OFFICER, is_active=True)
            .order_by("email")
        )
        self.fields["level"].choices = [("", _("Any level")), *LEVELS.items()]

    def filters(self):
        """The keyword arguments of `selectors.project_risks` for the valid fields."""
        data = {}
        if self.is_bound:
            self.is_valid()  # cleaned_data keeps the fields that are valid
            data = self.cleaned_data
        return {
            "call": data.get("call"),
            "municipality": data.get("municipality"),
            "officer": data.get("officer"),
            "level": data.get("level") or None,
        }
