"""Forms of the progress report editors. The fixed tables (activities, spending, indicator
results) have one row per item of the project, named by hidden keys that are checked against
what the project has, so that a tampered or stale page cannot write a row for something else.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.forms import inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import ValueType
from indicators.values import value_problem
from projects.models import DeliveredOutput, ProgressReport
from projects.progress.evidence import ACCEPT, check_evidence
from proposals.editing.rows import OptionField, RowForm, RowFormSet
from proposals.writing.forms import MAX_SECTION_LENGTH, VersionedForm


def _text(rows=2, em=14):
    return forms.Textarea(attrs={"rows": rows, "class": f"min-w-em-{em}"})


def _number(em=8, **attrs):
    return forms.NumberInput(attrs={"class": f"w-em-{em}", "step": "0.01", **attrs})


class NarrativeForm(VersionedForm):
    narrative = forms.CharField(
        label=gettext_lazy("Progress narrative"),
        required=False,
        max_length=MAX_SECTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "What the project did in the period, what it achieved and how the municipalities "
            "took part."
        ),
    )
    problems = forms.CharField(
        label=gettext_lazy("Problems and solutions"),
        required=False,
        max_length=MAX_SECTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, report, **kwargs):
        kwargs.setdefault("prefix", "report")
        kwargs.setdefault(
            "initial",
            {"narrative": report.narrative, "problems": report.problems, "version": report.version},
        )
        super().__init__(*args, **kwargs)

    def _clean_text(self, name):
        # Browsers send CRLF or LF: store one kind, so that the same text compares equal.
        return self.cleaned_data[name].replace("\r\n", "\n").replace("\r", "\n")

    def clean_narrative(self):
        return self._clean_text("narrative")

    def clean_problems(self):
        return self._clean_text("problems")


# The fixed tables ---------------------------------------------------------------------------


class KeyedRowForm(forms.Form):
    """A row about one item of the project (`rows`: {key: row of the selectors}). The key is
    read from the hidden `key_fields`; a key the project does not have is refused with the
    reason `unknown()` gives, and `row` is the item the row is about (None if refused)."""

    key_fields = ()

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.row = rows.get(self._raw_key())

    def _raw_key(self):
        values = []
        for name in self.key_fields:
            raw = self[name].value()
            try:
                values.append(int(raw) if raw not in (None, "") else None)
            except (TypeError, ValueError):
                values.append(-1)
        return tuple(values) if len(values) > 1 else values[0]

    def clean(self):
        data = super().clean()
        if self.row is None:
            raise ValidationError(self.unknown())
        return data

    def unknown(self):
        raise NotImplementedError


class KeyedRowFormSet(forms.BaseFormSet):
    """The fixed rows of a table, one per item (`rows`: list of selector rows with `.key`)."""

    def __init__(self, *args, rows, **kwargs):
        self.rows_by_key = {row.key: row for row in rows}
        kwargs.setdefault("initial", [self.initial_for(row) for row in rows])
        super().__init__(*args, **kwargs)

    def initial_for(self, row):
        raise NotImplementedError

    def get_form_kwargs(self, index):
        return {"rows": self.rows_by_key}

    def clean(self):
        keys = [form.row.key for form in self.forms if getattr(form, "row", None) is not None]
        if len(keys) != len(set(keys)):
            raise ValidationError(_("The same row was sent twice: reload the page."))

    def rows_to_save(self):
        """(selector row, cleaned data) of every row sent."""
        return [(form.row, form.cleaned_data) for form in self.forms]


def _factory(form, formset):
    return forms.formset_factory(form, formset=formset, extra=0, max_num=1000, absolute_max=1000)


class ActivityRowForm(KeyedRowForm):
    key_fields = ("activity",)
    activity = forms.IntegerField(widget=forms.HiddenInput)
    percent = forms.DecimalField(
        label=gettext_lazy("Progress (%)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        widget=_number(7, min=0, max=100),
        error_messages={
            "min_value": gettext_lazy("Give a percentage from 0 to 100."),
            "max_value": gettext_lazy("Give a percentage from 0 to 100."),
        },
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=500)

    def unknown(self):
        return _("This activity is not in the project's work plan: reload the page.")

    def clean(self):
        data = super().clean()
        if data.get("percent") is None and data.get("note") and "percent" not in self.errors:
            self.add_error("percent", _("Give the progress of this activity, or clear its note."))
        return data


class ActivityFormSet(KeyedRowFormSet):
    def initial_for(self, row):
        progress = row.progress
        return {
            "activity": row.activity.pk,
            "percent": progress.percent if progress else None,
            "note": progress.note if progress else "",
        }


class SpendingRowForm(KeyedRowForm):
    key_fields = ("category",)
    category = forms.IntegerField(widget=forms.HiddenInput)
    amount = forms.DecimalField(
        label=gettext_lazy("Spent in this period (baht)"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=0,
        widget=_number(10, min=0),
        error_messages={"min_value": gettext_lazy("The amount cannot be negative.")},
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=500)

    def unknown(self):
        return _("This budget category is not one the call allows: reload the page.")

    def clean(self):
        data = super().clean()
        if self.row is not None and not self.row.allowed and data.get("amount"):
            self.add_error("amount", _("The call does not allow spending in this category."))
        if data.get("amount") is None and data.get("note") and "amount" not in self.errors:
            self.add_error("amount", _("Give the amount spent, or clear the note."))
        return data


class SpendingFormSet(KeyedRowFormSet):
    def initial_for(self, row):
        spending = row.spending
        return {
            "category": row.category.pk,
            "amount": spending.amount if spending else None,
            "note": spending.note if spending else "",
        }


YES_NO_CHOICES = [("", "—"), ("1", gettext_lazy("Yes")), ("0", gettext_lazy("No"))]


class ResultRowForm(KeyedRowForm):
    key_fields = ("indicator", "municipality")
    indicator = forms.IntegerField(widget=forms.HiddenInput)
    municipality = forms.IntegerField(required=False, widget=forms.HiddenInput)
    value = forms.DecimalField(
        label=gettext_lazy("Value for the period"),
        required=False,
        max_digits=18,
        decimal_places=2,
        widget=_number(9),
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=_text(2, 12))
    evidence_url = forms.URLField(
        label=gettext_lazy("Evidence link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "min-w-em-12", "placeholder": "https://"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        indicator = self.row.indicator if self.row else None
        if indicator is not None and indicator.value_type == ValueType.YES_NO:
            self.fields["value"].widget = forms.Select(choices=YES_NO_CHOICES)

    def unknown(self):
        indicator = self._raw_key()[0]
        if not any(key[0] == indicator for key in self.rows):
            return _("The project did not commit to this indicator: reload the page.")
        return _(
            "This municipality is not one the project committed to for this indicator: "
            "reload the page."
        )

    def clean(self):
        data = super().clean()
        if self.row is None:
            return data
        value = data.get("value")
        if value is not None:
            problem = value_problem(self.row.indicator, value)
            if problem:
                self.add_error("value", problem)
        elif "value" not in self.errors:
            if self.row.evidence:
                self.add_error(
                    "value", _("This result has evidence files: give its value or remove them.")
                )
            elif data.get("note") or data.get("evidence_url"):
                self.add_error("value", _("Give the value, or clear the note and the link."))
        return data


class ResultFormSet(KeyedRowFormSet):
    def initial_for(self, row):
        result = row.result
        return {
            "indicator": row.indicator.pk,
            "municipality": row.municipality.pk if row.municipality else None,
            "value": result.value if result else None,
            "note": result.note if result else "",
            "evidence_url": result.evidence_url if result else "",
        }


ActivityFormSetFactory = _factory(ActivityRowForm, ActivityFormSet)
SpendingFormSetFactory = _factory(SpendingRowForm, SpendingFormSet)
ResultFormSetFactory = _factory(ResultRowForm, ResultFormSet)


# Evidence files and outputs ----------------------------------------------------------------------


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Evidence file"),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": gettext_lazy("Choose a file to upload.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_evidence(upload)
        return upload


class OutputForm(RowForm):
    link = forms.URLField(
        label=DeliveredOutput._meta.get_field("link").verbose_name,
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "min-w-em-14", "placeholder": "https://"}),
    )

    class Meta:
        model = DeliveredOutput
        fields = ["output_type", "description", "quantity", "link"]
        field_classes = {"output_type": OptionField}
        error_messages = {
            "output_type": {"invalid_choice": gettext_lazy("Choose one of the output types.")},
        }
        widgets = {
            "output_type": forms.Select(attrs={"class": "min-w-em-14"}),
            "description": _text(2, 18),
            "quantity": forms.NumberInput(attrs={"class": "w-em-6", "min": 1}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        quantity = self.fields["quantity"]
        quantity.validators = [
            *(v for v in quantity.validators if not isinstance(v, MinValueValidator)),
            MinValueValidator(1),
        ]
        quantity.error_messages["min_value"] = _("The quantity must be at least 1.")

    def clean(self):
        data = super().clean()
        chosen = data.get("output_type")
        if chosen is not None and not chosen.is_active and "output_type" in self.changed_data:
            self.add_error("output_type", _("This output type is no longer offered."))
        return data


def output_formset(extra):
    """The formset of a report's delivered outputs with `extra` blank rows."""
    return inlineformset_factory(
        ProgressReport,
        DeliveredOutput,
        form=OutputForm,
        formset=RowFormSet,
        extra=extra,
        can_delete=True,
    )


class EarlySubmissionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why may the team submit before the period ends?"),
        help_text=gettext_lazy(
            "E.g. the project finished its work early, or the funder needs the figures for a "
            "meeting. The team reads it, and it stays in the report's history."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
