"""The filters of the risk list. Unknown values are ignored (the field is left out)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.dashboard.forms import ObjectChoiceField
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

    def __init__(self, *args, calls, municipalities, officers, **kwargs):
        """`calls`, `municipalities`, `officers`: the objects to choose from, already read
        (the view reads the last two in one query: `selectors.towns_and_officers`)."""
        super().__init__(*args, **kwargs)
        for name, objects in (
            ("call", calls),
            ("municipality", municipalities),
            ("officer", officers),
        ):
            self.fields[name].set_objects(lambda objects=objects: objects)
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
