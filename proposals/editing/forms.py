"""The row forms of the table parts of a proposal, each with its rules, and their formsets."""

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.forms import inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.thai import format_money
from indicators.models import ValueType
from proposals.editing.rows import OptionField, RowForm, RowFormSet
from proposals.models import (
    Activity,
    BudgetCategoryCode,
    BudgetLine,
    ContributionKind,
    ExpectedOutput,
    IndicatorContribution,
    Proposal,
    ProposalMunicipality,
    ProposalTechnology,
)

ZERO = Decimal("0")
HUNDRED = Decimal("100")


def _width(em, minimum=False):
    # A class of static/css/site.css: the Content-Security-Policy allows no inline style.
    return {"class": f"{'min-w' if minimum else 'w'}-em-{em}"}


def _text(rows=2, em=14):
    return forms.Textarea(attrs={"rows": rows, **_width(em, minimum=True)})


NOT_PROGRAMME_YEAR = gettext_lazy("Choose one of the fiscal years of the call's programme.")


class MunicipalityForm(RowForm):
    money_fields = ("contribution_amount",)

    class Meta:
        model = ProposalMunicipality
        fields = ["municipality", "is_lead", "role", "contribution_kind", "contribution_amount"]
        field_classes = {"municipality": OptionField}
        error_messages = {
            "municipality": {
                "invalid_choice": gettext_lazy(
                    "This municipality is not eligible for this call (its type or region)."
                )
            }
        }
        widgets = {
            "municipality": forms.Select(attrs=_width(16, minimum=True)),
            "role": _text(),
            "contribution_amount": forms.NumberInput(attrs={**_width(10), "step": "0.01"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contribution_amount"].required = False

    def clean(self):
        data = super().clean()
        kind, amount = data.get("contribution_kind"), data.get("contribution_amount")
        if kind == ContributionKind.NONE:
            if amount:
                self.add_error(
                    "contribution_amount",
                    _("Without co-funding the value must be 0; choose in kind or cash."),
                )
            else:
                data["contribution_amount"] = ZERO
        elif kind and "contribution_amount" not in self.errors and not amount:
            self.add_error(
                "contribution_amount",
                _("Give the value of the co-funding in baht (more than 0)."),
            )
        return data


class MunicipalityFormSet(RowFormSet):
    def check_rows(self, forms):
        self.mark_duplicates(
            forms,
            lambda data: getattr(data.get("municipality"), "pk", None),
            "municipality",
            _("This municipality is listed twice; keep one row for it."),
        )
        leads = [form for form in forms if form.cleaned_data.get("is_lead")]
        if len(leads) > 1:
            for form in leads:
                form.add_error(
                    "is_lead",
                    _("Only one municipality can be the lead; %(count)s are ticked.")
                    % {"count": len(leads)},
                )
        return []


def _no_longer_offered(form, name, message):
    """Refuse choosing an inactive catalogue item, but let a row keep the one it had."""
    chosen = form.cleaned_data.get(name)
    if chosen is not None and not chosen.is_active and name in form.changed_data:
        form.add_error(name, message)


class TechnologyForm(RowForm):
    class Meta:
        model = ProposalTechnology
        fields = ["technology", "planned_use"]
        field_classes = {"technology": OptionField}
        error_messages = {
            "technology": {"invalid_choice": gettext_lazy("Choose a technology of the catalogue.")}
        }
        widgets = {
            "technology": forms.Select(attrs=_width(16, minimum=True)),
            "planned_use": _text(3, 24),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planned_use"].required = True
        self.fields["planned_use"].error_messages["required"] = _(
            "Say how the project will use this technology."
        )

    def clean(self):
        data = super().clean()
        _no_longer_offered(
            self, "technology", _("This technology is no longer offered by the catalogue.")
        )
        return data


class TechnologyFormSet(RowFormSet):
    def check_rows(self, forms):
        self.mark_duplicates(
            forms,
            lambda data: getattr(data.get("technology"), "pk", None),
            "technology",
            _("This technology is listed twice; keep one row for it."),
        )
        return []


def month_limit(proposal):
    """The last month an activity may run to: the proposal's duration, or the longest the call
    allows while the duration is not set yet."""
    return proposal.duration_months or proposal.call.max_duration_months


class ActivityForm(RowForm):
    class Meta:
        model = Activity
        fields = ["position", "name", "start_month", "end_month", "deliverable", "weight_percent"]
        widgets = {
            "position": forms.NumberInput(attrs=_width(5)),
            "name": _text(2, 16),
            "start_month": forms.NumberInput(attrs=_width(6)),
            "end_month": forms.NumberInput(attrs=_width(6)),
            "deliverable": _text(2, 14),
            "weight_percent": forms.NumberInput(attrs={**_width(7), "step": "0.01"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deliverable"].required = True
        self.fields["position"].required = False

    def clean(self):
        data = super().clean()
        if data.get("position") is None:
            data["position"] = 0
        limit = month_limit(self.proposal)
        for name in ("start_month", "end_month"):
            month = data.get(name)
            if month is not None and not 1 <= month <= limit:
                self.add_error(
                    name,
                    _("Choose a month from 1 to %(limit)s (the project's duration).")
                    % {"limit": limit},
                )
        start, end = data.get("start_month"), data.get("end_month")
        if start and end and start > end and "end_month" not in self.errors:
            self.add_error("end_month", _("The activity must end in or after its first month."))
        return data


class BudgetLineForm(RowForm):
    money_fields = ("unit_cost",)

    class Meta:
        model = BudgetLine
        fields = [
            "category",
            "fiscal_year",
            "description",
            "quantity",
            "unit_cost",
            "specification",
            "justification",
        ]
        field_classes = {"category": OptionField, "fiscal_year": OptionField}
        error_messages = {
            "category": {
                "invalid_choice": gettext_lazy("Choose one of the categories the call allows.")
            },
            "fiscal_year": {"invalid_choice": NOT_PROGRAMME_YEAR},
            "quantity": {"min_value": gettext_lazy("The quantity must be more than 0.")},
            "unit_cost": {"min_value": gettext_lazy("The unit cost cannot be negative.")},
        }
        widgets = {
            "category": forms.Select(attrs=_width(12, minimum=True)),
            "fiscal_year": forms.Select(attrs=_width(6, minimum=True)),
            "description": _text(2, 14),
            "quantity": forms.NumberInput(attrs={**_width(7), "step": "0.01"}),
            "unit_cost": forms.NumberInput(attrs={**_width(9), "step": "0.01"}),
            "specification": _text(2, 12),
            "justification": _text(2, 12),
        }

    def clean(self):
        data = super().clean()
        category = data.get("category")
        if category is not None and category.code == BudgetCategoryCode.EQUIPMENT:
            for name in ("specification", "justification"):
                if not (data.get(name) or "").strip() and name not in self.errors:
                    self.add_error(
                        name, _("Equipment needs its specification and its justification.")
                    )
        return data

    def extra_cells(self):
        return [format_money(self.instance.amount) if self.instance.pk else ""]


class BudgetLineFormSet(RowFormSet):
    extra_headers = (gettext_lazy("Amount (baht)"),)
    stacked_below = "xxl"  # seven fields and the amount fit a row only on a wide screen


class IndicatorField(OptionField):
    """The indicator picker: each option says the indicator's whole name, its unit and
    whether it is reported per municipality (the field shows the chosen one in full below)."""

    def label_from_instance(self, obj):
        label = str(obj)
        if obj.unit:
            label = _("%(indicator)s (unit: %(unit)s)") % {"indicator": label, "unit": obj.unit}
        if obj.per_municipality:
            label = _("%(indicator)s · per municipality") % {"indicator": label}
        return label


class ContributionForm(RowForm):
    class Meta:
        model = IndicatorContribution
        fields = ["indicator", "fiscal_year", "municipality", "target", "means_of_verification"]
        field_classes = {
            "indicator": IndicatorField,
            "fiscal_year": OptionField,
            "municipality": OptionField,
        }
        error_messages = {
            "indicator": {
                "invalid_choice": gettext_lazy(
                    "Choose one of the indicators of the call's programme."
                )
            },
            "fiscal_year": {"invalid_choice": NOT_PROGRAMME_YEAR},
            "municipality": {
                "invalid_choice": gettext_lazy(
                    "Choose one of the proposal's partner municipalities "
                    "(add it on the municipalities page first)."
                )
            },
        }
        widgets = {
            "indicator": forms.Select(attrs={**_width(16, minimum=True), "data-show-choice": ""}),
            "fiscal_year": forms.Select(attrs=_width(6, minimum=True)),
            "municipality": forms.Select(attrs=_width(12, minimum=True)),
            "target": forms.NumberInput(attrs={**_width(8), "step": "0.01"}),
            "means_of_verification": _text(2, 16),
        }

    def clean(self):
        data = super().clean()
        indicator, target = data.get("indicator"), data.get("target")
        if indicator is None:
            return data
        missing = not data.get("municipality") and "municipality" not in self.errors
        if indicator.per_municipality and missing:
            self.add_error(
                "municipality",
                _("This indicator is reported per municipality: choose the municipality."),
            )
        if target is None:
            return data
        if indicator.value_type == ValueType.YES_NO and target not in (ZERO, Decimal("1")):
            self.add_error("target", _("This is a yes/no indicator: the target is 0 or 1."))
        elif indicator.value_type == ValueType.PERCENT and not ZERO <= target <= HUNDRED:
            self.add_error("target", _("This indicator is a percentage: give 0 to 100."))
        return data


class ContributionFormSet(RowFormSet):
    def check_rows(self, forms):
        def key(data):
            indicator, year = data.get("indicator"), data.get("fiscal_year")
            if indicator is None or year is None:
                return None
            return indicator.pk, year.pk, getattr(data.get("municipality"), "pk", None)

        self.mark_duplicates(
            forms,
            key,
            "indicator",
            _(
                "This indicator already has a target for this fiscal year and municipality; "
                "keep one row for them."
            ),
        )
        return []


class OutputForm(RowForm):
    class Meta:
        model = ExpectedOutput
        fields = ["output_type", "description", "quantity", "fiscal_year"]
        field_classes = {"output_type": OptionField, "fiscal_year": OptionField}
        error_messages = {
            "output_type": {"invalid_choice": gettext_lazy("Choose one of the output types.")},
            "fiscal_year": {"invalid_choice": NOT_PROGRAMME_YEAR},
        }
        widgets = {
            "output_type": forms.Select(attrs=_width(14, minimum=True)),
            "description": _text(2, 18),
            "quantity": forms.NumberInput(attrs=_width(6)),
            "fiscal_year": forms.Select(attrs=_width(6, minimum=True)),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        quantity = self.fields["quantity"]
        quantity.widget.attrs["min"] = 1
        quantity.validators.append(
            MinValueValidator(1, message=_("The quantity must be at least 1."))
        )

    def clean(self):
        data = super().clean()
        _no_longer_offered(self, "output_type", _("This output type is no longer offered."))
        return data


def _factory(model, form, formset=RowFormSet):
    def build(extra):
        return inlineformset_factory(
            Proposal, model, form=form, formset=formset, extra=extra, can_delete=True
        )

    return build


# Each part's formset class for a number of blank rows (`FORMSETS[key](extra)`).
FORMSETS = {
    "municipalities": _factory(ProposalMunicipality, MunicipalityForm, MunicipalityFormSet),
    "technologies": _factory(ProposalTechnology, TechnologyForm, TechnologyFormSet),
    "activities": _factory(Activity, ActivityForm),
    "budget": _factory(BudgetLine, BudgetLineForm, BudgetLineFormSet),
    "contributions": _factory(IndicatorContribution, ContributionForm, ContributionFormSet),
    "outputs": _factory(ExpectedOutput, OutputForm),
}
