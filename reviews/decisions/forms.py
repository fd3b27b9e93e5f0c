from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.thai import format_money
from proposals.lifecycle.rules import STEPS
from proposals.models import ProposalStage
from proposals.stages.checks import STEP_STAGES
from reviews.decisions import letters
from reviews.models import DecisionLetterTemplate, DecisionOutcome

TEXT_ROWS = 14


class LetterTemplateForm(forms.ModelForm):
    """The texts of a call's letters (with the invitation to the full stage when the call has
    a concept stage); an unknown placeholder is refused by name."""

    class Meta:
        model = DecisionLetterTemplate
        fields = letters.TEXT_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": TEXT_ROWS}) for name in letters.TEXT_FIELDS}

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        for name in letters.TEXT_FIELDS:
            if name not in letters.stage_fields(call):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            unknown = letters.unknown_placeholders(cleaned.get(name, ""))
            if unknown:
                self.add_error(name, letters.unknown_message(unknown))
        return cleaned


def outcome_choices(stage=ProposalStage.FULL):
    """The decisions of a proposal's stage, named as the buttons of the lifecycle name them:
    a concept is invited or rejected; a full proposal approved, rejected or revised."""
    return [
        (outcome.value, STEPS[outcome.value].label)
        for outcome in DecisionOutcome
        if STEP_STAGES.get(outcome.value, stage) == stage
    ]


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    approved_amount = forms.DecimalField(
        label=_("Approved amount (baht)"),
        required=False,
        max_digits=15,
        decimal_places=2,
        help_text=_("Only for an approval: more than zero and at most the requested amount."),
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Required: it goes into the decision letter the applicant receives."),
    )

    def __init__(self, *args, requested, stage=ProposalStage.FULL, **kwargs):
        super().__init__(*args, **kwargs)
        self.requested = requested
        self.fields["outcome"].choices = outcome_choices(stage)
        self.fields["approved_amount"].widget.attrs["max"] = str(requested)
        self.fields["approved_amount"].widget.attrs["step"] = "0.01"

    def clean(self):
        cleaned = super().clean()
        amount = cleaned.get("approved_amount")
        if cleaned.get("outcome") != DecisionOutcome.APPROVE:
            cleaned["approved_amount"] = None
        elif amount is None:
            if "approved_amount" not in self.errors:
                self.add_error("approved_amount", _("Give the approved amount."))
        elif amount <= Decimal("0"):
            self.add_error("approved_amount", _("The approved amount must be more than zero."))
        elif amount > self.requested:
            self.add_error(
                "approved_amount",
                _("The approved amount may not exceed the requested %(requested)s baht.")
                % {"requested": format_money(self.requested)},
            )
        return cleaned


class BulkDecisionForm(forms.Form):
    """One decision and one comment for several proposals of a call. (The confirmation
    page adds `confirm=1`: without it the view only shows what would happen.)"""

    proposal = forms.TypedMultipleChoiceField(
        label=_("Proposals"), coerce=int, widget=forms.MultipleHiddenInput
    )
    outcome = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Required: the same comment goes into every proposal's letter."),
    )

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].choices = [(p.pk, p.reference) for p in proposals]
        stages = {p.stage for p in proposals}
        self.fields["outcome"].choices = outcome_choices(
            stages.pop() if len(stages) == 1 else ProposalStage.FULL
        )
