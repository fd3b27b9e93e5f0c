"""The eligibility questions: edited with the call (one formset), and answered by an applicant
before starting a proposal."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.thai import in_language
from proposals.calls.forms import ColumnsMixin, PartFormSet
from proposals.eligibility import checks
from proposals.models import Call, EligibilityKind, EligibilityQuestion


class EligibilityQuestionForm(ColumnsMixin, forms.ModelForm):
    columns = {
        "text_th": "col-md-5",
        "text_en": "col-md-5",
        "position": "col-6 col-md-2",
        "kind": "col-md-4",
        "system_check": "col-md-4",
        "eligible_options": "col-md-4",
        "options_th": "col-md-6",
        "options_en": "col-md-6",
        "reason_th": "col-md-6",
        "reason_en": "col-md-6",
    }

    class Meta:
        model = EligibilityQuestion
        fields = [
            "text_th",
            "text_en",
            "position",
            "kind",
            "system_check",
            "eligible_options",
            "options_th",
            "options_en",
            "reason_th",
            "reason_en",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ("options_th", "options_en", "reason_th", "reason_en")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["system_check"] = forms.ChoiceField(
            label=_("system check"),
            choices=[("", "—"), *checks.system_check_choices()],
            required=False,
            help_text=_("Checked by the system: what it checks."),
        )
        self.fields["system_check"].column = self.columns["system_check"]


EligibilityFormSet = inlineformset_factory(
    Call,
    EligibilityQuestion,
    form=EligibilityQuestionForm,
    formset=PartFormSet,
    extra=1,
    can_delete=True,
)

PREFIX = "eligibility_questions"


def eligibility_formset(call, data=None, files=None):
    return EligibilityFormSet(data, files, instance=call, prefix=PREFIX)


class AnswersForm(forms.Form):
    """One field per question the applicant answers (the system's checks need no field)."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            if question.kind == EligibilityKind.YES_NO:
                choices = [(checks.YES, checks.YES_WORD), (checks.NO, checks.NO_WORD)]
            elif question.kind == EligibilityKind.CHOICE:
                choices = [
                    (str(number), in_language(thai, english))
                    for number, thai, english in question.options
                ]
            else:
                continue
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=question.text, choices=choices, widget=forms.RadioSelect
            )
