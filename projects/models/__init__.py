"""A funded project: its award, approved budget, instalments and progress reports.

States change only through the services of `projects`, which lock the row, audit, write the KPI
ledger of `indicators` and notify after the commit.
"""

from projects.models.adoption import Adoption, AdoptionStage
from projects.models.award import (
    Award,
    AwardBudget,
    Instalment,
    InstalmentState,
)
from projects.models.changes import (
    ChangeAttachment,
    ChangeKind,
    ChangePolicy,
    ChangeRequest,
    ChangeState,
)
from projects.models.contracts import (
    Amendment,
    Contract,
    ContractPolicy,
    ContractState,
    ContractTemplate,
)
from projects.models.progress import (
    ActivityProgress,
    DeliveredOutput,
    IndicatorResult,
    ProgressReport,
    ProgressReportState,
    ResultEvidence,
    Spending,
    evidence_path,
)
from projects.models.refunds import Refund, RefundState

__all__ = [
    "ActivityProgress",
    "Adoption",
    "AdoptionStage",
    "Amendment",
    "Award",
    "AwardBudget",
    "ChangeAttachment",
    "ChangeKind",
    "ChangePolicy",
    "ChangeRequest",
    "ChangeState",
    "Contract",
    "ContractPolicy",
    "ContractState",
    "ContractTemplate",
    "DeliveredOutput",
    "IndicatorResult",
    "Instalment",
    "InstalmentState",
    "ProgressReport",
    "ProgressReportState",
    "Refund",
    "RefundState",
    "ResultEvidence",
    "Spending",
    "evidence_path",
]
