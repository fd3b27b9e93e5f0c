from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.models import PanelRole, Recommendation
from reviews.panels.services import MAX_LENGTH


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The panel and the programme's staff read it, never the applicants. Mention a "
            "member with @ and their email address to notify them."
        ),
    )


class PanelRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role on the panel"), choices=PanelRole.choices)


class SummaryForm(forms.Form):
    score = forms.DecimalField(
        label=_("Panel score (0–100)"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
    )
    recommendation = forms.ChoiceField(
        label=_("Panel recommendation"), choices=Recommendation.choices, widget=forms.RadioSelect
    )
    summary = forms.CharField(
        label=_("Summary of the consensus"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the panel agreed and why; the committee reads it beside the ranking."),
    )
