"""Tables of the direct payment account: the ledger, receipts, links to outcomes, the
training and contingency pots, and imported bank statements (schema revision 0003).

Amounts are positive whole pence; ``direction`` says whether money came in or went out.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pa_employer.models.base import Base


class LedgerLine(Base):
    """Money in or out of the direct payment account, or an invoice not yet paid."""

    __tablename__ = "ledger_line"
    __audit__ = "ledger line"
    __table_args__ = (
        CheckConstraint("amount_pence > 0", name="amount_positive"),
        CheckConstraint("direction IN ('in', 'out')", name="direction_in_or_out"),
        Index("ix_ledger_line_day", "day"),
        Index("ix_ledger_line_category", "category", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    direction: Mapped[str] = mapped_column(String(3))
    amount_pence: Mapped[int]
    payee: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[str] = mapped_column(String(20), default="transfer")
    category: Mapped[str] = mapped_column(String(40))
    #: "paid", or "unpaid" for an invoice received and not yet paid (a commitment).
    status: Mapped[str] = mapped_column(String(10), default="paid")
    period_from: Mapped[date | None]
    period_to: Mapped[date | None]
    pa_id: Mapped[int | None] = mapped_column(ForeignKey("pa.id", ondelete="SET NULL"))
    hours_minutes: Mapped[int | None]
    rate_pence: Mapped[int | None]
    approval_reference: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    #: Lines split from one receipt share a group number (the first line's id).
    split_group: Mapped[int | None]
    source_file: Mapped[str] = mapped_column(String(300), default="")
    source_line: Mapped[int | None]


class Receipt(Base):
    """A receipt or invoice file (image or PDF), kept inside the employer file."""

    __tablename__ = "receipt"
    __audit__ = "receipt"
    __table_args__ = (UniqueConstraint("sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(60))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_on: Mapped[date]
    #: The total printed on the receipt, when known (schema 0010): the lines it is the
    #: evidence for should not add up to more.
    amount_pence: Mapped[int | None]


class LineReceipt(Base):
    """Which receipts are the evidence for which ledger lines (one receipt, many lines)."""

    __tablename__ = "ledger_line_receipt"
    __audit__ = "receipt link"

    line_id: Mapped[int] = mapped_column(
        ForeignKey("ledger_line.id", ondelete="CASCADE"), primary_key=True
    )
    receipt_id: Mapped[int] = mapped_column(
        ForeignKey("receipt.id", ondelete="RESTRICT"), primary_key=True
    )


class LineOutcome(Base):
    """A spending line linked to a personal outcome, with how it helps."""

    __tablename__ = "ledger_line_outcome"
    __audit__ = "outcome link"

    line_id: Mapped[int] = mapped_column(
        ForeignKey("ledger_line.id", ondelete="CASCADE"), primary_key=True
    )
    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("outcome.id", ondelete="RESTRICT"), primary_key=True
    )
    how_it_helps: Mapped[str] = mapped_column(Text, default="")


class PotBudget(Base):
    """The training or contingency budget for a span of dates."""

    __tablename__ = "pot_budget"
    __audit__ = "pot budget"
    __table_args__ = (CheckConstraint("kind IN ('training', 'contingency')", name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    amount_pence: Mapped[int]
    effective_from: Mapped[date]
    effective_to: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class TrainingCourse(Base):
    """A course: the fee, the PA's paid training time, and cover while they train."""

    __tablename__ = "training_course"
    __audit__ = "training course"

    id: Mapped[int] = mapped_column(primary_key=True)
    pa_id: Mapped[int] = mapped_column(ForeignKey("pa.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(200))
    course_date: Mapped[date]
    fee_pence: Mapped[int] = mapped_column(default=0)
    training_minutes: Mapped[int] = mapped_column(default=0)
    training_rate_pence: Mapped[int] = mapped_column(default=0)
    cover_minutes: Mapped[int] = mapped_column(default=0)
    cover_rate_pence: Mapped[int] = mapped_column(default=0)
    cover_by: Mapped[str] = mapped_column(String(200), default="")
    on_costs_pence: Mapped[int] = mapped_column(default=0)
    fee_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("ledger_line.id", ondelete="SET NULL")
    )
    notes: Mapped[str] = mapped_column(Text, default="")


class Certificate(Base):
    """A PA's training certificate, with its expiry for renewal reminders."""

    __tablename__ = "certificate"
    __audit__ = "certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    pa_id: Mapped[int] = mapped_column(ForeignKey("pa.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    achieved_on: Mapped[date]
    expires_on: Mapped[date | None]
    course_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_course.id", ondelete="SET NULL")
    )


