"""The filters of the risk list. Unknown values are ignored (the field is left out)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality
from accounts.roles import Role
from indicators.dashboard.forms import FilterChoices, ObjectChoiceField
from projects.risk.selectors import LEVELS


class RiskFilterForm(forms.Form):
    call = ObjectChoiceField(label=_("Call"), required=False, empty_label=_("All calls"))
    municipality = ObjectChoiceField(
        label=_("Municipality"), required=False, empty_label=_("All municipalities")
    )
    officer = ObjectChoiceField(
        label=_("Funding officer"),
        required=False,
        empty_label=_("All officers"),
        help_text=_("Who recorded the contract."),
    )
    level = forms.ChoiceField(label=_("Level"), required=False)

    def __init__(self, *args, calls, **kwargs):
        """`calls`: the calls to choose from, already read. The municipalities (by Thai name)
        and the active funding officers (by email) are read together, in one query, when
        first needed (`FilterChoices`)."""
        super().__init__(*args, **kwargs)
        officers = get_user_model().objects.filter(
            groups__name=Role.FUNDING_OFFICER, is_active=True
        )
        lists = FilterChoices(
            {"municipality": Municipality.objects.all(), "officer": officers},
            ["municipality", "officer"],
            rows={"officer": "person"},
        )
        self.fields["call"].set_objects(lambda: calls)
        for name in ("municipality", "officer"):
            self.fields[name].set_objects(lambda name=name: lists.objects(name))
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
