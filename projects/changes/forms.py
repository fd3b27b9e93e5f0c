"""The forms of a change request: its reason and, by kind, the new end or the budget grid (one
box per category of the call and fiscal year of the project); the comment of a step; a file."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField
from core.thai import format_date
from projects.changes import checks
from projects.models import ChangeKind
from projects.progress.evidence import ACCEPT, ALLOWED_TEXT


class ChangeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the change"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )

    def __init__(self, *args, kind, award, categories, change=None, **kwargs):
        self.kind, self.award = kind, award
        initial = kwargs.setdefault("initial", {})
        current = checks.proposed_grid(change) if change else checks.approved_grid(award)
        if change is not None:
            initial.setdefault("reason", change.reason)
            initial.setdefault("new_ends_on", change.new_ends_on)
        super().__init__(*args, **kwargs)
        self.cells = []
        if kind == ChangeKind.EXTENSION:
            self.fields["new_ends_on"] = DateField(
                label=_("New project end"),
                help_text=_("The project ends on %(date)s now.")
                % {"date": format_date(award.ends_on)},
            )
        elif kind == ChangeKind.BUDGET:
            self.years = checks.grid_years(award)
            for category in categories:
                row = []
                for year in self.years:
                    name = f"cell_{category.pk}_{year}"
                    self.fields[name] = forms.DecimalField(
                        label=_("%(category)s, FY %(year)s")
                        % {"category": category.name, "year": year},
                        min_value=Decimal(0),
                        max_digits=15,
                        decimal_places=2,
                        required=False,
                        initial=current.get((category.pk, year), Decimal("0.00")),
                        widget=forms.NumberInput(attrs={"step": "0.01", "class": "text-end"}),
                    )
                    row.append(name)
                self.cells.append((category, row))

    def budget(self):
        """The proposed grid, as the service takes it: {"<category>:<year>": amount}."""
        grid = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("cell_") and value:
                _prefix, category, year = name.split("_")
                grid[checks.cell_key(category, year)] = value
        return grid

    def grid_rows(self):
        """The budget boxes as table rows: (category, [bound fields])."""
        return [(category, [self[name] for name in names]) for category, names in self.cells]


class StepForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Supporting file"),
        help_text=ALLOWED_TEXT,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
