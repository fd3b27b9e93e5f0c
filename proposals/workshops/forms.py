"""The forms of workshops: the event, a registration, the room's code, a material, and the
workshops a team attended."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality
from core.forms import DateField
from indicators.models import Programme
from proposals.models import Call, Proposal, Workshop, WorkshopMaterial

MATERIAL_EXTENSIONS = ["pdf", "doc", "docx", "ppt", "pptx", "xls", "xlsx", "odt", "odp", "zip"]


def _checkboxes():
    return forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})


class ProposalChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference or _('Draft')} {obj.title}".strip()


class WorkshopForm(forms.ModelForm):
    teams = ProposalChoice(
        label=_("Teams invited"),
        queryset=Proposal.objects.none(),
        required=False,
        widget=_checkboxes(),
    )

    class Meta:
        model = Workshop
        fields = [
            "programme",
            "call",
            "kind",
            "title_th",
            "title_en",
            "starts_on",
            "ends_on",
            "place_th",
            "place_en",
            "agenda_th",
            "agenda_en",
            "capacity",
            "registration_open",
            "municipalities",
            "teams",
            "outcome_th",
            "outcome_en",
        ]
        field_classes = {"starts_on": DateField, "ends_on": DateField}
        widgets = {
            "agenda_th": forms.Textarea(attrs={"rows": 5}),
            "agenda_en": forms.Textarea(attrs={"rows": 5}),
            "outcome_th": forms.Textarea(attrs={"rows": 3}),
            "outcome_en": forms.Textarea(attrs={"rows": 3}),
            "municipalities": _checkboxes(),
        }

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = programmes if programmes is not None else Programme.objects.all()
        self.fields["programme"].queryset = programmes
        self.fields["call"].queryset = Call.objects.filter(programme__in=programmes)
        self.fields["municipalities"].queryset = Municipality.objects.order_by("name_th")
        self.fields["teams"].queryset = (
            Proposal.objects.filter(call__programme__in=programmes)
            .select_related("call")
            .order_by("call__code", "sequence", "pk")
        )
        if self.instance.pk:
            self.fields["programme"].disabled = True


class RegistrationForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality you come with"),
        queryset=Municipality.objects.order_by("name_th"),
        required=False,
    )
    proposal = forms.ModelChoiceField(
        label=_("Your team's proposal"), queryset=Proposal.objects.none(), required=False
    )

    def __init__(self, *args, workshop, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = Proposal.objects.filter(
            call__programme_id=workshop.programme_id, lead=user
        ).order_by("pk")
        self.fields["proposal"].label_from_instance = lambda obj: obj.title or _("Draft")


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Code shown in the room"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class MaterialForm(forms.ModelForm):
    url = forms.URLField(label=_("link"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = WorkshopMaterial
        fields = ["title_th", "title_en", "file", "url"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].validators.append(FileExtensionValidator(MATERIAL_EXTENSIONS))

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url"):
            raise forms.ValidationError(_("Give a file or a link."))
        return data


class AttendedWorkshopsForm(forms.Form):
    workshops = forms.ModelMultipleChoiceField(
        label=_("Workshops your team attended"),
        queryset=Workshop.objects.none(),
        required=False,
        widget=_checkboxes(),
    )

    def __init__(self, *args, workshops, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshops"].queryset = workshops
        self.fields["workshops"].label_from_instance = lambda obj: f"{obj.title} ({obj.place})"
