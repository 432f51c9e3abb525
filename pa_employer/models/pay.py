"""Tables of the rota, shifts, locked pay periods, export snapshots and payroll results
(schema revision 0002)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from pa_employer.models.base import Base
from pa_employer.models.types import UTCDateTime


class RotaPatternRow(Base):
    """A repeating planned shift: "every Mon and Wed 09:00-13:00 from 1 May"."""

    __tablename__ = "rota_pattern"
    __audit__ = "rota pattern"
    __table_args__ = (CheckConstraint("every_weeks >= 1", name="every_weeks_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pa_id: Mapped[int] = mapped_column(ForeignKey("pa.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="work")
    weekdays: Mapped[str] = mapped_column(String(20))  # "0,2" = Monday and Wednesday
    start_local: Mapped[str] = mapped_column(String(5))  # "09:00"
    end_local: Mapped[str] = mapped_column(String(5))
    break_minutes: Mapped[int] = mapped_column(default=0)
    every_weeks: Mapped[int] = mapped_column(default=1)
    effective_from: Mapped[date]
    effective_to: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class ShiftRow(Base):
    """A planned or worked shift, or an absence, of one PA.

    Work kinds keep the wall-clock times typed and the UTC instants (paid time is
    elapsed UTC time). Absences (holiday, sickness, leave) keep the date and minutes.
    """

    __tablename__ = "shift"
    __audit__ = "shift"
    __table_args__ = (
        CheckConstraint("minutes >= 0", name="minutes_not_negative"),
        CheckConstraint("break_minutes >= 0", name="break_not_negative"),
        CheckConstraint(
            "end_utc IS NULL OR start_utc IS NULL OR end_utc > start_utc", name="end_after_start"
        ),
        Index("ix_shift_pa_date", "pa_id", "local_date"),
        Index("ix_shift_date", "local_date"),
        # schema 0013: the few shifts paid in a later period, found without reading them all
        Index(
            "ix_shift_paid_in",
            "paid_in_period_start",
            sqlite_where=text("paid_in_period_start IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pa_id: Mapped[int] = mapped_column(ForeignKey("pa.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12), default="worked")
    local_date: Mapped[date]
    start_local: Mapped[str | None] = mapped_column(String(5))
    end_local: Mapped[str | None] = mapped_column(String(5))
    start_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    end_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    break_minutes: Mapped[int] = mapped_column(default=0)
    break_start_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    minutes: Mapped[int] = mapped_column(default=0)
    pattern_id: Mapped[int | None] = mapped_column(
        ForeignKey("rota_pattern.id", ondelete="SET NULL")
    )
    adjusts_shift_id: Mapped[int | None] = mapped_column(ForeignKey("shift.id"))
    paid_in_period_start: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class PayPeriodLock(Base):
    """A pay period exported to the payroll provider: its shifts can no longer change."""

    __tablename__ = "pay_period_lock"
    __audit__ = "locked pay period"
    __table_args__ = (UniqueConstraint("period_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_start: Mapped[date]
    period_end: Mapped[date]
    pay_date: Mapped[date]
    locked_at: Mapped[str] = mapped_column(String(40))
    locked_by: Mapped[str] = mapped_column(String(200), default="")


class ExportSnapshot(Base):
    """An exported file exactly as sent, with its hash and the inputs it was made from."""

    __tablename__ = "export_snapshot"
    __table_args__ = (Index("ix_export_snapshot_period", "period_start", "format"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_start: Mapped[date]
    period_end: Mapped[date]
    format: Mapped[str] = mapped_column(String(20))
    filename: Mapped[str] = mapped_column(String(300))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    inputs_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(200), default="")


class PayrollResult(Base):
    """What the payroll provider worked out for one PA in one pay period."""

    __tablename__ = "payroll_result"
    __audit__ = "payroll result"
    __table_args__ = (UniqueConstraint("pa_id", "period_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pa_id: Mapped[int] = mapped_column(ForeignKey("pa.id", ondelete="RESTRICT"))
    period_start: Mapped[date]
    period_end: Mapped[date]
    gross_pence: Mapped[int]
    tax_pence: Mapped[int] = mapped_column(default=0)
    employee_ni_pence: Mapped[int] = mapped_column(default=0)
    employer_ni_pence: Mapped[int] = mapped_column(default=0)
    employee_pension_pence: Mapped[int] = mapped_column(default=0)
    employer_pension_pence: Mapped[int] = mapped_column(default=0)
    net_pence: Mapped[int]
    payment_date: Mapped[date | None]
    source_file: Mapped[str] = mapped_column(String(300), default="")
    source_line: Mapped[int | None]
    imported_at: Mapped[str] = mapped_column(String(40), default="")


class PayrollMappingRow(Base):
    """A column mapping saved for one payroll provider's results files (schema 0008):
    used again, without asking, for the next file with the same columns."""

    __tablename__ = "payroll_mapping"
    __audit__ = "payroll results column mapping"
    __table_args__ = (UniqueConstraint("provider", "signature"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: A preset's key in resources/payroll_result_presets.toml ("brightpay", "other"...).
    provider: Mapped[str] = mapped_column(String(20))
    #: The file's columns, lower case, joined with "|" (cut to 400 characters);
    #: "columns:N" for a file without a header.
    signature: Mapped[str] = mapped_column(String(400))
    #: The mapping as typed after --map (core.exchange.mapping.Mapping.text).
    mapping: Mapped[str] = mapped_column(Text)
    used_on: Mapped[date]
