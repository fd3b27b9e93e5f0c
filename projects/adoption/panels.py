"""What technology adoption adds to the pages of `indicators` (through its hooks)."""

from django.template.loader import render_to_string

from projects.adoption import selectors


def municipality_panel(request, municipality):
    """The city's row of the matrix, for its page of indicators (indicators.municipality_panels):
    three queries."""
    _cities, techs, rows = selectors.matrix(municipalities=[municipality])
    cells = [(tech, cell) for tech, cell in zip(techs, rows[0][1], strict=True) if cell]
    return render_to_string(
        "projects/adoption/_panel.html",
        {"municipality": municipality, "cells": cells},
        request=request,
    )
