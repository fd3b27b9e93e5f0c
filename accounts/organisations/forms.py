"""Choosing an organisation: a text box that suggests the listed records as one types (an HTML
datalist, which screen readers and keyboards use like any text box), and a box to tick when
the organisation is not listed, to add it. A name that matches no record, without the tick, is
refused with a message that says what to do."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.organisations.identifiers import tidy_identifier, validate_org_id
from accounts.organisations.services import find_organisation, tidy_name


class OrganisationInput(forms.TextInput):
    """A text box with the listed organisations as suggestions (read when it is drawn)."""

    template_name = "accounts/organisations/widget.html"

    def __init__(self, attrs=None):
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["list_id"] = f"{widget['attrs'].get('id') or name}_list"
        widget["attrs"]["list"] = widget["list_id"]
        widget["names"] = Organisation.objects.values_list("name", flat=True)
        return context


class OrganisationFormMixin(forms.Form):
    """Adds `organisation` (then, cleaned: a record, a new unsaved record, or None) and
    `organisation_new` (the tick that adds an organisation not listed) to a form."""

    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=255,
        required=False,
        widget=OrganisationInput,
        help_text=_(
            "Type a few letters and choose your organisation from the suggestions. "
            "Not listed? Write its full name and tick the box below."
        ),
    )
    organisation_new = forms.BooleanField(
        label=_("Not listed? Add it as a new organisation"), required=False
    )

    def clean(self):
        data = super().clean()
        name = tidy_name(data.get("organisation", ""))
        if not name:
            data["organisation"] = None
            return data
        record = find_organisation(name)
        if record is None and not data.get("organisation_new"):
            self.add_error(
                "organisation",
                forms.ValidationError(
                    _(
                        "“%(name)s” is not in the list of organisations. Choose one of the "
                        "suggestions, or tick “Not listed? Add it as a new organisation”."
                    ),
                    code="unknown_organisation",
                    params={"name": name},
                ),
            )
            return data
        data["organisation"] = record or Organisation(name=name)
        return data


class OrganisationForm(forms.ModelForm):
    """An organisation record as administrators and programme managers edit it."""

    class Meta:
        model = Organisation
        fields = ["name", "name_en", "identifier"]

    def clean_name(self):
        name = tidy_name(self.cleaned_data["name"])
        other = Organisation.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if other.exists():
            raise forms.ValidationError(
                _("Another organisation is already called “%(name)s”."), params={"name": name}
            )
        return name

    def clean_name_en(self):
        return tidy_name(self.cleaned_data["name_en"])

    def clean_identifier(self):
        identifier = tidy_identifier(self.cleaned_data["identifier"])
        if identifier:
            validate_org_id(identifier)
        return identifier
