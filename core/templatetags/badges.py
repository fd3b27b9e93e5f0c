"""`{% state_badge %}`: a state as a coloured badge, the colour declared beside its enum
(core.badges.badge_colours); `choice_label`: a field's label without get_FOO_display's cost."""

import functools

from django import template
from django.core.exceptions import ImproperlyConfigured
from django.utils.html import format_html

register = template.Library()


def _states(obj, field):
    """The enum of the model field `field` of `obj`: the type of the field's default (its
    initial state), which must declare its badge colours."""
    states = type(obj._meta.get_field(field).default)
    if not hasattr(states, "badge_colours"):
        raise ImproperlyConfigured(
            f"{type(obj).__name__}.{field}: its default must be a member of an enum declared "
            "with core.badges.badge_colours"
        )
    return states


@register.simple_tag
def state_badge(state, field=None):
    """`{% state_badge call.state %}` for a member of an enum with badge colours, or
    `{% state_badge proposal "state" %}` for a model's state field."""
    if field is not None:
        state = _states(state, field)(getattr(state, field))
    colour = type(state).badge_colours[state]
    border = " border" if colour == "light" else ""
    return format_html('<span class="badge text-bg-{}{}">{}</span>', colour, border, state.label)


@functools.cache
def _labels(field):
    """{value: label} of a model field's choices, built once per field (the labels stay lazy:
    each is translated when shown, in the language of its page)."""
    return dict(field.flatchoices)


@register.filter
def choice_label(obj, name):
    """`{{ proposal|choice_label:"state" }}`: what `proposal.get_state_display` shows. Django's
    get_FOO_display builds the field's dict of choices again on every call, translating every
    label to hash it (sixteen states for one shown): on a page of fifty rows, a thousand
    translations for fifty labels."""
    field = obj._meta.get_field(name)
    value = getattr(obj, field.attname)
    return _labels(field).get(value, value)
