"""The POST data a browser sends for a table part: its saved rows as they stand, edited or
marked for removal, and new rows after them."""

from accounts.models import AuditEntry
from proposals.editing import selectors
from proposals.editing.forms import FORMSETS
from tests.proposals.formdata import form_data

URL_NAMES = {
    "municipalities": "proposals:edit_municipalities",
    "technologies": "proposals:edit_technologies",
    "activities": "proposals:edit_activities",
    "budget": "proposals:edit_budget",
    "contributions": "proposals:edit_contributions",
    "outputs": "proposals:edit_outputs",
}


def rows_data(proposal, key, new=(), edit=None, remove=()):
    """`new`: dicts of field → value for added rows; `edit`: {row index: {field: value}};
    `remove`: indexes of saved rows to mark for removal."""
    formset = FORMSETS[key](0)(
        instance=proposal,
        queryset=selectors.ROWS[key],
        options=selectors.OPTIONS[key](proposal),
    )
    saved = len(formset.forms)
    prefix = formset.prefix
    data = {
        f"{prefix}-TOTAL_FORMS": str(saved + len(new)),
        f"{prefix}-INITIAL_FORMS": str(saved),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, form in enumerate(formset.forms):
        row = form_data(form)
        row.pop(f"{prefix}-{index}-DELETE", None)
        for name, value in (edit or {}).get(index, {}).items():
            _put(row, f"{prefix}-{index}-{name}", value)
        if index in remove:
            row[f"{prefix}-{index}-DELETE"] = "on"
        data.update(row)
    for offset, values in enumerate(new):
        index = saved + offset
        for name, value in values.items():
            _put(data, f"{prefix}-{index}-{name}", value)
    return data


def _put(data, key, value):
    if value is True:
        data[key] = "on"
    elif value is False or value is None:
        data.pop(key, None)
    else:
        data[key] = str(value)


def save(client, user, proposal, key, **changes):
    """Post the part's page as `user` would after the changes (see rows_data)."""
    from django.urls import reverse

    client.force_login(user)
    return client.post(
        reverse(URL_NAMES[key], args=[proposal.pk]), rows_data(proposal, key, **changes)
    )


def assert_refused(client, proposal, key, message, model, action, **changes):
    """The lead's save of part `key` is refused with `message` next to a cell; no `model` row
    is stored and no `action` audited."""
    response = save(client, proposal.lead, proposal, key, **changes)
    assert response.status_code == 200
    assert message in cell_errors(response), cell_errors(response)
    assert not model.objects.exists()
    assert not AuditEntry.objects.filter(action=action).exists()
    return response


def cell_errors(response):
    """Every error shown next to a cell of the page's rows."""
    return [
        str(error)
        for form_errors in response.context["formset"].errors
        for errors in form_errors.values()
        for error in errors
    ]


def said(message, **params):
    """`message` as the page says it (in the active language, Thai in tests)."""
    from django.utils.translation import gettext

    text = gettext(message)
    return text % params if params else text
