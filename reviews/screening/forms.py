"""The forms of the screening: a call's checklist items, and the verdicts on a proposal."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from proposals.models import Call, ProposalState
from reviews.models import ScreeningCheck, ScreeningItem, ScreeningVerdict


class OverviewFilterForm(forms.Form):
    """The review overview's filter, in the URL: the proposals in one state."""

    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Every state under consideration"))]
        + [(state.value, state.label) for state in ProposalState.under_consideration()],
    )

    def state_value(self):
        """The state asked for, or None (every state; an unknown one is ignored)."""
        return self.cleaned_data.get("state") or None if self.is_valid() else None


class ScreeningItemForm(forms.ModelForm):
    class Meta:
        model = ScreeningItem
        fields = ["position", "text_th", "text_en"]
        widgets = {"position": forms.NumberInput(attrs={"min": 0, "class": "w-em-6"})}


class ChecklistFormSet(BaseInlineFormSet):
    """Removing an item that proposals were already screened on would erase their verdicts:
    that is refused, the officer rewords the item instead."""

    def clean(self):
        super().clean()
        removed = [
            form.instance
            for form in self.forms
            if form.instance.pk and self.can_delete and self._should_delete_form(form)
        ]
        used = set(
            ScreeningCheck.objects.filter(item__in=removed).values_list("item_id", flat=True)
        )
        errors = [
            ValidationError(
                _(
                    "“%(item)s” cannot be removed: proposals were already screened on it. "
                    "Reword it instead."
                ),
                params={"item": item},
            )
            for item in removed
            if item.pk in used
        ]
        if errors:
            raise ValidationError(errors)


ChecklistFormSetFactory = inlineformset_factory(
    Call,
    ScreeningItem,
    form=ScreeningItemForm,
    formset=ChecklistFormSet,
    extra=1,
    can_delete=True,
)


def checklist_formset(call, data=None):
    return ChecklistFormSetFactory(
        data, instance=call, prefix="items", queryset=ScreeningItem.objects.filter(call=call)
    )


VERDICT_CHOICES = [("", _("Not checked yet")), *ScreeningVerdict.choices]


class VerdictForm(forms.Form):
    """The verdict on one checklist item, with a note (required when it is not met)."""

    verdict = forms.ChoiceField(
        label=_("Verdict"), choices=VERDICT_CHOICES, required=False, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("verdict") == ScreeningVerdict.NOT_MET
            and not cleaned.get("note", "").strip()
        ):
            self.add_error("note", _("Say what is missing: the note goes with the verdict."))
        return cleaned


def verdict_forms(items, checks, data=None):
    """One form per checklist item, filled with the verdicts of `checks` ({item id: check})."""
    result = []
    for item in items:
        check = checks.get(item.pk)
        initial = {"verdict": check.verdict, "note": check.note} if check else {"verdict": ""}
        result.append(VerdictForm(data, item=item, prefix=f"item-{item.pk}", initial=initial))
    return result
