"""The employer's insurance, line by line: what each part of the policy covers, up to what
limit, with what excess (issue 17). The redundancy and death cover lines are what a
redundancy or the employer's death can offset against what is owed.

DOMAIN 1.5 and 8: employers' liability insurance (at least £5 million) is a legal duty;
"some ELI policies cover part of" redundancy and notice pay when the package ends or the
employer dies (CONFIRMED that councils have redundancy policies [S57]).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from pa_employer.core.money import format_pence
from pa_employer.core.validation import Problem

#: The most a limit or excess can be (£1,000 million): a bigger figure is a typing slip.
MOST_PENCE = 100_000_000_000


class CoverKind(StrEnum):
    """What one line of the policy covers."""

    EMPLOYERS_LIABILITY = "employers_liability"
    PUBLIC_LIABILITY = "public_liability"
    REDUNDANCY = "redundancy"
    DEATH = "death"
    LEGAL_EXPENSES = "legal_expenses"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "employers_liability": "Employers' liability",
            "public_liability": "Public liability",
            "redundancy": "Redundancy cover",
            "death": "Death, funeral or continuing wages cover",
            "legal_expenses": "Legal expenses (employment disputes)",
            "other": "Other cover",
        }[self.value]

    @property
    def offsets_ending(self) -> bool:
        """Whether it can pay towards what is owed when employment ends (redundancy pay,
        notice, wages after the employer's death)."""
        return self in (CoverKind.REDUNDANCY, CoverKind.DEATH)


@dataclass(frozen=True)
class InsuranceCover:
    """One cover line: its kind, the most the insurer pays (pence; None: not recorded),
    the excess the employer pays first (pence; None: not recorded) and notes."""

    kind: CoverKind
    limit_pence: int | None = None
    excess_pence: int | None = None
    notes: str = ""
    id: int | None = None

    @property
    def words(self) -> str:
        """The line in words: "Redundancy cover, up to £10,000.00, excess £250.00"."""
        parts = [self.kind.label]
        if self.limit_pence is not None:
            parts.append(f"up to {format_pence(self.limit_pence)}")
        if self.excess_pence:
            parts.append(f"excess {format_pence(self.excess_pence)}")
        if self.notes.strip():
            parts.append(self.notes.strip())
        return ", ".join(parts)


def cover_problems(cover: InsuranceCover) -> list[Problem]:
    """What is wrong with one cover line, each naming its field."""
    problems = []
    for field, value in (("limit", cover.limit_pence), ("excess", cover.excess_pence)):
        if value is None:
            continue
        if value < 0:
            problems.append(Problem(field, "cannot be less than £0"))
        elif value > MOST_PENCE:
            problems.append(Problem(field, "is more than £1,000 million: check the figure"))
    if (
        cover.limit_pence is not None
        and cover.excess_pence is not None
        and cover.excess_pence > cover.limit_pence
    ):
        problems.append(Problem("excess", "is more than the limit: check the two figures"))
    if cover.kind is CoverKind.OTHER and not cover.notes.strip():
        problems.append(Problem("notes", "say what the other cover is"))
    if len(cover.notes) > 500:
        problems.append(Problem("notes", "keep them under 500 characters"))
    return problems


def ending_cover(covers: Sequence[InsuranceCover]) -> list[InsuranceCover]:
    """The lines that can pay towards redundancy, notice or wages after a death."""
    return [c for c in covers if c.kind.offsets_ending]
