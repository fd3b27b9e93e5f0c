"""The site's form renderer draws selects in Python: the HTML must be Django's, exactly."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from core.renderer import Renderer


class Choices(forms.Form):
    plain = forms.ChoiceField(choices=[("", "—"), ("a", "A & B"), ("b", '"quoted" <b>')])
    grouped = forms.ChoiceField(
        required=False,
        choices=[("เหนือ", [("1", "เชียงใหม่"), ("2", "ลำปาง")]), ("x", _("Other"))],
        help_text="help",
    )
    many = forms.MultipleChoiceField(choices=[(1, "one"), (2, "two"), (3, "three")])
    off = forms.ChoiceField(choices=[("a", "A")], disabled=True)
    empty = forms.ChoiceField(choices=[])


def test_each_select_is_drawn_as_djangos_templates_draw_it():
    data = {"plain": "b", "grouped": "2", "many": ["1", "3"], "off": "a"}
    for bound in (False, True):
        ours = Choices(data if bound else None, renderer=Renderer())
        theirs = Choices(data if bound else None, renderer=DjangoTemplates())
        if bound:
            ours.is_valid(), theirs.is_valid()
        for name in ours.fields:
            for attrs in (None, {"class": "form-select", "aria-describedby": "x y", "data-n": 0}):
                mine = ours[name].as_widget(attrs=attrs)
                django = theirs[name].as_widget(attrs=attrs)
                assert str(mine) == str(django), name


def test_the_site_uses_it():
    form = Choices()
    assert isinstance(form.renderer, Renderer)
    assert '<option value="a">A &amp; B</option>' in str(form["plain"])
