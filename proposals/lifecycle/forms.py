from django import forms
from django.utils.translation import gettext_lazy as _


class TransitionForm(forms.Form):
    """The comment that goes with a transition; the service decides whether it is required,
    so that a missing comment and every other reason are reported together."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, comment_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["comment"]
        if comment_required:
            field.help_text = _("Required: the people concerned read it with the notification.")
            field.widget.attrs["required"] = True
        else:
            field.help_text = _("Optional.")


class RegisterFilterForm(forms.Form):
    call = forms.ChoiceField(label=_("Call"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)

    def __init__(self, *args, calls=(), states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].choices = [("", _("All calls"))] + [(c.code, c.code) for c in calls]
        self.fields["state"].choices = [("", _("All states"))] + [
            (state.value, state.label) for state in states
        ]
