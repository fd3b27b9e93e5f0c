"""The filters of the portfolio's open data (downloads, map, API): text, municipality,
province, region, technology, smart-city dimension and fiscal year, all optional."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Region
from indicators.models import Dimension, FiscalYear, Technology


class PortfolioFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name_th"),
        required=False,
        empty_label=_("All municipalities"),
    )
    province = forms.ChoiceField(label=_("Province"), required=False)
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )
    technology = forms.ModelChoiceField(
        label=_("Technology"),
        queryset=Technology.objects.order_by("kind", "name_th"),
        required=False,
        empty_label=_("All technologies"),
    )
    dimension = forms.ModelChoiceField(
        label=_("Smart-city dimension"),
        queryset=Dimension.objects.all(),
        required=False,
        empty_label=_("All dimensions"),
    )
    fiscal_year = forms.ModelChoiceField(
        label=_("Fiscal year"),
        queryset=FiscalYear.objects.order_by("year_be"),
        to_field_name="year_be",
        required=False,
        empty_label=_("All years"),
    )

    def __init__(self, data=None):
        super().__init__(data)
        provinces = (
            Municipality.objects.order_by("province_th")
            .values_list("province_th", flat=True)
            .distinct()
        )
        self.fields["province"].choices = [("", _("All provinces"))] + [
            (name, name) for name in provinces
        ]
        for field in self.fields.values():
            kind = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{kind} form-{kind.split('-')[1]}-sm mw-100"

    def filters(self):
        """The usable filters, by name (an invalid one is left out; `errors` says why)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in (None, "")}
