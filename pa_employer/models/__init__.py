"""SQLAlchemy 2 typed ORM tables of one employer file. No rules live here."""

from pa_employer.models.base import Base
from pa_employer.models.pay import (
    ExportSnapshot,
    PayPeriodLock,
    PayrollResult,
    RotaPatternRow,
    ShiftRow,
)
from pa_employer.models.tables import (
    AuditEntry,
    CouncilCategoryFlag,
    CouncilProfileRow,
    EmployerRow,
    FlagNote,
    FunderAmountRow,
    FunderRow,
    LocalHoliday,
    OutcomeRow,
    PARow,
    PayRateRow,
    RuleOverride,
    SupportPlanRow,
)

__all__ = [
    "AuditEntry",
    "Base",
    "CouncilCategoryFlag",
    "CouncilProfileRow",
    "EmployerRow",
    "ExportSnapshot",
    "FlagNote",
    "FunderAmountRow",
    "FunderRow",
    "LocalHoliday",
    "OutcomeRow",
    "PARow",
    "PayPeriodLock",
    "PayRateRow",
    "PayrollResult",
    "RotaPatternRow",
    "RuleOverride",
    "ShiftRow",
    "SupportPlanRow",
]
