"""The Excel exports, registered in the catalogue of documents (`reports.documents`).

| kind | scope | what | options |
| --- | --- | --- | --- |
| register | programme | the officers' register with its filters | call, state |
| scores | call | score matrix (proposal × reviewer × criterion) and ranking | sort, budget, line |
| budget | call | category × fiscal year, per proposal and in total, every line | |
| budget-proposal | proposal | one proposal's category × fiscal year and lines | |
| kpi-matrix | programme | indicator × fiscal year × municipality (a job) | fiscal_year, region, … |
| instalments | programme | the funded projects' instalments, per project | call, state |

Importing this package registers them; `reports.apps` does it when Django starts.
"""

from django.utils.translation import gettext_lazy as _

from reports import documents
from reports.documents import CALL, PROGRAMME, PROPOSAL, XLSX, Document
from reports.excel import budget, instalments, kpi, register, rules, scores

REGISTER = documents.register(
    Document(
        kind="register",
        label=_("Proposal register"),
        format=XLSX,
        scope=PROGRAMME,
        may=rules.may_export_register,
        build=register.build_register,
        options=register.OPTIONS,
    )
)
SCORES = documents.register(
    Document(
        kind="scores",
        label=_("Review score matrix"),
        format=XLSX,
        scope=CALL,
        may=rules.may_export_scores,
        build=scores.build_scores,
        options=scores.OPTIONS,
    )
)
CALL_BUDGET = documents.register(
    Document(
        kind="budget",
        label=_("Budget summary"),
        format=XLSX,
        scope=CALL,
        may=rules.may_export_call_budget,
        build=budget.build_call_budget,
    )
)
PROPOSAL_BUDGET = documents.register(
    Document(
        kind="budget-proposal",
        label=_("Budget summary"),
        format=XLSX,
        scope=PROPOSAL,
        may=rules.may_export_proposal_budget,
        build=budget.build_proposal_budget,
    )
)
KPI_MATRIX = documents.register(
    Document(
        kind="kpi-matrix",
        label=_("KPI matrix"),
        format=XLSX,
        scope=PROGRAMME,
        may=rules.may_export_kpi_matrix,
        build=kpi.build_kpi_matrix,
        background=True,
        options=kpi.OPTIONS,
    )
)
INSTALMENTS = documents.register(
    Document(
        kind="instalments",
        label=_("Instalments and payments"),
        format=XLSX,
        scope=PROGRAMME,
        may=rules.may_export_instalments,
        build=instalments.build_instalments,
        options=instalments.OPTIONS,
    )
)
