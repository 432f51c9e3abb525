"""What a saved change was about (a closed set, light to import: no Qt, no database)."""

from __future__ import annotations

from enum import StrEnum


class Change(StrEnum):
    """What a saved change was about: the argument of ``data_changed``. A page refreshes
    when a change it shows is saved."""

    COUNCIL = "council"
    EMPLOYER = "employer"
    EXPLANATIONS = "explanations"
    EXPORT = "export"
    LEDGER = "ledger"
    PAS = "pas"
    PAYROLL = "payroll"
    PLAN = "plan"
    POTS = "pots"
    RETURNS = "returns"
    RULES = "rules"
    SHIFTS = "shifts"
    STATEMENTS = "statements"
    #: Anything may have changed (Edit > Undo and Redo): every page refreshes.
    EVERYTHING = "everything"
