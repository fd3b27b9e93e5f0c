"""The review form: one block per criterion of the call (a score on its scale as radio buttons
and a comment), the comments, the recommendation and the verdict on the budget."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.models import BudgetVerdict, Recommendation
from reviews.scoring.services import ReviewInput, comment_field, score_field

SAVE = "save"
SUBMIT = "submit"


@dataclass
class CriterionBlock:
    """One criterion on the form, with its bound score and comment fields."""

    criterion: object
    score: forms.BoundField
    comment: forms.BoundField


class ReviewForm(forms.Form):
    """Every field is optional here: a draft keeps whatever is there. What a submission needs
    is checked by form_services.save_review, whose errors the view puts back on the fields."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    comments_to_applicant = forms.CharField(
        label=_("Comments for the applicant"),
        help_text=_("The team reads these with the decision, without your name."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    confidential_comments = forms.CharField(
        label=_("Confidential comments for the officers"),
        help_text=_("Only the funding officers and the programme managers read these."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        choices=Recommendation.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        required=False,
    )
    budget_verdict = forms.ChoiceField(
        label=_("The budget is"),
        choices=BudgetVerdict.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        required=False,
    )

    def __init__(self, *args, criteria, review=None, **kwargs):
        kwargs.setdefault("initial", _initial(review))
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[score_field(criterion.pk)] = forms.TypedChoiceField(
                label=_("Score"),
                choices=[(n, n) for n in range(criterion.scale_min, criterion.scale_max + 1)],
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                required=False,
                error_messages={
                    "invalid_choice": _("The score must be from %(low)s to %(high)s.")
                    % {"low": criterion.scale_min, "high": criterion.scale_max}
                },
            )
            self.fields[comment_field(criterion.pk)] = forms.CharField(
                label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
            )

    @property
    def blocks(self):
        return [
            CriterionBlock(c, self[score_field(c.pk)], self[comment_field(c.pk)])
            for c in self.criteria
        ]

    def review_input(self):
        """The cleaned data as a ReviewInput for the service."""
        data = self.cleaned_data
        return ReviewInput(
            scores={c.pk: data.get(score_field(c.pk)) for c in self.criteria},
            comments={c.pk: data.get(comment_field(c.pk), "") for c in self.criteria},
            comments_to_applicant=data.get("comments_to_applicant", ""),
            confidential_comments=data.get("confidential_comments", ""),
            recommendation=data.get("recommendation", ""),
            budget_verdict=data.get("budget_verdict", ""),
        )


def _initial(review):
    if review is None:
        return {"version": 0}
    initial = {
        "version": review.version,
        "comments_to_applicant": review.comments_to_applicant,
        "confidential_comments": review.confidential_comments,
        "recommendation": review.recommendation,
        "budget_verdict": review.budget_verdict,
    }
    for row in review.scores.all():
        initial[score_field(row.criterion_id)] = row.score
        initial[comment_field(row.criterion_id)] = row.comment
    return initial


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the review reopened?"),
        help_text=_("The reviewer reads this in the notification."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
