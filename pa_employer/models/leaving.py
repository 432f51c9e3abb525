"""A PA's leaving record (schema 0015): why and when their employment ended, the notice,
and the figures settled in the final pay as they were worked out when it was recorded
(so letters and the payroll provider's note print the same later). No rules here."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pa_employer.models.base import Base


class PALeavingRow(Base):
    """One PA's leaving (at most one: a PA who comes back is a new start)."""

    __tablename__ = "pa_leaving"
    __audit__ = "PA leaving"
    __table_args__ = (
        CheckConstraint(
            "reason IN ('resignation', 'dismissal', 'redundancy', 'fixed_term_end', 'death')",
            name="known_reason",
        ),
        CheckConstraint("notice_by IN ('pa', 'employer', 'none')", name="known_notice_by"),
        CheckConstraint("notice_weeks >= 0", name="notice_not_negative"),
        CheckConstraint("redundancy_pence >= 0", name="redundancy_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pa_id: Mapped[int] = mapped_column(ForeignKey("pa.id", ondelete="CASCADE"), unique=True)
    reason: Mapped[str] = mapped_column(String(20))
    leaving_date: Mapped[date]
    notice_by: Mapped[str] = mapped_column(String(10))
    notice_given_on: Mapped[date | None]
    notice_statutory_weeks: Mapped[int]
    notice_contract_weeks: Mapped[int | None]
    notice_weeks: Mapped[int]
    notice_ends_on: Mapped[date | None]
    notice_basis: Mapped[str] = mapped_column(Text)
    week_pay_pence: Mapped[int]
    week_pay_basis: Mapped[str] = mapped_column(Text)
    redundancy_pence: Mapped[int]
    redundancy_basis: Mapped[str] = mapped_column(Text)
    #: Holiday minutes not taken (negative: taken beyond what was earned), unrounded.
    holiday_minutes: Mapped[str] = mapped_column(String(40))
    holiday_rate_pence: Mapped[int | None]
    #: Holiday pay in the final pay (negative: deducted).
    holiday_pence: Mapped[int]
    holiday_basis: Mapped[str] = mapped_column(Text)
    final_period_start: Mapped[date | None]
    final_period_end: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_on: Mapped[date]
