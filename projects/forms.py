"""The filters of the list of projects."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Region
from core.versioned_cache import EVERYTHING
from indicators.cache import FIGURES
from indicators.dashboard.forms import FilterChoices, ObjectChoiceField
from indicators.models import Technology
from projects.selectors import Attention
from proposals.models import ProposalState

ATTENTION_CHOICES = [
    ("", _("Any")),
    (Attention.REPORT_OVERDUE, _("A report is overdue")),
    (Attention.REPORT_SUBMITTED, _("A report awaits a decision")),
    (Attention.INSTALMENT_DUE, _("An instalment is due for payment")),
]


class ProjectFilterForm(forms.Form):
    """The filters of the project list. Unknown values are ignored (the field is left out)."""

    programme = forms.ChoiceField(label=_("Programme"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("All regions")), *Region.choices],
        help_text=_("Of the lead municipality."),
    )
    municipality = ObjectChoiceField(
        label=_("Municipality"), required=False, empty_label=_("All municipalities")
    )
    technology = ObjectChoiceField(
        label=_("Technology"),
        required=False,
        empty_label=_("All technologies"),
        help_text=_("The first technology the project listed."),
    )
    attention = forms.ChoiceField(
        label=_("Needs attention"), required=False, choices=ATTENTION_CHOICES
    )

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Municipalities by Thai name, technologies by kind and name: the same for every
        # visitor, read in one query and kept with the KPI figures, whose whole cache is
        # dropped when a municipality or a technology changes (indicators.cache).
        lists = FilterChoices(
            {"municipality": Municipality.objects.all(), "technology": Technology.objects.all()},
            ["municipality", "technology"],
            keep=lambda read: FIGURES.get_or_compute(EVERYTHING, ["project-filters"], read),
        )
        for name in ("municipality", "technology"):
            self.fields[name].set_objects(lambda name=name: lists.objects(name))
        self.programmes = list(programmes)
        self.fields["programme"].choices = [("", _("All programmes"))] + [
            (programme.code, f"{programme.code} · {programme.name}")
            for programme in self.programmes
        ]
        self.fields["state"].choices = [("", _("All states"))] + [
            (state.value, state.label) for state in ProposalState if state in ProposalState.funded()
        ]

    def filters(self):
        """The keyword arguments of `selectors.project_list` for the valid fields."""
        data = {}
        if self.is_bound:
            self.is_valid()  # cleaned_data keeps the fields that are valid
            data = self.cleaned_data
        by_code = {programme.code: programme for programme in self.programmes}
        return {
            "programme": by_code.get(data.get("programme")),
            "state": data.get("state") or None,
            "region": data.get("region") or None,
            "municipality": data.get("municipality"),
            "technology": data.get("technology"),
            "attention": data.get("attention") or None,
        }
