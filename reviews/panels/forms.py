from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.models import PanelRole
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
