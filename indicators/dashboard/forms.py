"""The filters of the KPI dashboards, read from the query string.

A filter that cannot be used (a year outside the programme, an unknown region, a number that is
no technology) is left out and its message shown: the page still answers with the others.
"""

from urllib.parse import urlencode

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Region
from indicators.models import Commitment, Dimension, FiscalYear, Result, Technology


def programme_years(programme):
    """The programme's fiscal years and every fiscal year with a ledger row of it."""
    return FiscalYear.objects.filter(
        Q(programmes=programme)
        | Q(pk__in=Commitment.objects.filter(programme=programme).values("fiscal_year"))
        | Q(pk__in=Result.objects.filter(programme=programme).values("fiscal_year"))
    ).distinct()


class DashboardFilterForm(forms.Form):
    fiscal_year = forms.ModelChoiceField(
        label=_("Fiscal year"),
        queryset=FiscalYear.objects.none(),
        to_field_name="year_be",
        required=False,
        empty_label=_("All years"),
    )
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

    def __init__(self, data=None, *, programme=None, only=None):
        """`programme` limits the years to its own and those its ledger has rows in (a result
        filed under a year the programme lacks is still seen); `only` keeps some fields."""
        super().__init__(data)
        years = programme_years(programme) if programme else FiscalYear.objects.all()
        self.fields["fiscal_year"].queryset = years.order_by("year_be")
        if only is not None:
            for name in list(self.fields):
                if name not in only:
                    del self.fields[name]

    def filters(self):
        """The usable filters, by name: FiscalYear, region code, Technology, Dimension."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in (None, "")}

    def query(self):
        """The usable filters as a query string, to carry them to the next page."""
        values = {
            "fiscal_year": lambda year: year.year_be,
            "region": lambda region: region,
            "technology": lambda technology: technology.pk,
            "dimension": lambda dimension: dimension.pk,
        }
        return urlencode(
            {name: values[name](value) for name, value in self.filters().items()}, doseq=False
        )
