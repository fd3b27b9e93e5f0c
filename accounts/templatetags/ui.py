"""Small helpers that render Django form fields with Bootstrap classes."""

from django import forms, template
from django.urls import reverse

register = template.Library()


@register.filter
def bs(field):
    """Render a bound field's widget with the Bootstrap class it needs, marked invalid on error."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return field
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    # Keep the widget's own classes (its width: static/css/site.css, no inline style).
    own = widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{css} {own}".strip()})


@register.filter
def is_checkbox(field):
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.simple_tag
def history_url(obj):
    """Link to an object's audit history."""
    return reverse("history", args=[obj._meta.label_lower, obj.pk])


@register.filter
def role_label(name):
    """The readable name of a role stored as a group name."""
    from accounts.roles import Role

    return Role(name).label if name in Role.values else name


@register.filter
def is_multiple_choice(field):
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect)
