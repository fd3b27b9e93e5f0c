"""The reviewer's two small forms: the answer to an invitation and the declaration of a
conflict of interest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.reviewing.rules import OPEN_STATES
from reviews.reviewing.services import NO_CONFLICT_STATEMENT


class AnswerForm(forms.Form):
    """Accept or decline, pressed as one of two buttons; a reason may go with declining."""

    ACCEPT, DECLINE = "accept", "decline"

    answer = forms.ChoiceField(choices=[(ACCEPT, _("Accept")), (DECLINE, _("Decline"))])
    reason = forms.CharField(
        label=_("Reason for declining (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The funding officers read it; for example, that you are away until a date."),
    )


class DeclarationForm(forms.Form):
    """No conflict (the statement ticked), or a conflict with what it is."""

    NONE, CONFLICT = "none", "conflict"

    answer = forms.ChoiceField(
        label=_("Your declaration"),
        choices=[
            (NONE, _("I have no conflict of interest with this proposal")),
            (CONFLICT, _("I have a conflict of interest with this proposal")),
        ],
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(label=NO_CONFLICT_STATEMENT, required=False)
    note = forms.CharField(
        label=_("The conflict of interest"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: I work for the same university as a team member."),
    )

    def clean(self):
        data = super().clean()
        answer = data.get("answer")
        if answer == self.NONE and not data.get("confirm"):
            self.add_error("confirm", _("Tick the statement to confirm that it is true."))
        if answer == self.CONFLICT and not (data.get("note") or "").strip():
            self.add_error("note", _("Say what the conflict of interest is."))
        return data


class AssignmentFilterForm(forms.Form):
    """The reviewer's list, in the URL: every assignment, or only those still waiting."""

    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Every assignment")), ("open", _("Waiting for me"))],
    )

    def apply(self, assignments):
        if self.is_valid() and self.cleaned_data.get("show") == "open":
            return assignments.filter(state__in=OPEN_STATES)
        return assignments
