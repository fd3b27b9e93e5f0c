from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.organisations.forms import OrganisationFormMixin
from accounts.organisations.services import set_organisation
from accounts.privacy.forms import add_agreement
from accounts.privacy.models import ConsentContext
from accounts.privacy.selectors import current_notice
from accounts.privacy.services import record_consent
from accounts.roles import Role


class SignupProfileForm(OrganisationFormMixin):
    """The profile questions asked at sign-up, besides email and password."""

    full_name_th = forms.CharField(label=_("Full name (Thai)"), max_length=200, required=False)
    full_name_en = forms.CharField(label=_("Full name (English)"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    field_order = ["full_name_th", "full_name_en", "organisation", "organisation_new", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_agreement(self, current_notice())

    def clean(self):
        data = super().clean()
        if not (data.get("full_name_th") or data.get("full_name_en")):
            raise forms.ValidationError(_("Give your full name in Thai or in English."))
        return data

    def signup(self, request, user):
        for field in ("full_name_th", "full_name_en", "phone"):
            setattr(user, field, self.cleaned_data[field])
        user.save(update_fields=["full_name_th", "full_name_en", "phone"])
        set_organisation(actor=user, user=user, organisation=self.cleaned_data["organisation"])
        if self.privacy_notice is not None:
            record_consent(user=user, notice=self.privacy_notice, context=ConsentContext.SIGN_UP)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, allowed_roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [
            (role.value, role.label) for role in Role if role in allowed_roles
        ]


class AcceptInvitationForm(OrganisationFormMixin):
    full_name_th = forms.CharField(label=_("Full name (Thai)"), max_length=200, required=False)
    full_name_en = forms.CharField(label=_("Full name (English)"), max_length=200, required=False)
    field_order = ["full_name_th", "full_name_en", "organisation", "organisation_new"]
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        add_agreement(self, current_notice())

    def clean(self):
        data = super().clean()
        if not (data.get("full_name_th") or data.get("full_name_en")):
            raise forms.ValidationError(_("Give your full name in Thai or in English."))
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            probe = User(
                email=self.email,
                full_name_th=data.get("full_name_th", ""),
                full_name_en=data.get("full_name_en", ""),
            )
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
    )


class ProfileForm(OrganisationFormMixin, forms.ModelForm):
    """A person's own details; the organisation is chosen among the records (or added), and
    saved by `save_organisation`."""

    field_order = [
        "honorific_th",
        "full_name_th",
        "honorific_en",
        "full_name_en",
        "organisation",
        "organisation_new",
    ]

    class Meta:
        model = User
        fields = [
            "honorific_th",
            "full_name_th",
            "honorific_en",
            "full_name_en",
            "phone",
            "expertise_keywords",
            "preferred_language",
        ]
        widgets = {"expertise_keywords": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        record = self.instance.organisation_record
        self.initial["organisation"] = record.name if record else self.instance.organisation

    def save_organisation(self, *, actor):
        return set_organisation(
            actor=actor, user=self.instance, organisation=self.cleaned_data["organisation"]
        )
