"""Forms of the funded projects' pages: the award, a payment, the list's filters."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Region
from indicators.models import Technology
from projects.selectors import Attention
from proposals.models import ProposalState

ZERO = Decimal("0.00")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class FundForm(forms.Form):
    """The contract, the project's dates and the approved budget grid (one field per category
    and fiscal year, named `budget_<category id>_<year id>`). Whether they make a valid award
    is the service's to say (`services.award_problems`), so that every reason comes at once."""

    contract_number = forms.CharField(label=_("Contract number"), max_length=60)
    contract_date = forms.DateField(label=_("Contract date"), widget=DateInput())
    starts_on = forms.DateField(label=_("Project start"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Project end"),
        widget=DateInput(),
        help_text=_("The last day of the project: reports and instalments follow from it."),
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: the team reads it with the notification."),
    )

    def __init__(self, *args, categories=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(categories)
        self.years = list(years)
        for category in self.categories:
            for year in self.years:
                self.fields[self.cell_name(category, year)] = forms.DecimalField(
                    label=_("%(category)s, fiscal year %(year)s")
                    % {"category": category.name, "year": year.year_be},
                    required=False,
                    min_value=0,
                    max_digits=15,
                    decimal_places=2,
                    widget=forms.NumberInput(
                        attrs={"step": "0.01", "min": "0", "class": "text-end"}
                    ),
                )

    @staticmethod
    def cell_name(category, year):
        return f"budget_{category.pk}_{year.pk}"

    def budget(self):
        """{(category id, fiscal year id): amount} of the cleaned grid (an empty cell is 0)."""
        return {
            (category.pk, year.pk): self.cleaned_data.get(self.cell_name(category, year)) or ZERO
            for category in self.categories
            for year in self.years
        }

    def grid(self):
        """Rows of bound fields, one per category, in the order of the years."""
        return [
            {"category": category, "cells": [self[self.cell_name(category, y)] for y in self.years]}
            for category in self.categories
        ]

    def budget_fields(self):
        return [self[name] for name in self.fields if name.startswith("budget_")]

    def head_fields(self):
        return [self[name] for name in ("contract_number", "contract_date", "starts_on", "ends_on")]


def cell_value(form, category, year):
    """What a grid cell holds now, as a Decimal (0 when empty or not a number), for totals
    shown while the officer types."""
    raw = form[FundForm.cell_name(category, year)].value()
    try:
        return Decimal(str(raw)).quantize(Decimal("0.01")) if raw not in (None, "") else ZERO
    except ArithmeticError:
        return ZERO


def date_value(form, name):
    """The date in a field as typed, or None (for the preview, before the form is valid)."""
    field = form.fields[name]
    try:
        return field.clean(form[name].value())
    except forms.ValidationError:
        return None


class ReleaseForm(forms.Form):
    paid_on = forms.DateField(label=_("Payment date"), widget=DateInput())
    payment_reference = forms.CharField(
        label=_("Payment reference"),
        max_length=100,
        help_text=_("E.g. the number of the bank transfer."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"paid_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


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
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.order_by("name_th"),
        empty_label=_("All municipalities"),
    )
    technology = forms.ModelChoiceField(
        label=_("Technology"),
        required=False,
        queryset=Technology.objects.order_by("kind", "name_th"),
        empty_label=_("All technologies"),
        help_text=_("The first technology the project listed."),
    )
    attention = forms.ChoiceField(
        label=_("Needs attention"), required=False, choices=ATTENTION_CHOICES
    )

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
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
