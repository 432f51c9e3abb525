"""The tables of an employer file (schema revision 0001).

Money is integer pence (``*_pence``), durations integer minutes (``*_minutes``),
dates ISO dates. Every table with ``__audit__`` set is audited on change.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pa_employer.models.base import Base


class EmployerRow(Base):
    """The one employer of this file."""

    __tablename__ = "employer"
    __audit__ = "employer"

    id: Mapped[int] = mapped_column(primary_key=True)
    supported_person: Mapped[str] = mapped_column(String(200))
    acting_person: Mapped[str] = mapped_column(String(200), default="")
    legal_basis: Mapped[str] = mapped_column(String(40), default="self")
    council_code: Mapped[str] = mapped_column(String(60), default="")
    council_client_reference: Mapped[str] = mapped_column(String(60), default="")
    paye_reference: Mapped[str] = mapped_column(String(30), default="")
    accounts_office_reference: Mapped[str] = mapped_column(String(30), default="")
    insurer: Mapped[str] = mapped_column(String(200), default="")
    insurance_policy: Mapped[str] = mapped_column(String(100), default="")
    insurance_expiry: Mapped[date | None]
    pension_provider: Mapped[str] = mapped_column(String(200), default="")
    pension_employer_id: Mapped[str] = mapped_column(String(60), default="")
    payroll_provider: Mapped[str] = mapped_column(String(200), default="")
    payroll_contact: Mapped[str] = mapped_column(String(300), default="")
    pay_frequency: Mapped[str] = mapped_column(String(20), default="4-weekly")
    pay_anchor_date: Mapped[date | None]
    dp_account_type: Mapped[str] = mapped_column(String(20), default="bank")
    iso_adviser: Mapped[str] = mapped_column(String(200), default="")
    # schema 0002: contract-wide settings for pay and holiday (DOMAIN.md section 9)
    pay_lag_days: Mapped[int] = mapped_column(default=0, server_default="0")
    leave_year_start: Mapped[str] = mapped_column(
        String(5), default="04-01", server_default="04-01"
    )
    night_start: Mapped[str] = mapped_column(String(5), default="22:00", server_default="22:00")
    night_end: Mapped[str] = mapped_column(String(5), default="07:00", server_default="07:00")
    # schema 0004: what a council's financial return asks about the account and pension
    dp_account_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    dp_account_last4: Mapped[str] = mapped_column(String(4), default="", server_default="")
    pension_declaration_date: Mapped[date | None]
    # schema 0006: the payroll provider's export layout and its Payment n groups per row
    payroll_layout: Mapped[str] = mapped_column(String(40), default="", server_default="")
    payroll_payment_groups: Mapped[int] = mapped_column(default=5, server_default="5")
    # schema 0009: whether the Employment Allowance is claimed (NULL: not recorded)
    employment_allowance: Mapped[bool | None]
    # schema 0010: who signs (acting_person, legal_basis) and their registration or order
    # reference; the legal employer of the PAs (core.records.LegalEmployer)
    acting_reference: Mapped[str] = mapped_column(String(100), default="", server_default="")
    legal_employer: Mapped[str] = mapped_column(
        String(20), default="supported_person", server_default="supported_person"
    )
    other_employer_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # schema 0014: what the person acting may do, until when; the supported person's date
    # of birth (a parent acts until the 16th birthday); the insurer's helpline
    acting_scope: Mapped[str] = mapped_column(Text, default="", server_default="")
    acting_covers_finances: Mapped[bool | None]
    acting_covers_employment: Mapped[bool | None]
    acting_ends_on: Mapped[date | None]
    supported_person_born_on: Mapped[date | None]
    insurer_helpline: Mapped[str] = mapped_column(String(60), default="", server_default="")


class InsuranceCoverRow(Base):
    """One line of the employer's insurance (schema 0014): what it covers
    (core.people.insurance_cover.CoverKind), the limit and the excess in pence."""

    __tablename__ = "insurance_cover"
    __audit__ = "insurance cover"
    __table_args__ = (
        CheckConstraint("limit_pence IS NULL OR limit_pence >= 0", name="limit_not_negative"),
        CheckConstraint("excess_pence IS NULL OR excess_pence >= 0", name="excess_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    limit_pence: Mapped[int | None]
    excess_pence: Mapped[int | None]
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")


class CouncilProfileRow(Base):
    """This employer's copy of its council's rules, editable by an ISO adviser.

    A value of NULL means "not known". ``field_status`` is JSON text mapping each
    field to confirmed / secondary / expected / assumption.
    """

    __tablename__ = "council_profile"
    __audit__ = "council profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    payment_frequency: Mapped[str | None] = mapped_column(String(20))
    payment_method: Mapped[str | None] = mapped_column(String(20))
    retained_cap_weeks: Mapped[int | None]
    netting: Mapped[bool | None]
    recover_all: Mapped[bool | None]
    return_frequency: Mapped[str | None] = mapped_column(String(30))
    recovery_on_death: Mapped[bool | None]
    self_employed_pas_allowed: Mapped[bool | None]
    family_members: Mapped[str | None] = mapped_column(String(30))
    # schema 0004
    holiday_pay_counted: Mapped[bool | None]
    redundancy_policy: Mapped[str | None] = mapped_column(String(30))
    #: JSON list of the return's section codes the council asks for (NULL: not known).
    return_sections: Mapped[str | None] = mapped_column(Text)
    #: JSON list of the evidence codes the council asks for (NULL: not known).
    return_evidence: Mapped[str | None] = mapped_column(Text)
    # schema 0010: full, light_touch or none_card_monitoring (NULL: not known)
    return_style: Mapped[str | None] = mapped_column(String(30))
    source: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    field_status: Mapped[str] = mapped_column(Text, default="{}")

    flags: Mapped[list[CouncilCategoryFlag]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="CouncilCategoryFlag.id"
    )


class CouncilCategoryFlag(Base):
    __tablename__ = "council_category_flag"
    __audit__ = "council category flag"
    __table_args__ = (UniqueConstraint("profile_id", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("council_profile.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(60))
    flag: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="assumption")
    source: Mapped[str] = mapped_column(Text, default="")

    profile: Mapped[CouncilProfileRow] = relationship(back_populates="flags")


class SupportPlanRow(Base):
    __tablename__ = "support_plan"
    __audit__ = "support plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(100), default="")
    plan_date: Mapped[date | None]
    review_date: Mapped[date | None]
    agreed_weekly_minutes: Mapped[int] = mapped_column(default=0)

    outcomes: Mapped[list[OutcomeRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="OutcomeRow.position"
    )
    funders: Mapped[list[FunderRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="FunderRow.id"
    )


class OutcomeRow(Base):
    """A personal outcome, in the person's own words."""

    __tablename__ = "outcome"
    __audit__ = "outcome"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("support_plan.id", ondelete="CASCADE"))
    wording: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)

    plan: Mapped[SupportPlanRow] = relationship(back_populates="outcomes")


