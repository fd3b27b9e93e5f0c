"""The Excel exports, registered in the catalogue of documents (`reports.documents`).

| kind | scope | what | options |
| --- | --- | --- | --- |
| register | programme | the officers' register with its filters | call, state |
| scores | call | score matrix (proposal × reviewer × criterion) and ranking | sort, budget, line |
| budget | call | category × fiscal year, per proposal and in total, every line | |
| budget-proposal | proposal | one proposal's category × fiscal year and lines | |
| kpi-matrix | programme | indicator × fiscal year × municipality (a job) | fiscal_year, region, … |
| instalments | programme | the funded projects' instalments, per project | call, state |
| adoption | programme | cities × technologies by stage, and every adoption | kind, dimension |
| risks | programme | running projects' risk signals | call, municipality, officer, level |
| next-call | programme | what the next call needs: gap to target, projects of a typical size | |

`reports/extensions.py` puts `DOCUMENTS` in the catalogue when Django starts.
"""

from django.utils.translation import gettext_lazy as _

from reports.documents import CALL, PROGRAMME, PROPOSAL, XLSX, Document
from reports.excel import (
    adoption,
    budget,
    instalments,
    kpi,
    next_call,
    register,
    risks,
    rules,
    scores,
)


def _export(kind, label, scope, may, build, **extra):
    """An Excel export of the catalogue; every one is an .xlsx."""
    return Document(kind, label, XLSX, scope, may, build, **extra)


REGISTER = _export(
    "register",
    _("Proposal register"),
    PROGRAMME,
    rules.may_export_register,
    register.build_register,
    options=register.OPTIONS,
)
SCORES = _export(
    "scores",
    _("Review score matrix"),
    CALL,
    rules.may_export_scores,
    scores.build_scores,
    options=scores.OPTIONS,
)
CALL_BUDGET = _export(
    "budget", _("Budget summary"), CALL, rules.may_export_call_budget, budget.build_call_budget
)
PROPOSAL_BUDGET = _export(
    "budget-proposal",
    _("Budget summary"),
    PROPOSAL,
    rules.may_export_proposal_budget,
    budget.build_proposal_budget,
)
KPI_MATRIX = _export(
    "kpi-matrix",
    _("KPI matrix"),
    PROGRAMME,
    rules.may_export_kpi_matrix,
    kpi.build_kpi_matrix,
    background=True,
    options=kpi.OPTIONS,
)
INSTALMENTS = _export(
    "instalments",
    _("Instalments and payments"),
    PROGRAMME,
    rules.may_export_instalments,
    instalments.build_instalments,
    options=instalments.OPTIONS,
)

ADOPTION = _export(
    "adoption",
    _("Technology adoption across the cities"),
    PROGRAMME,
    rules.may_export_adoption,
    adoption.build_adoption,
    options=adoption.OPTIONS,
)

RISKS = _export(
    "risks",
    _("Projects at risk"),
    PROGRAMME,
    rules.may_export_risks,
    risks.build_risks,
    options=risks.OPTIONS,
)

NEXT_CALL = _export(
    "next-call",
    _("What the next call needs"),
    PROGRAMME,
    rules.may_export_kpi_matrix,
    next_call.build_next_call,
)

DOCUMENTS = (
    REGISTER,
    SCORES,
    CALL_BUDGET,
    PROPOSAL_BUDGET,
    KPI_MATRIX,
    INSTALMENTS,
    ADOPTION,
    RISKS,
    NEXT_CALL,
)
