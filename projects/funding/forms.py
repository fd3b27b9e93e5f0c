"""The form of the award: contract, dates and the approved budget grid."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField
from core.numbers import ZERO


class FundForm(forms.Form):
    """The contract, the project's dates and the approved budget grid (one field per category
    and fiscal year, named `budget_<category id>_<year id>`). Whether they make a valid award
    is the service's to say (`services.award_problems`), so that every reason comes at once."""

    contract_number = forms.CharField(label=_("Contract number"), max_length=60)
    contract_date = DateField(label=_("Contract date"))
    starts_on = DateField(label=_("Project start"))
    ends_on = DateField(
        label=_("Project end"),
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
