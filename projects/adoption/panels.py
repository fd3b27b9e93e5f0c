"""What technology adoption adds to the pages of `indicators` (through its hooks)."""

from django.template.loader import render_to_string

from projects.adoption import selectors


def municipality_panel(request, municipality):
    """The city's row of the matrix without its empty cells, for its page of indicators
    (indicators.municipality_panels): one query."""
    cells = [(cell.technology, cell) for cell in selectors.adopted_in(municipality)]
    return render_to_string(
        "projects/adoption/_panel.html",
        {"municipality": municipality, "cells": cells},
        request=request,
    )
