from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import WorkbookUploadForm
from reports.imports import selectors
from reports.imports.columns import KINDS
from reports.imports.rules import imports_for_every_project

KIND_CHOICES = [(kind.value, kind.label) for kind in KINDS]


def _project_label(project):
    return f"{project.reference} · {project.title}"


class TemplateForm(forms.Form):
    """What the template holds: the reports of one period, of every project the person may
    import into, or of one project, call or programme."""

    kind = forms.ChoiceField(label=_("Reporting period"), choices=KIND_CHOICES)
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=None, required=False, empty_label=_("All my projects")
    )
    call = forms.ModelChoiceField(
        label=_("Call"), queryset=None, required=False, empty_label=_("All calls")
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=None, required=False, empty_label=_("All programmes")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = selectors.filter_choices(user)
        self.fields["project"].queryset = choices["projects"]
        self.fields["project"].label_from_instance = _project_label
        if imports_for_every_project(user):
            self.fields["project"].empty_label = _("All active projects")
            self.fields["call"].queryset = choices["calls"]
            self.fields["call"].label_from_instance = lambda call: f"{call.code} · {call.title}"
            self.fields["programme"].queryset = choices["programmes"]
            self.fields["programme"].label_from_instance = lambda programme: (
                f"{programme.code} · {programme.name}"
            )
        else:  # a team picks among its projects; calls and programmes would add nothing
            del self.fields["call"]
            del self.fields["programme"]

    def filters(self):
        data = self.cleaned_data
        return {key: data.get(key) for key in ("project", "call", "programme")}


class UploadForm(WorkbookUploadForm):
    """The results import's upload, with the reporting period every row must be of."""

    help_text = _("The template you downloaded here, filled in; at most %(limit)s MB.")
    field_order = ["kind", "file"]
    kind = forms.ChoiceField(
        label=_("Reporting period"),
        choices=KIND_CHOICES,
        help_text=_("Every row of the file must be of this period."),
    )
