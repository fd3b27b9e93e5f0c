"""The POST data a browser sends for the call edit page, built from the call as it stands."""

import datetime

from django import forms

from proposals.calls.forms import CallForm, part_formsets
from proposals.eligibility.forms import eligibility_formset


def form_data(form):
    data = {}
    for field in form:
        value = field.value()
        if isinstance(field.field.widget, forms.CheckboxInput):
            if value:
                data[field.html_name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[field.html_name] = [str(item) for item in value]
        elif isinstance(value, datetime.datetime):
            data[field.html_name] = value.strftime("%Y-%m-%dT%H:%M")
        else:
            data[field.html_name] = "" if value is None else str(value)
    return data


def formset_data(formset):
    management = formset.management_form
    data = {management.add_prefix(name): str(value) for name, value in management.initial.items()}
    for form in formset:
        data.update(form_data(form))
    return data


def edit_data(call):
    """Everything the edit page of `call` posts when saved untouched."""
    data = form_data(CallForm(instance=call))
    for formset in [*part_formsets(call).values(), eligibility_formset(call)]:
        data.update(formset_data(formset))
    return data
