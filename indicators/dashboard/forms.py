"""The filters of the KPI dashboards, read from the query string.

A filter that cannot be used (a year outside the programme, an unknown region, a number that is
no technology) is left out and its message shown: the page still answers with the others.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import CharField, F, Q, Value, Window
from django.db.models.functions import Cast, RowNumber
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Region
from indicators.models import Commitment, Dimension, FiscalYear, Result, Technology


def programme_years(programme):
    """The programme's fiscal years and every fiscal year with a ledger row of it."""
    return FiscalYear.objects.filter(
        Q(programmes=programme)
        | Q(pk__in=Commitment.objects.filter(programme=programme).values("fiscal_year"))
        | Q(pk__in=Result.objects.filter(programme=programme).values("fiscal_year"))
    ).distinct()


class ObjectChoiceField(forms.ChoiceField):
    """A choice among objects read at most once, when first needed (to check a choice or to
    draw the list): a ModelChoiceField reads its table to check the choice and again to draw
    the list. Cleans to the object."""

    def __init__(self, *, key="pk", empty_label, **kwargs):
        self.key = key
        self.empty_label = empty_label
        self._load = list
        self._queryset = None
        self._objects = None
        self._listed = None
        super().__init__(choices=[], **kwargs)

    def set_objects(self, load, queryset=None):
        """`load()` gives the objects (a queryset, or a list read with others), read on first
        use; `queryset` is the same choices as a queryset, when `load` gives a list."""
        self._load = load
        self._queryset = queryset
        self._objects = None
        self._listed = None
        self.choices = self._choice_list

    @property
    def queryset(self):
        """The choices as a queryset, as a ModelChoiceField offers them."""
        return self._load() if self._queryset is None else self._queryset

    def objects(self):
        if self._objects is None:
            self._objects = {str(getattr(item, self.key)): item for item in self._load()}
        return self._objects

    def _choice_list(self):
        """The (value, label) pairs, made once per language: a select asks for them twice (to
        know whether it may be required, then to draw its options)."""
        language = get_language()
        if self._listed is None or self._listed[0] != language:
            labels = [("", self.empty_label), *((k, str(v)) for k, v in self.objects().items())]
            self._listed = (language, labels)
        return self._listed[1]

    def valid_value(self, value):
        return str(value) in self.objects()

    def clean(self, value):
        value = super().clean(value)
        return self.objects().get(value) if value else None


TEXT = CharField()


def _text(value):
    return Value(value, output_field=TEXT)


def _choice_columns(*, key=None, th=None, en=None, kind=None, order):
    """How a queryset's rows become rows of a list of choices: each column the field named
    (blank when none; the key is the pk as text unless named), in the order of the field
    `order`, or ranked by the fields of a tuple `order`."""

    def annotate(queryset):
        if isinstance(order, tuple):
            rank = Window(RowNumber(), order_by=[F(name).asc() for name in order])
        else:
            rank = F(order)
        return queryset.annotate(
            choice_key=F(key) if key else Cast("pk", TEXT),
            choice_th=F(th) if th else _text(""),
            choice_en=F(en) if en else _text(""),
            choice_kind=F(kind) if kind else _text(""),
            choice_order=rank,
        )

    return annotate


# For each list of choices: its rows as (key, Thai name, English name, kind, order), in the
# order the list shows them, and the object made back from a row.
CHOICE_ROWS = {
    "fiscal_year": (
        _choice_columns(order="year_be"),
        lambda key, th, en, kind, order: FiscalYear(pk=int(key), year_be=order),
    ),
    "technology": (
        _choice_columns(th="name_th", en="name_en", kind="kind", order=("kind", "name_th")),
        lambda key, th, en, kind, order: Technology(pk=int(key), name_th=th, name_en=en, kind=kind),
    ),
    "dimension": (
        _choice_columns(key="code", order="position"),
        lambda key, th, en, kind, order: Dimension(code=key, position=order),
    ),
    "municipality": (
        _choice_columns(th="name_th", en="name_en", order=("name_th",)),
        lambda key, th, en, kind, order: Municipality(pk=int(key), name_th=th, name_en=en),
    ),
    # People, by email: their names, the email as the kind.
    "person": (
        _choice_columns(th="full_name_th", en="full_name_en", kind="email", order=("email",)),
        lambda key, th, en, kind, order: get_user_model()(
            pk=int(key), full_name_th=th, full_name_en=en, email=kind
        ),
    ),
}
CHOICE_COLUMNS = ("choice_list", "choice_key", "choice_th", "choice_en", "choice_kind")


