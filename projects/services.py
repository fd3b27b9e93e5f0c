"""What the writes of funded projects share: their error, and how the KPI ledger names a
project and files its figures.

The writes themselves live with their feature, each in one transaction with the rows it changes
locked and one audit entry: the award in `funding/services.py`, the states of progress reports in
`progress/services/states.py`, payments in `instalments/services.py`.
"""

from django.core.exceptions import ValidationError


class ProjectError(ValidationError):
    """A project action was refused; `.messages` says every reason."""


LEDGER_SOURCE = "proposals.proposal:"


def ledger_source(proposal):
    """How the KPI ledger names a funded project."""
    return f"{LEDGER_SOURCE}{proposal.pk}"


def main_technology(proposal):
    """The technology the ledger files the project's figures under: the first one it listed.
    (A project with two technologies is counted once, under its first, so that totals by
    technology add up to the programme's total.)"""
    technologies = sorted(proposal.technologies.all(), key=lambda item: item.pk)
    return technologies[0].technology if technologies else None


# The award ----------------------------------------------------------------------------------


# Progress reports ---------------------------------------------------------------------------


# Instalments ---------------------------------------------------------------------------------


# How funded projects end --------------------------------------------------------------------