class ContingencyDrawdownRow(Base):
    """Cover or another cost drawn from contingency, with its reason and premium."""

    __tablename__ = "contingency_drawdown"
    __audit__ = "contingency drawdown"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    reason: Mapped[str] = mapped_column(String(30))
    pa_covered_id: Mapped[int | None] = mapped_column(ForeignKey("pa.id", ondelete="SET NULL"))
    cover_provider: Mapped[str] = mapped_column(String(200), default="")
    cover_minutes: Mapped[int] = mapped_column(default=0)
    cover_rate_pence: Mapped[int] = mapped_column(default=0)
    normal_cost_pence: Mapped[int] = mapped_column(default=0)
    approval_reference: Mapped[str] = mapped_column(String(100), default="")
    line_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_line.id", ondelete="SET NULL"))
    notes: Mapped[str] = mapped_column(Text, default="")


class BankStatement(Base):
    """An imported bank or pre-paid card statement (kept to detect a second import)."""

    __tablename__ = "bank_statement"
    __audit__ = "bank statement"
    __table_args__ = (UniqueConstraint("sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(20), default="bank")
    start_date: Mapped[date]
    end_date: Mapped[date]
    opening_pence: Mapped[int | None]
    closing_pence: Mapped[int | None]
    source_file: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    imported_on: Mapped[date]
    # schema 0004: the layout the file was read with (a preset name, "ofx" or "custom")
    layout: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # schema 0006: the account number the file said it was from ('' where it did not)
    account_number: Mapped[str] = mapped_column(String(40), default="", server_default="")


class StatementMappingRow(Base):
    """A column mapping saved for one account's statement files (schema 0006): used
    again, without asking, for the next file with the same columns."""

    __tablename__ = "statement_mapping"
    __audit__ = "statement column mapping"
    __table_args__ = (UniqueConstraint("account", "signature"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "bank" or "card" (services.money.statements.ACCOUNTS).
    account: Mapped[str] = mapped_column(String(20))
    #: The file's columns, lower case, joined with "|" ("" cut to 400 characters);
    #: "columns:N" for a file without a header.
    signature: Mapped[str] = mapped_column(String(400))
    #: The mapping as typed after --map (core.exchange.mapping.Mapping.text).
    mapping: Mapped[str] = mapped_column(Text)
    used_on: Mapped[date]


class StatementLine(Base):
    """One line of a statement; ``matched_line_id`` links it to the ledger."""

    __tablename__ = "statement_line"
    __table_args__ = (Index("ix_statement_line_day", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("bank_statement.id", ondelete="CASCADE"))
    day: Mapped[date]
    description: Mapped[str] = mapped_column(String(300), default="")
    #: Signed: money in is positive, money out negative.
    amount_pence: Mapped[int]
    balance_pence: Mapped[int | None]
    # schema 0004: order in the file, and the bank's own reference (OFX FITID) if any
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    bank_reference: Mapped[str] = mapped_column(String(100), default="", server_default="")
    matched_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("ledger_line.id", ondelete="SET NULL")
    )


class CouncilReturn(Base):
    """A financial return for one period: a draft, or submitted and kept unchanged.

    A submitted return keeps the exact PDF sent (``pdf``) with its SHA-256, and the
    figures as JSON (``figures``), so it re-prints byte for byte and a later change to
    a line in its period shows as an adjustment in the next return (schema 0004).
    """

    __tablename__ = "council_return"
    __audit__ = "council return"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'submitted')", name="status_known"),
        CheckConstraint("end_date >= start_date", name="period_in_order"),
        Index("ix_council_return_period", "start_date", "end_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    start_date: Mapped[date]
    end_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(10), default="draft")
    created_on: Mapped[date]
    submitted_on: Mapped[date | None]
    signed_by: Mapped[str] = mapped_column(String(200), default="")
    iso_helper: Mapped[str] = mapped_column(String(200), default="")
    #: JSON: outcome id -> one-line progress note; "surplus" -> explanation code and text.
    notes: Mapped[str] = mapped_column(Text, default="{}")
    figures: Mapped[str] = mapped_column(Text, default="")
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64), default="")
