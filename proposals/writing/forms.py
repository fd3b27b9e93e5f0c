"""Forms of the writing area. Drafts may be saved with blanks; impossible values are refused."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.organisations.forms import OrganisationFormMixin
from core.forms import MonthField
from proposals.models import ProposalKind, ProposalState, TeamRole
from proposals.writing.services import GENERAL_FIELDS

# Sections are long, but not without end: a pasted book is a mistake, not a proposal.
MAX_SECTION_LENGTH = 50_000


def _unix_newlines(value):
    """Browsers send CRLF or LF depending on how a form travels; store one kind only, so that
    the same text sent twice compares equal."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


class VersionedForm(forms.Form):
    """A form that carries the version of the part it was loaded with."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class GeneralForm(VersionedForm):
    title_th = forms.CharField(label=_("Title (Thai)"), max_length=500, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=500, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=ProposalKind.choices)
    duration_months = forms.IntegerField(label=_("Duration (months)"), required=False)
    start_month = MonthField(label=_("Start month"), required=False)
    keywords = forms.CharField(
        label=_("Keywords"),
        max_length=500,
        required=False,
        help_text=_("Comma-separated, in Thai and/or English."),
    )
    summary_th = forms.CharField(label=_("Summary (Thai)"), required=False, widget=forms.Textarea)
    summary_en = forms.CharField(
        label=_("Summary (English)"), required=False, widget=forms.Textarea
    )

    def __init__(self, *args, call, **kwargs):
        self.call = call
        super().__init__(*args, **kwargs)
        self.fields["duration_months"].help_text = _(
            "This call takes projects of %(low)s to %(high)s months."
        ) % {"low": call.min_duration_months, "high": call.max_duration_months}
        self.fields["duration_months"].widget.attrs.update(
            min=call.min_duration_months, max=call.max_duration_months
        )
        for name in ("summary_th", "summary_en"):
            self.fields[name].widget.attrs["rows"] = 6

    @classmethod
    def initial_for(cls, proposal):
        return {name: getattr(proposal, name) for name in GENERAL_FIELDS} | {
            "version": proposal.version
        }

    def clean_duration_months(self):
        months = self.cleaned_data["duration_months"]
        low, high = self.call.min_duration_months, self.call.max_duration_months
        if months is not None and not low <= months <= high:
            raise forms.ValidationError(
                _("This call takes projects of %(low)s to %(high)s months."),
                params={"low": low, "high": high},
            )
        return months

    def clean_start_month(self):
        day = self.cleaned_data["start_month"]
        if day is None:
            return None
        today = timezone.localdate()
        this_month = today.replace(day=1)
        if day < this_month.replace(year=this_month.year - 1):
            raise forms.ValidationError(_("The start month is more than a year in the past."))
        if day > this_month.replace(year=this_month.year + 5):
            raise forms.ValidationError(_("The start month is more than five years ahead."))
        return day

    def clean_keywords(self):
        words = [word.strip() for word in self.cleaned_data["keywords"].split(",")]
        return ", ".join(word for word in words if word)

    def clean_summary_th(self):
        return _unix_newlines(self.cleaned_data["summary_th"])

    def clean_summary_en(self):
        return _unix_newlines(self.cleaned_data["summary_en"])

    def general_data(self):
        return {name: self.cleaned_data[name] for name in GENERAL_FIELDS}


class SectionForm(VersionedForm):
    text = forms.CharField(
        required=False,
        max_length=MAX_SECTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def __init__(self, *args, section, **kwargs):
        kwargs.setdefault("prefix", f"section-{section.key}")
        kwargs.setdefault("initial", {"text": section.text, "version": section.version})
        super().__init__(*args, **kwargs)
        self.section = section
        self.fields["text"].label = section.get_key_display()

    def clean_text(self):
        return _unix_newlines(self.cleaned_data["text"])


def _invitable_roles():
    return [(value, label) for value, label in TeamRole.choices if value != TeamRole.LEAD]


class EffortField(forms.DecimalField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Effort (%)"),
            min_value=0,
            max_value=100,
            max_digits=5,
            decimal_places=2,
            initial=0,
            **kwargs,
        )


class InviteForm(OrganisationFormMixin):
    email = forms.EmailField(label=_("Email address"))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=_invitable_roles)
    field_order = ["email", "name", "organisation", "organisation_new", "role"]
    effort_percent = EffortField(help_text=_("Share of their working time, 0–100."))

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        taken = [m for m in self.proposal.team.all() if m.email.lower() == email]
        if taken and taken[0].declined_at is None:
            raise forms.ValidationError(
                _("%(email)s is already on the team or invited."), params={"email": email}
            )
        return email


class MemberForm(forms.Form):
    """The lead changes a member's role and effort (the lead's own role stays lead)."""

    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)
    effort_percent = EffortField()

    def __init__(self, *args, member, **kwargs):
        kwargs.setdefault("prefix", f"member-{member.pk}")
        kwargs.setdefault("initial", {"role": member.role, "effort_percent": member.effort_percent})
        super().__init__(*args, **kwargs)
        self.member = member
        if member.role == TeamRole.LEAD:
            self.fields["role"].choices = [(TeamRole.LEAD.value, TeamRole.LEAD.label)]
        else:
            self.fields["role"].choices = _invitable_roles()


class MyProposalsFilterForm(forms.Form):
    """The filter and order of "My proposals", in the URL (kept across its pages)."""

    ORDERS = {"updated": ("-updated_at", "-pk"), "reference": ("reference", "pk")}

    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Every state")), *ProposalState.choices],
    )
    order = forms.ChoiceField(
        label=_("Order by"),
        required=False,
        choices=[("updated", _("Recently changed first")), ("reference", _("Reference"))],
    )

    def apply(self, proposals):
        """`proposals` in the state and order asked for (invalid choices are ignored)."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("state"):
            proposals = proposals.filter(state=data["state"])
        return proposals.order_by(*self.ORDERS[data.get("order") or "updated"])