class FunderRow(Base):
    __tablename__ = "funder"
    __audit__ = "funder"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("support_plan.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(200), default="")

    plan: Mapped[SupportPlanRow] = relationship(back_populates="funders")
    amounts: Mapped[list[FunderAmountRow]] = relationship(
        back_populates="funder",
        cascade="all, delete-orphan",
        order_by="FunderAmountRow.effective_from",
    )


class FunderAmountRow(Base):
    __tablename__ = "funder_amount"
    __audit__ = "funder amount"
    __table_args__ = (CheckConstraint("amount_pence >= 0", name="amount_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    funder_id: Mapped[int] = mapped_column(ForeignKey("funder.id", ondelete="CASCADE"))
    amount_pence: Mapped[int]
    frequency: Mapped[str] = mapped_column(String(20))
    effective_from: Mapped[date]
    effective_to: Mapped[date | None]

    funder: Mapped[FunderRow] = relationship(back_populates="amounts")


class PARow(Base):
    """A Personal Assistant."""

    __tablename__ = "pa"
    __audit__ = "PA"
    __table_args__ = (
        UniqueConstraint("payroll_number"),
        CheckConstraint("leave_date IS NULL OR leave_date >= start_date", name="leave_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    payroll_number: Mapped[str] = mapped_column(String(30))
    ni_number: Mapped[str] = mapped_column(String(12), default="")
    date_of_birth: Mapped[date | None]
    start_date: Mapped[date]
    leave_date: Mapped[date | None]
    hours_type: Mapped[str] = mapped_column(String(20), default="regular")
    contracted_minutes_per_week: Mapped[int] = mapped_column(default=0)
    family_member: Mapped[bool] = mapped_column(default=False)
    employment_status: Mapped[str] = mapped_column(String(20), default="not_checked")
    employment_status_checked_on: Mapped[date | None]
    contract_issued_on: Mapped[date | None]
    right_to_work_checked_on: Mapped[date | None]
    right_to_work_document: Mapped[str] = mapped_column(String(200), default="")
    pvg_number: Mapped[str] = mapped_column(String(30), default="")
    pvg_joined_on: Mapped[date | None]
    pvg_renewal_due: Mapped[date | None]
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # schema 0002: for holiday entitlement and working-time checks
    days_per_week_tenths: Mapped[int] = mapped_column(default=50, server_default="50")
    bank_holidays_on_top: Mapped[bool] = mapped_column(default=False, server_default="0")
    opted_out_48h_on: Mapped[date | None]
    # schema 0009: pension auto-enrolment postponement, opt-in and opt-out
    pension_postponed_until: Mapped[date | None]
    pension_opted_in_on: Mapped[date | None]
    pension_opted_out_on: Mapped[date | None]
    # schema 0010: the council's approval of a family-member PA
    family_approved_on: Mapped[date | None]
    family_approval_reference: Mapped[str] = mapped_column(
        String(100), default="", server_default=""
    )
    family_approval_conditions: Mapped[str] = mapped_column(Text, default="", server_default="")
    # schema 0015: continuous employment from (NULL: from start_date), e.g. under TUPE
    continuous_from: Mapped[date | None]

    rates: Mapped[list[PayRateRow]] = relationship(
        back_populates="pa", cascade="all, delete-orphan", order_by="PayRateRow.effective_from"
    )


class PayRateRow(Base):
    """A PA's contractual hourly rate for one rate code, effective-dated."""

    __tablename__ = "pay_rate"
    __audit__ = "pay rate"
    __table_args__ = (
        CheckConstraint("amount_pence >= 0", name="amount_not_negative"),
        Index("ix_pay_rate_pa_code", "pa_id", "rate_code", "effective_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pa_id: Mapped[int] = mapped_column(ForeignKey("pa.id", ondelete="CASCADE"))
    rate_code: Mapped[str] = mapped_column(String(20))
    amount_pence: Mapped[int]
    multiplier_percent: Mapped[int | None]
    effective_from: Mapped[date]
    effective_to: Mapped[date | None]

    pa: Mapped[PARow] = relationship(back_populates="rates")


class RuleOverride(Base):
    """A per-employer value replacing a row of resources/rates.csv over its dates."""

    __tablename__ = "rule_override"
    __audit__ = "rate table override"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    value: Mapped[str] = mapped_column(String(40))
    unit: Mapped[str] = mapped_column(String(20))
    effective_from: Mapped[date]
    effective_to: Mapped[date | None]
    source: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="assumption")
    notes: Mapped[str] = mapped_column(Text, default="")


class LocalHoliday(Base):
    """A local public holiday the user adds (Scottish towns set their own)."""

    __tablename__ = "local_holiday"
    __audit__ = "local holiday"
    __table_args__ = (UniqueConstraint("day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    name: Mapped[str] = mapped_column(String(200))


class FlagNote(Base):
    """The user's explanation of a warning (flags warn and record; they never block)."""

    __tablename__ = "flag_note"
    __audit__ = "explanation"
    __table_args__ = (UniqueConstraint("flag_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    flag_key: Mapped[str] = mapped_column(String(200))
    explanation: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[str] = mapped_column(String(40))
    recorded_by: Mapped[str] = mapped_column(String(200), default="")


class AuditEntry(Base):
    """One change to money, hours, PAs, rates or rules: when, who, what, old and new."""

    __tablename__ = "audit"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[str] = mapped_column(String(40))
    who: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(10))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int | None]
    field: Mapped[str] = mapped_column(String(80), default="")
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    #: The user action (``audit_action``) this change was part of (schema 0012; NULL in
    #: entries written before it).
    action_id: Mapped[int | None]


class AuditAction(Base):
    """One user action that changed the file (schema 0012): what it was, in words, and
    whether Edit > Undo can still take it back. Its rows (``audit_row``) hold each changed
    row whole, before and after, so it can be reversed; an undo or a redo is an action too.

    ``kind`` is ``do`` (an ordinary change), ``undo`` or ``redo`` (``target_id`` is the
    action it reversed). ``open``: a ``do`` or ``redo`` still in effect that may be undone,
    or an ``undo`` that may be redone (a new ``do`` closes every open ``undo``)."""

    __tablename__ = "audit_action"
    __table_args__ = (
        CheckConstraint("kind IN ('do', 'undo', 'redo')", name="kind_known"),
        Index("ix_audit_action_open", "open", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[str] = mapped_column(String(40))
    who: Mapped[str] = mapped_column(String(200), default="")
    what: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(10), default="do")
    target_id: Mapped[int | None]
    open: Mapped[bool] = mapped_column(default=True)


class AuditRow(Base):
    """One row an action changed, whole, as SQLite held it (schema 0012): ``old_row`` and
    ``new_row`` are JSON objects of the row's columns (NULL: the row did not exist before,
    or no longer exists after). Files are written as hexadecimal text."""

    __tablename__ = "audit_row"
    __table_args__ = (Index("ix_audit_row_action", "action_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("audit_action.id", ondelete="CASCADE"))
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[int | None]
    old_row: Mapped[str | None] = mapped_column(Text)
    new_row: Mapped[str | None] = mapped_column(Text)


class FileIdentity(Base):
    """Which employer this file belongs to (schema 0005): one row, a random key made
    when the file (or its upgrade to 0005) was made. Backups and copies keep it, so a
    restore can tell a backup of this employer from another employer's file."""

    __tablename__ = "file_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_key: Mapped[str] = mapped_column(String(36))
