"""The forms of the reviewer pool and the assignments."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField
from reviews.assignment.services import default_due_date
from reviews.models import ReviewerProfile


class ReviewerProfileForm(forms.ModelForm):
    class Meta:
        model = ReviewerProfile
        fields = ["keywords_th", "keywords_en", "max_per_call", "is_available"]
        widgets = {
            "keywords_th": forms.Textarea(attrs={"rows": 3}),
            "keywords_en": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "keywords_th": _("Comma-separated, e.g. ระบบสารสนเทศภูมิศาสตร์, ผังเมือง."),
            "keywords_en": _("Comma-separated, e.g. GIS, urban planning."),
        }


class DueDateField(DateField):
    def validate(self, value):
        super().validate(value)
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("The due date is in the past."))


class AssignForm(forms.Form):
    """Assign one reviewer, chosen among the candidates shown on the page."""

    reviewer = forms.IntegerField(widget=forms.HiddenInput)
    due_date = DueDateField(label=_("Due date"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"due_date": default_due_date()})
        super().__init__(*args, **kwargs)


class BulkAssignForm(forms.Form):
    due_date = DueDateField(label=_("Due date of every new assignment"))
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("due_date", default_due_date())
        super().__init__(*args, **kwargs)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the history; the reviewer reads it."),
    )
