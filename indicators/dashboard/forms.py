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


class ObjectChoiceField(forms.ChoiceField):
    """A choice among objects read at most once, when first needed (to check a choice or to
    draw the list): a ModelChoiceField reads its table to check the choice and again to draw
    the list. Cleans to the object."""

    def __init__(self, *, key="pk", empty_label, **kwargs):
        self.key = key
        self.empty_label = empty_label
        self._load = list
        self._objects = None
        super().__init__(choices=[], **kwargs)

    def set_objects(self, load):
        """`load()` gives the objects (a queryset), read on first use."""
        self._load = load
        self._objects = None
        self.choices = self._choice_list

    @property
    def queryset(self):
        """The choices as a queryset, as a ModelChoiceField offers them."""
        return self._load()

    def objects(self):
        if self._objects is None:
            self._objects = {str(getattr(item, self.key)): item for item in self._load()}
        return self._objects

    def _choice_list(self):
        return [("", self.empty_label), *((k, str(v)) for k, v in self.objects().items())]

    def valid_value(self, value):
        return str(value) in self.objects()

    def clean(self, value):
        value = super().clean(value)
        return self.objects().get(value) if value else None


class DashboardFilterForm(forms.Form):
    fiscal_year = ObjectChoiceField(
        label=_("Fiscal year"), key="year_be", required=False, empty_label=_("All years")
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )
    technology = ObjectChoiceField(
        label=_("Technology"), required=False, empty_label=_("All technologies")
    )
    dimension = ObjectChoiceField(
        label=_("Smart-city dimension"), required=False, empty_label=_("All dimensions")
    )

    def __init__(self, data=None, *, programme=None, only=None):
        """`programme` limits the years to its own and those its ledger has rows in (a result
        filed under a year the programme lacks is still seen); `only` keeps some fields. Each
        list of choices is read once, when needed (three queries at most)."""
        super().__init__(data)
        if only is not None:
            for name in list(self.fields):
                if name not in only:
                    del self.fields[name]
        years = programme_years(programme) if programme else FiscalYear.objects.all()
        choices = {
            "fiscal_year": lambda: years.order_by("year_be"),
            "technology": lambda: Technology.objects.order_by("kind", "name_th"),
            "dimension": lambda: Dimension.objects.all(),
        }
        for name, objects in choices.items():
            if name in self.fields:
                self.fields[name].set_objects(objects)

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
