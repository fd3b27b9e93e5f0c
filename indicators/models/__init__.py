"""The models of indicators, by theme: programmes and catalogues, the framework, the ledger."""

from indicators.models.framework import (
    CUMULATIVE_AGGREGATIONS,
    DEFINING_FIELDS,
    Aggregation,
    Direction,
    Indicator,
    IndicatorTarget,
    Objective,
    ValueType,
    definition_problems,
)
from indicators.models.ledger import (
    AchievementStatus,
    Commitment,
    LedgerRow,
    LedgerStatus,
    Result,
)
from indicators.models.letters import Letterhead, OutgoingLetter
from indicators.models.programmes import (
    Dimension,
    FiscalYear,
    Funder,
    OutputType,
    Programme,
    Strategy,
    Technology,
    TechnologyKind,
)

__all__ = [
    "CUMULATIVE_AGGREGATIONS",
    "DEFINING_FIELDS",
    "AchievementStatus",
    "Aggregation",
    "Commitment",
    "Dimension",
    "Direction",
    "FiscalYear",
    "Funder",
    "Indicator",
    "IndicatorTarget",
    "LedgerRow",
    "LedgerStatus",
    "Letterhead",
    "Objective",
    "OutgoingLetter",
    "OutputType",
    "Programme",
    "Result",
    "Strategy",
    "Technology",
    "TechnologyKind",
    "ValueType",
    "definition_problems",
]