class FilterChoices:
    """The objects of the filters' lists of choices `names` ({name: queryset}), read together in
    one query (a UNION ALL) when the first of them is needed. Technologies come back with their
    names and kind, years with their year, dimensions with their code and position: what the
    lists show and the filters use."""

    def __init__(self, querysets, names, keep=None, rows=None):
        """`keep(read)`, when given, answers what `read()` would (a cache); `rows` names the
        kind of rows of each list when it is not the list's name ({name: kind})."""
        self.querysets = querysets
        self.names = names
        self.keep = keep
        self.rows = rows or {}
        self._objects = None

    def objects(self, name):
        if self._objects is None:
            self._objects = self.keep(self._read) if self.keep else self._read()
        return self._objects[name]

    def _read(self):
        kinds = {name: CHOICE_ROWS[self.rows.get(name, name)] for name in self.names}
        parts = [
            kinds[name][0](self.querysets[name])
            .annotate(choice_list=_text(name))
            .order_by()
            .values_list(*CHOICE_COLUMNS, "choice_order")
            for name in self.names
        ]
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        found = {name: [] for name in self.names}
        for name, *row in rows:
            found[name].append(row)
        return {
            name: [kinds[name][1](*row) for row in sorted(found[name], key=lambda r: r[-1])]
            for name in self.names
        }


class DashboardFilterForm(forms.Form):
    fiscal_year = ObjectChoiceField(
        label=_("Fiscal year"), key="year_be", required=False, empty_label=_("All years")
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )
    technology = ObjectChoiceField(
        label=_("Technology"), required=False, empty_label=_("All technologies")
    )
    dimension = ObjectChoiceField(
        label=_("Smart-city dimension"), required=False, empty_label=_("All dimensions")
    )

    def __init__(self, data=None, *, programme=None, only=None, keep=None):
        """`programme` limits the years to its own and those its ledger has rows in (a result
        filed under a year the programme lacks is still seen); `only` keeps some fields. Each
        list of choices is read when first needed, all of them in one query (`FilterChoices`),
        or from `keep(read)` (a cache of what `read()` answers) when given."""
        super().__init__(data)
        if only is not None:
            for name in list(self.fields):
                if name not in only:
                    del self.fields[name]
        years = programme_years(programme) if programme else FiscalYear.objects.all()
        self._choices = FilterChoices(
            {
                "fiscal_year": years,
                "technology": Technology.objects.all(),
                "dimension": Dimension.objects.all(),
            },
            [name for name in self.fields if isinstance(self.fields[name], ObjectChoiceField)],
            keep,
        )
        ordered = {
            "fiscal_year": years.order_by("year_be"),
            "technology": Technology.objects.order_by("kind", "name_th"),
            "dimension": Dimension.objects.all(),
        }
        for name in self._choices.names:
            self.fields[name].set_objects(
                lambda name=name: self._choices.objects(name), queryset=ordered[name]
            )

    def filters(self):
        """The usable filters, by name: FiscalYear, region code, Technology, Dimension."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in (None, "")}

    def query(self):
        """The usable filters as a query string, to carry them to the next page."""
        values = {
            "fiscal_year": lambda year: year.year_be,
            "region": lambda region: region,
            "technology": lambda technology: technology.pk,
            "dimension": lambda dimension: dimension.pk,
        }
        return urlencode(
            {name: values[name](value) for name, value in self.filters().items()}, doseq=False
        )
