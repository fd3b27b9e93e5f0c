"""The what-if of the ranking page: the order, another budget, and a line put by hand."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from proposals.models import ProposalStage
from reviews.ranking.selectors import SORT_MEAN, SORT_NORMALISED, SORT_PANEL


class RankingOptionsForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=ProposalStage.choices,
        required=False,
        help_text=_("A two-stage call ranks its concepts and its full proposals apart."),
    )
    sort = forms.ChoiceField(
        label=_("Order by"),
        choices=[
            (SORT_NORMALISED, _("Normalised mean")),
            (SORT_MEAN, _("Mean")),
            (SORT_PANEL, _("Panel score (the mean where none)")),
        ],
        required=False,
    )
    budget = forms.DecimalField(
        label=_("Budget (baht)"),
        help_text=_("Leave empty for the call's total budget."),
        min_value=Decimal("0"),
        max_digits=15,
        decimal_places=2,
        required=False,
    )
    line = forms.IntegerField(
        label=_("Funding line after proposal no."),
        help_text=_("Leave empty to draw it where the budget runs out."),
        min_value=0,
        required=False,
    )

    def __init__(self, *args, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        if call is None or not call.has_concept_stage:
            del self.fields["stage"]  # one stage: nothing to choose

    def options(self):
        """The valid options as keyword arguments of build_ranking; an invalid one is left out
        (the page shows its error and uses the default)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        options = {}
        if data.get("stage"):
            options["stage"] = data["stage"]
        if data.get("sort"):
            options["sort"] = data["sort"]
        if data.get("budget") is not None:
            options["budget"] = data["budget"]
        if data.get("line") is not None:
            options["line"] = data["line"]
        return options
