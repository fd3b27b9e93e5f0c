"""The forms of mentoring: assigning a mentor, a comment and an answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, User
from accounts.roles import Role
from proposals.models import DraftPart, Proposal


class AssignmentForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None)
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=None)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name_th"), required=False
    )
    proposal = forms.ModelChoiceField(
        label=_("or one team (proposal)"), queryset=None, required=False
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["mentor"].queryset = User.objects.filter(
            groups__name=Role.MENTOR.value, is_active=True
        ).order_by("full_name_th", "email")
        self.fields["mentor"].label_from_instance = lambda user: user.display_name
        self.fields["proposal"].queryset = (
            Proposal.objects.filter(call__programme__in=programmes)
            .select_related("call")
            .order_by("call__code", "sequence", "pk")
        )
        self.fields["proposal"].label_from_instance = lambda proposal: (
            f"{proposal.reference or _('Draft')} {proposal.title}"
        )

    def clean(self):
        data = super().clean()
        if bool(data.get("municipality")) == bool(data.get("proposal")):
            raise forms.ValidationError(_("Choose a municipality or a team, not both."))
        return data


class CommentForm(forms.Form):
    part = forms.ChoiceField(label=_("Part of the proposal"), choices=DraftPart.choices)
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}))
