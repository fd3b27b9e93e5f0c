"""The forms of a call's parts: one inline formset per part, checked together."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from proposals.calls import services
from proposals.models import (
    BudgetCategory,
    Call,
    CallDocument,
    ConceptSection,
    InstalmentTemplate,
    ProposalStage,
    RequiredAttachment,
    ReviewCriterion,
)

HUNDRED = Decimal("100")

DOCUMENT_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "ppt", "pptx", "zip"]
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


class ColumnsMixin:
    """Lets a template lay a row's fields out on Bootstrap's grid: `field.field.column`."""

    columns = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.column = self.columns.get(name, "col-md-3")


def _width(em, minimum=False):
    # A class of static/css/site.css: the Content-Security-Policy allows no inline style.
    return {"class": f"{'min-w' if minimum else 'w'}-em-{em}"}


class BudgetCategoryForm(ColumnsMixin, forms.ModelForm):
    class Meta:
        model = BudgetCategory
        fields = [
            "position",
            "code",
            "name_th",
            "name_en",
            "allowed",
            "cap_percent",
            "fixed_percent",
        ]
        widgets = {
            "position": forms.NumberInput(attrs=_width(5)),
            "code": forms.TextInput(attrs=_width(10, minimum=True)),
            "name_th": forms.TextInput(attrs=_width(16, minimum=True)),
            "name_en": forms.TextInput(attrs=_width(12, minimum=True)),
            "cap_percent": forms.NumberInput(attrs=_width(7)),
            "fixed_percent": forms.NumberInput(attrs=_width(7)),
        }
        help_texts = {
            # Translators: xgettext:no-python-format
            "cap_percent": _(
                "At most this share of the total, e.g. an institutional fee of at most 10% "
                "(PMU-A's rule)."
            ),
            # Translators: xgettext:no-python-format
            "fixed_percent": _("Exactly this share of the total. Give a cap or a fixed share."),
        }


class InstalmentForm(ColumnsMixin, forms.ModelForm):
    class Meta:
        model = InstalmentTemplate
        fields = ["number", "percent", "report_kind"]
        widgets = {
            "number": forms.NumberInput(attrs=_width(6)),
            "percent": forms.NumberInput(attrs=_width(8)),
        }


class CriterionForm(ColumnsMixin, forms.ModelForm):
    columns = {
        "name_th": "col-md-6",
        "name_en": "col-md-6",
        "guidance_th": "col-md-6",
        "guidance_en": "col-md-6",
        "weight": "col-6 col-md-3",
        "scale_min": "col-6 col-md-3",
        "scale_max": "col-6 col-md-3",
        "position": "col-6 col-md-3",
        "stage": "col-md-3",
    }

    class Meta:
        model = ReviewCriterion
        fields = [
            "name_th",
            "name_en",
            "stage",
            "weight",
            "scale_min",
            "scale_max",
            "position",
            "guidance_th",
            "guidance_en",
        ]
        widgets = {
            "guidance_th": forms.Textarea(attrs={"rows": 2}),
            "guidance_en": forms.Textarea(attrs={"rows": 2}),
        }


class RequiredAttachmentForm(ColumnsMixin, forms.ModelForm):
    columns = {
        "name_th": "col-md-5",
        "name_en": "col-md-5",
        "position": "col-6 col-md-2",
        "description_th": "col-md-5",
        "description_en": "col-md-5",
        "is_required": "col-6 col-md-2",
    }

    class Meta:
        model = RequiredAttachment
        fields = [
            "name_th",
            "name_en",
            "position",
            "description_th",
            "description_en",
            "is_required",
        ]
        widgets = {
            "description_th": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
        }


class CallDocumentForm(ColumnsMixin, forms.ModelForm):
    columns = {
        "title_th": "col-md-4",
        "title_en": "col-md-4",
        "file": "col-md-3",
        "position": "col-md-1",
    }

    class Meta:
        model = CallDocument
        fields = ["title_th", "title_en", "file", "position"]
        widgets = {"file": forms.FileInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].validators.append(FileExtensionValidator(DOCUMENT_EXTENSIONS))
        self.fields["file"].help_text = _("PDF, Word, Excel, OpenDocument, PowerPoint or ZIP.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and getattr(upload, "size", 0) > DOCUMENT_MAX_BYTES:
            raise ValidationError(
                _("This file is %(size)s; a document may be at most %(limit)s."),
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(DOCUMENT_MAX_BYTES),
                },
            )
        return upload


class PartFormSet(BaseInlineFormSet):
    """An inline formset whose totals count only the rows that will be kept."""

    def kept_rows(self):
        rows = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data"):
                continue
            if not (form.instance.pk or form.has_changed()):
                continue  # a blank extra row
            if self.can_delete and self._should_delete_form(form):
                continue
            rows.append(form.cleaned_data)
        return rows

    def check_rows(self, rows):
        """Errors of the part as a whole; subclasses list them."""
        return []

    def clean(self):
        errors = self.check_rows(self.kept_rows())
        if errors:
            raise ValidationError(errors)
        # Django's own uniqueness check, once ours has said it in plainer words.
        super().clean()


def _total(rows, field):
    """The sum of `field` over the rows, or None when a row has no valid value to add."""
    values = [row.get(field) for row in rows]
    if None in values:
        return None
    return sum(values, Decimal("0"))


def _duplicates(rows, field):
    seen, repeated = set(), []
    for row in rows:
        value = row.get(field)
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return [value for value in repeated if value not in (None, "")]


class BudgetCategoryFormSet(PartFormSet):
    def check_rows(self, rows):
        errors = [
            ValidationError(
                _("Two budget categories have the code “%(code)s”; each needs its own code."),
                params={"code": code},
            )
            for code in _duplicates(rows, "code")
        ]
        fixed = [row for row in rows if row.get("allowed") and row.get("fixed_percent")]
        total = _total(fixed, "fixed_percent")
        if total is not None and total >= HUNDRED:
            errors.append(services.FIXED_SHARES_TOO_HIGH % {"total": services.number(total)})
        return errors


class InstalmentFormSet(PartFormSet):
    def check_rows(self, rows):
        errors = [
            ValidationError(
                _("Two instalments have the number %(number)s; give each its own number."),
                params={"number": number},
            )
            for number in _duplicates(rows, "number")
        ]
        total = _total(rows, "percent")
        if rows and total is not None and total != HUNDRED:
            errors.append(services.INSTALMENTS_NOT_100 % {"total": services.number(total)})
        return errors


class CriterionFormSet(PartFormSet):
    def check_rows(self, rows):
        """The weights of each stage's criteria (a two-stage call's concepts have their own)
        add up to 100."""
        errors = []
        for stage in ProposalStage:
            staged = [row for row in rows if row.get("stage", ProposalStage.FULL) == stage]
            total = _total(staged, "weight")
            if staged and total is not None and total != HUNDRED:
                message = services.WEIGHTS_NOT_100[stage]
                errors.append(message % {"total": services.number(total)})
        return errors


class ConceptSectionForm(ColumnsMixin, forms.ModelForm):
    columns = {"key": "col-md-8", "word_limit": "col-md-4"}

    class Meta:
        model = ConceptSection
        fields = ["key", "word_limit"]


PART_OPTIONS = {"extra": 1, "can_delete": True}

PART_FORMSETS = {
    "budget_categories": inlineformset_factory(
        Call,
        BudgetCategory,
        form=BudgetCategoryForm,
        formset=BudgetCategoryFormSet,
        **PART_OPTIONS,
    ),
    "instalments": inlineformset_factory(
        Call, InstalmentTemplate, form=InstalmentForm, formset=InstalmentFormSet, **PART_OPTIONS
    ),
    "criteria": inlineformset_factory(
        Call, ReviewCriterion, form=CriterionForm, formset=CriterionFormSet, **PART_OPTIONS
    ),
    "required_attachments": inlineformset_factory(
        Call, RequiredAttachment, form=RequiredAttachmentForm, formset=PartFormSet, **PART_OPTIONS
    ),
    "documents": inlineformset_factory(
        Call, CallDocument, form=CallDocumentForm, formset=PartFormSet, **PART_OPTIONS
    ),
    "concept_sections": inlineformset_factory(
        Call, ConceptSection, form=ConceptSectionForm, formset=PartFormSet, **PART_OPTIONS
    ),
}


def part_formsets(call, data=None, files=None):
    """One bound (or unbound) formset per part of `call`, each under its part's prefix."""
    return {
        prefix: factory(data, files, instance=call, prefix=prefix)
        for prefix, factory in PART_FORMSETS.items()
    }
