from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import (
    DEFINING_FIELDS,
    Dimension,
    Indicator,
    Letterhead,
    Objective,
    OutputType,
    Programme,
    Technology,
)
from indicators.models.letters import LETTERHEAD_FIELDS

CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})


class LetterheadForm(forms.ModelForm):
    class Meta:
        model = Letterhead
        fields = list(LETTERHEAD_FIELDS)
        widgets = {
            "office_th": forms.Textarea(attrs={"rows": 3}),
            "office_en": forms.Textarea(attrs={"rows": 3}),
        }


THRESHOLD_FIELDS = [
    "on_track_threshold",
    "at_risk_threshold",
    "spending_under_threshold",
    "spending_over_threshold",
]


class ThresholdsForm(forms.ModelForm):
    """The programme's thresholds of achievement and of spending, read by the dashboards and
    the risk signals."""

    class Meta:
        model = Programme
        fields = THRESHOLD_FIELDS

    def clean(self):
        cleaned = super().clean()
        on_track, at_risk = cleaned.get("on_track_threshold"), cleaned.get("at_risk_threshold")
        if on_track is not None and at_risk is not None and at_risk >= on_track:
            self.add_error(
                "at_risk_threshold",
                _("The at-risk threshold must be below the on-track threshold (%(value)s%%).")
                % {"value": f"{on_track:g}"},
            )
        return cleaned


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = Objective
        fields = ["code", "position", "name_th", "name_en", "description_th", "description_en"]
        widgets = {
            "description_th": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        clash = Objective.objects.filter(programme=self.instance.programme, code__iexact=code)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another objective of this programme has this code."))
        return code


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "objective",
            "code",
            "position",
            "name_th",
            "name_en",
            "definition_th",
            "definition_en",
            "value_type",
            "unit_th",
            "unit_en",
            "aggregation",
            "direction",
            "baseline_value",
            "baseline_year",
            "per_municipality",
            "targets_cumulative",
            "dimensions",
            "technologies",
        ]
        widgets = {
            "definition_th": forms.Textarea(attrs={"rows": 3}),
            "definition_en": forms.Textarea(attrs={"rows": 3}),
            "dimensions": CHECKBOXES,
            "technologies": CHECKBOXES,
        }

    def __init__(self, *args, programme, locked=False, **kwargs):
        """`locked`: data is recorded against the indicator, so the fields that say what its
        numbers mean are shown but cannot change (`indicators.locks`)."""
        super().__init__(*args, **kwargs)
        self.locked = locked
        if locked:
            for name in DEFINING_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Locked: proposals or projects have recorded data against this indicator."
                )
        self.instance.programme = programme
        self.fields["objective"].queryset = programme.objectives.all()
        self.fields["dimensions"].queryset = Dimension.objects.all()
        self.fields["technologies"].queryset = Technology.objects.filter(is_active=True)

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        clash = Indicator.objects.filter(programme=self.instance.programme, code__iexact=code)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another indicator of this programme has this code."))
        return code


class TechnologyForm(forms.ModelForm):
    class Meta:
        model = Technology
        fields = [
            "name_th",
            "name_en",
            "kind",
            "description_th",
            "description_en",
            "origin",
            "dimensions",
            "is_active",
        ]
        widgets = {
            "description_th": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "dimensions": CHECKBOXES,
        }


OutputTypeFormSet = forms.modelformset_factory(
    OutputType,
    fields=["code", "name_th", "name_en", "position", "is_active"],
    extra=1,
    can_delete=False,
)


class TargetsForm(forms.Form):
    """The targets grid: one field per indicator and fiscal year, named `t-<indicator>-<year>`."""

    def __init__(self, *args, indicators, years, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells = []
        for indicator in indicators:
            row = []
            for year in years:
                name = f"t-{indicator.pk}-{year.pk}"
                self.fields[name] = forms.CharField(
                    required=False,
                    label=f"{indicator.code} {year.year_be}",
                    initial=_plain(targets.get((indicator.pk, year.pk))),
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
                )
                row.append(name)
            self.cells.append((indicator, [self[name] for name in row]))
        self.keys = {
            f"t-{indicator.pk}-{year.pk}": (indicator.pk, year.pk)
            for indicator in indicators
            for year in years
        }
        self.percent = {
            indicator.pk for indicator in indicators if indicator.value_type == "percent"
        }

    def clean(self):
        data = super().clean()
        values = {}
        for name, key in self.keys.items():
            raw = (data.get(name) or "").replace(",", "").strip()
            if not raw:
                values[key] = None
                continue
            try:
                value = Decimal(raw)
            except InvalidOperation:
                self.add_error(name, _("“%(value)s” is not a number.") % {"value": raw})
                continue
            if not value.is_finite() or abs(value) >= Decimal("1e16"):
                self.add_error(name, _("This number is too large."))
                continue
            if value < 0:
                self.add_error(name, _("A target cannot be below zero."))
                continue
            if key[0] in self.percent and value > 100:
                self.add_error(name, _("A percent target cannot exceed 100."))
                continue
            values[key] = value.quantize(Decimal("0.01"))
        self.values = values
        return data


def _plain(value):
    if value is None:
        return ""
    return f"{value.normalize():f}"
