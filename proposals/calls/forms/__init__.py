"""The forms of a call: its main fields (here), and one inline formset per part (`parts.py`),
checked together."""

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import MunicipalityType, Region
from core.forms import DateTimeField
from proposals.calls import services
from proposals.calls.forms.parts import (
    DOCUMENT_EXTENSIONS,
    DOCUMENT_MAX_BYTES,
    PART_FORMSETS,
    ColumnsMixin,
    PartFormSet,
    part_formsets,
)
from proposals.models import Call

# Words the call list uses in its own links, so no call may take them as its code.
RESERVED_CODES = {"manage", "new"}


class BangkokDateTimeField(DateTimeField):
    """A date and time typed in the reader's era (core.forms), read in the project's time zone
    (Asia/Bangkok) whatever time zone is active, since calls open and close on Thai time."""

    def to_python(self, value):
        with timezone.override(ZoneInfo(settings.TIME_ZONE)):
            return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.make_naive(value, ZoneInfo(settings.TIME_ZONE))
        return value


def _checkboxes():
    return forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})


class CallForm(forms.ModelForm):
    eligible_municipality_types = forms.MultipleChoiceField(
        label=_("Eligible municipality types"),
        choices=MunicipalityType.choices,
        required=False,
        widget=_checkboxes(),
        help_text=_("Leave all unticked to accept every type."),
    )
    eligible_regions = forms.MultipleChoiceField(
        label=_("Eligible regions"),
        choices=Region.choices,
        required=False,
        widget=_checkboxes(),
        help_text=_("Leave all unticked to accept every region."),
    )

    class Meta:
        model = Call
        fields = [
            "programme",
            "fiscal_year",
            "code",
            "title_th",
            "title_en",
            "description_th",
            "description_en",
            "opens_at",
            "closes_at",
            "total_budget",
            "ceiling_per_proposal",
            "min_duration_months",
            "max_duration_months",
            "report_cadence",
            "financial_reporting",
            "eligible_municipality_types",
            "eligible_regions",
            "reviewers_per_proposal",
            "blind_review",
            "scoring_formula",
            "disagreement_threshold",
            "has_concept_stage",
            "concept_closes_at",
            "concept_reviewers",
        ]
        field_classes = dict.fromkeys(
            ["opens_at", "closes_at", "concept_closes_at"], BangkokDateTimeField
        )
        widgets = {
            "description_th": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "opens_at": _("Thai time (UTC+7)."),
            "closes_at": _("Thai time (UTC+7). Proposals are refused from this moment."),
            "ceiling_per_proposal": _("The most one proposal may ask for."),
            "has_concept_stage": _(
                "Applicants first send a short concept; only the concepts a decision invites "
                "write a full proposal."
            ),
            "concept_closes_at": _("Thai time (UTC+7). Concepts are refused from this moment."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out of a post, these stay as they are (a new call's defaults).
        self.fields["scoring_formula"].required = False
        self.fields["concept_reviewers"].required = False
        self.fields["report_cadence"].required = False
        self.fields["financial_reporting"].required = False
        if services.scoring_locked(self.instance):
            field = self.fields["scoring_formula"]
            field.disabled = True
            field.help_text = services.FORMULA_LOCKED

    def _unchanged_to_the_minute(self, name):
        """The box shows minutes only: a value equal to the stored one up to its seconds keeps
        the stored one, so that saving the page untouched changes nothing."""
        value = self.cleaned_data.get(name)
        stored = getattr(self.instance, name, None)
        if value and stored and value == stored.replace(second=0, microsecond=0):
            return stored
        return value

    def clean_opens_at(self):
        return self._unchanged_to_the_minute("opens_at")

    def clean_closes_at(self):
        return self._unchanged_to_the_minute("closes_at")

    def clean_concept_closes_at(self):
        return self._unchanged_to_the_minute("concept_closes_at")

    def clean_concept_reviewers(self):
        return self.cleaned_data.get("concept_reviewers") or self.instance.concept_reviewers

    def clean_report_cadence(self):
        return self.cleaned_data.get("report_cadence") or self.instance.report_cadence

    def clean_financial_reporting(self):
        return self.cleaned_data.get("financial_reporting") or self.instance.financial_reporting

    def clean_scoring_formula(self):
        return self.cleaned_data.get("scoring_formula") or self.instance.scoring_formula

    def clean_code(self):
        code = self.cleaned_data["code"]
        if code.lower() in RESERVED_CODES:
            raise ValidationError(
                _("“%(code)s” is a word the site uses in its links; choose another code."),
                params={"code": code},
            )
        return code


__all__ = [
    "DOCUMENT_EXTENSIONS",
    "DOCUMENT_MAX_BYTES",
    "PART_FORMSETS",
    "BangkokDateTimeField",
    "CallForm",
    "ColumnsMixin",
    "PartFormSet",
    "part_formsets",
]
