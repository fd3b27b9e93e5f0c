"""Formulas in the workbooks people upload: an import takes what was typed. A formula's value
is what the spreadsheet last computed, if it saved one at all (a HYPERLINK in a note reads as
nothing), so a cell holding a formula is refused, named by its sheet, row and column, and
nothing of the file is imported. (Both Excel imports call `formulas_in`; open the workbook
with data_only=False, so that a formula is seen as one.)"""

from django.utils.translation import gettext as _


def formulas_in(cells):
    """[(index, message)] for each cell of a row (openpyxl cells) that holds a formula."""
    return [
        (index, formula_message(cell.value))
        for index, cell in enumerate(cells)
        if cell.data_type == "f"
    ]


def formula_message(formula):
    text = str(getattr(formula, "text", formula)).strip()
    text = text if len(text) <= 40 else f"{text[:39]}…"
    return _("This cell holds a formula (%(formula)s): type the value, not a formula.") % {
        "formula": text
    }
