"""What every table part of a proposal (and of a progress report) shares: rows edited as an
inline formset whose lists of options are read once per page, rules across rows with errors
next to the cells, blank rows asked for without JavaScript, and a read-only view of the rows."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.numbers import number
from core.thai import format_money

# "Save and add more rows" (the way to more rows without JavaScript) comes back with these.
MORE_ROWS = 5
MAX_BLANK_ROWS = 20


def blank_rows(request):
    """How many blank rows to offer: `?rows=`, one by default, at most MAX_BLANK_ROWS."""
    try:
        return max(1, min(int(request.GET.get("rows", 1)), MAX_BLANK_ROWS))
    except ValueError:
        return 1


def saved_rows_url(request, url):
    """Where to go after a save: `url`, with MORE_ROWS blank rows if they were asked for."""
    return f"{url}?rows={MORE_ROWS}" if "more_rows" in request.POST else url


class OptionField(forms.ModelChoiceField):
    """A choice of a related row whose options are read once for the whole page and shared
    by every row of the formset, so a page of many rows runs one query per list."""

    def set_options(self, objects):
        self._by_key = {str(obj.pk): obj for obj in objects}
        choices = [(obj.pk, self.label_from_instance(obj)) for obj in objects]
        if self.empty_label is not None:
            choices.insert(0, ("", self.empty_label))
        self.choices = choices

    def to_python(self, value):
        if not hasattr(self, "_by_key"):
            return super().to_python(value)
        if value in self.empty_values:
            return None
        if hasattr(value, "pk"):
            value = value.pk
        try:
            return self._by_key[str(value)]
        except KeyError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


def _shown(bound, money_fields):
    """A field's current value as the text a reader sees."""
    field, value = bound.field, bound.value()
    if isinstance(field, forms.BooleanField):
        return _("Yes") if value else "—"
    if value in (None, ""):
        return "—"
    if isinstance(field, forms.ChoiceField):
        for key, label in field.choices:
            if str(key) == str(value):
                return label
        return str(value)
    if bound.name in money_fields:
        return format_money(value)
    if isinstance(field, forms.DecimalField):
        return number(value)
    return str(value)


class RowForm(forms.ModelForm):
    """One row of a part. `options` maps field names to the objects offered in them."""

    money_fields = ()

    def __init__(self, *args, proposal=None, options=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        for name, objects in (options or {}).items():
            if name in self.fields:
                self.fields[name].set_options(objects)

    def validate_unique(self):
        # Rows are unique within the part: the formset says so in plain words, and checking
        # each row against the stored ones would refuse swapping two rows or re-adding a
        # removed one in the same save.
        pass

    def display_cells(self):
        """The row's values as text, in the order of its visible fields (read-only pages)."""
        return [
            _shown(bound, self.money_fields)
            for bound in self.visible_fields()
            if bound.name != "DELETE"
        ]

    def extra_cells(self):
        """Values shown after the fields, not typed (e.g. a computed amount)."""
        return []


ROW_GONE = gettext_lazy(
    "This row was removed by someone else meanwhile: reload the page to see the rows as saved."
)


class RowFormSet(BaseInlineFormSet):
    """The rows of one part of `instance` (a proposal), with the options of its choice fields
    read once (`options`: field name → list of objects)."""

    extra_headers = ()
    # Below which Bootstrap breakpoint the rows show as one card each (site.css table-stack-*).
    stacked_below = "lg"

    def __init__(self, *args, options=None, **kwargs):
        self.options = options or {}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"proposal": self.instance, "options": self.options}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["id"].error_messages["invalid_choice"] = ROW_GONE

    def kept_forms(self):
        """The rows that will be stored: neither blank new rows nor rows marked for removal,
        and valid so far."""
        kept = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data"):
                continue
            if not (form.instance.pk or form.has_changed()):
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            kept.append(form)
        return kept

    def check_rows(self, forms):
        """Rules across rows; subclasses put their errors on the cells with `form.add_error`
        and return errors of the part as a whole."""
        return []

    def clean(self):
        errors = self.check_rows(self.kept_forms())
        if errors:
            raise ValidationError(errors)

    def validate_unique(self):
        # check_rows says it in plainer words (see RowForm.validate_unique).
        pass

    def mark_duplicates(self, forms, key, field, message):
        """Put `message` on `field` of every row whose `key(cleaned_data)` repeats an earlier
        row's. Rows whose key is None are not compared."""
        seen = {}
        for form in forms:
            value = key(form.cleaned_data)
            if value is None:
                continue
            if value in seen:
                for row in (seen[value], form):
                    if field not in row.errors:
                        row.add_error(field, message)
            else:
                seen[value] = form

    @property
    def shown_forms(self):
        """The rows a read-only page lists: the saved ones."""
        return self.initial_forms
