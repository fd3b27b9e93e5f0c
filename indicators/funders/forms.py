from django import forms

from accounts.organisations.identifiers import tidy_identifier, validate_org_id
from indicators.models import Funder


class FunderIdentifierForm(forms.ModelForm):
    """How open data names the funder: its org-id, checked against the documented pattern."""

    class Meta:
        model = Funder
        fields = ["identifier"]

    def clean_identifier(self):
        identifier = tidy_identifier(self.cleaned_data["identifier"])
        if identifier:
            validate_org_id(identifier)
        return identifier
