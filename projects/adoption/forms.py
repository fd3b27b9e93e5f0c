"""The forms of technology adoption: the matrix's filter and an officer's record."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality
from core.forms import DateField
from indicators.models import Dimension, Technology, TechnologyKind
from projects.models import AdoptionStage
from proposals.models import Proposal, ProposalState


class MatrixFilter(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Hard and soft")), *TechnologyKind.choices], required=False
    )
    dimension = forms.ChoiceField(label=_("Smart-city dimension"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = [("", _("Every dimension"))] + [
            (d.code, str(d)) for d in Dimension.objects.all()
        ]


class RecordForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name_th")
    )
    technology = forms.ModelChoiceField(
        label=_("Technology"), queryset=Technology.objects.filter(is_active=True)
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=AdoptionStage.choices)
    since = DateField(label=_("Since"))
    evidence = forms.CharField(
        label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evidence_url = forms.URLField(
        label=_("Evidence link"), required=False, assume_scheme="https", max_length=500
    )
    provider = forms.CharField(label=_("Provider"), max_length=300, required=False)
    projects = forms.ModelMultipleChoiceField(
        label=_("Projects involved"),
        queryset=Proposal.objects.filter(state__in=ProposalState.funded()).order_by("reference"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].label_from_instance = lambda p: f"{p.reference} {p.title}"
