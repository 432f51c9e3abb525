"""Plain, immutable records of the employer, the support plan and the PAs.

Services build these from the database and hand them to the UI, the CLI and the
rule code in ``core``. Codes are the words of DOMAIN.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class PayFrequency(StrEnum):
    WEEKLY = "weekly"
    TWO_WEEKLY = "2-weekly"
    FOUR_WEEKLY = "4-weekly"
    MONTHLY = "monthly"

    @property
    def label(self) -> str:
        return {
            "weekly": "Every week",
            "2-weekly": "Every 2 weeks",
            "4-weekly": "Every 4 weeks",
            "monthly": "Every month",
        }[self.value]


class PaymentFrequency(StrEnum):
    """How often a funder pays money in."""

    WEEKLY = "weekly"
    TWO_WEEKLY = "2-weekly"
    FOUR_WEEKLY = "4-weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"

    @property
    def label(self) -> str:
        return {
            "weekly": "Every week",
            "2-weekly": "Every 2 weeks",
            "4-weekly": "Every 4 weeks",
            "monthly": "Every month",
            "quarterly": "Every quarter",
            "annual": "Once a year",
        }[self.value]


class LegalBasis(StrEnum):
    """Who signs returns, and in what capacity: the supported person themself, or the
    person acting for them (``Employer.acting_person``)."""

    SELF = "self"
    CONTINUING_ATTORNEY = "continuing_attorney"
    WELFARE_ATTORNEY = "welfare_attorney"
    GUARDIAN = "guardian"
    PARENT = "parent"
    APPOINTEE = "appointee"
    #: Files saved before the kind of attorney was asked (schema before 0009).
    POWER_OF_ATTORNEY = "power_of_attorney"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "self": "The supported person manages it themselves",
            "continuing_attorney": "Continuing attorney (financial powers)",
            "welfare_attorney": "Welfare attorney",
            "guardian": "Guardian (welfare or financial)",
            "parent": "Parent of a child under 16",
            "appointee": "Appointee",
            "power_of_attorney": "Power of attorney (kind not recorded)",
            "other": "Other arrangement",
        }[self.value]

    @property
    def capacity(self) -> str:
        """The capacity in which the signer signs, as printed on the declaration."""
        return {
            "self": "the supported person, signing for themself",
            "continuing_attorney": "continuing attorney with financial powers",
            "welfare_attorney": "welfare attorney",
            "guardian": "guardian",
            "parent": "parent of a child under 16",
            "appointee": "appointee",
            "power_of_attorney": "attorney (the kind of power of attorney is not recorded)",
            "other": "person acting for the supported person",
        }[self.value]

    @property
    def covers_finances(self) -> bool | None:
        """Whether this capacity covers money matters when nothing else is recorded: a
        continuing attorney's powers and a parent's do, a welfare attorney's do not
        (docs/rules.md, "Who may act for the employer"); a guardian's depend on the order."""
        return {
            "self": True,
            "continuing_attorney": True,
            "welfare_attorney": False,
            "parent": True,
        }.get(self.value)

    @property
    def reference_words(self) -> str:
        """What the registration or order reference is for this capacity."""
        return {
            "continuing_attorney": "Office of the Public Guardian registration number",
            "welfare_attorney": "Office of the Public Guardian registration number",
            "power_of_attorney": "Office of the Public Guardian registration number",
            "guardian": "guardianship order (court reference or OPG number)",
            "appointee": "appointeeship reference",
        }.get(self.value, "reference")


class LegalEmployer(StrEnum):
    """Who is the legal employer of the PAs: often the supported person; a parent of a
    child, or an attorney or guardian, otherwise."""

    SUPPORTED_PERSON = "supported_person"
    ACTING_PERSON = "acting_person"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "supported_person": "The supported person",
            "acting_person": "The person who signs for them",
            "other": "Someone else (type the name)",
        }[self.value]


class HoursType(StrEnum):
    REGULAR = "regular"
    IRREGULAR = "irregular"

    @property
    def label(self) -> str:
        return {
            "regular": "Regular hours",
            "irregular": "Irregular hours (holiday accrues 12.07%)",
        }[self.value]


class EmploymentStatus(StrEnum):
    """The result of HMRC's Check Employment Status for Tax."""

    NOT_CHECKED = "not_checked"
    EMPLOYED = "employed"
    SELF_EMPLOYED = "self_employed"

    @property
    def label(self) -> str:
        return {
            "not_checked": "Not checked yet",
            "employed": "Employed",
            "self_employed": "Self-employed",
        }[self.value]


class RateCode(StrEnum):
    DAY = "day"
    NIGHT = "night"
    SATURDAY = "saturday"
    SUNDAY = "sunday"
    SLEEPOVER = "sleepover"
    WAKING_NIGHT = "waking_night"
    BANK_HOLIDAY = "bank_holiday"
    TRAINING = "training"

    @property
    def label(self) -> str:
        return {
            "day": "Day",
            "night": "Night",
            "saturday": "Saturday",
            "sunday": "Sunday",
            "sleepover": "Sleepover",
            "waking_night": "Waking night",
            "bank_holiday": "Bank holiday",
            "training": "Training",
        }[self.value]


class FunderKind(StrEnum):
    DIRECT_PAYMENT = "dp"
    ILF_SCOTLAND = "ilf"
    CLIENT_CONTRIBUTION = "client_contribution"
    ACCESS_TO_WORK = "access_to_work"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "dp": "Direct payment (council)",
            "ilf": "ILF Scotland",
            "client_contribution": "Client contribution",
            "access_to_work": "Access to Work",
            "other": "Other",
        }[self.value]


@dataclass(frozen=True)
class PayRate:
    """A PA's contractual rate for one rate code from one date.

    ``amount_pence`` is the hourly rate. For the bank holiday code a contract may
    instead give a multiplier of the rate the day would otherwise use
    (``multiplier_percent``, e.g. 200 for double time); then ``amount_pence`` is 0.
    """

    rate_code: RateCode
    amount_pence: int
    effective_from: date
    effective_to: date | None = None
    multiplier_percent: int | None = None
    id: int | None = None

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


@dataclass(frozen=True)
class PA:
    """A Personal Assistant and every compliance date the employer must keep."""

    first_name: str
    last_name: str
    payroll_number: str
    start_date: date
    id: int | None = None
    ni_number: str = ""
    date_of_birth: date | None = None
    leave_date: date | None = None
    hours_type: HoursType = HoursType.REGULAR
    contracted_minutes_per_week: int = 0
    family_member: bool = False
    employment_status: EmploymentStatus = EmploymentStatus.NOT_CHECKED
    employment_status_checked_on: date | None = None
    contract_issued_on: date | None = None
    right_to_work_checked_on: date | None = None
    right_to_work_document: str = ""
    pvg_number: str = ""
    pvg_joined_on: date | None = None
    pvg_renewal_due: date | None = None
    email: str = ""
    phone: str = ""
    notes: str = ""
    rates: tuple[PayRate, ...] = field(default_factory=tuple)
    #: Days worked in a usual week, in tenths (50 = 5 days), for holiday in days.
    days_per_week_tenths: int = 50
    #: Bank holidays given on top of the 5.6 weeks (True) or inside them (False).
    bank_holidays_on_top: bool = False
    #: When the PA signed an opt-out of the 48-hour average week, if they did.
    opted_out_48h_on: date | None = None
    #: Pension auto-enrolment: assessment postponed to this day (up to 3 months), the
    #: day the PA asked to join (a non-eligible jobholder), the day they opted out.
    pension_postponed_until: date | None = None
    pension_opted_in_on: date | None = None
    pension_opted_out_on: date | None = None
    #: A family-member PA: the council's approval (date, reference, any conditions).
    family_approved_on: date | None = None
    family_approval_reference: str = ""
    family_approval_conditions: str = ""
    #: The start of continuous employment when it is earlier than ``start_date`` (carried
    #: over under TUPE or another transfer); None: the same as ``start_date``. Redundancy,
    #: notice and every other service-based right count from it (DOMAIN.md section 9).
    continuous_from: date | None = None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def service_from(self) -> date:
        """The first day of continuous employment: what redundancy and notice count from.
        First-year holiday, the contract deadline and pension assessment count from
        ``start_date`` (employed by this employer from)."""
        return self.continuous_from or self.start_date

    def employed_on(self, day: date) -> bool:
        return self.start_date <= day and (self.leave_date is None or day <= self.leave_date)

    def rate_on(self, code: RateCode, day: date) -> PayRate | None:
        for rate in self.rates:
            if rate.rate_code == code and rate.covers(day):
                return rate
        return None


@dataclass(frozen=True)
class Outcome:
    wording: str
    id: int | None = None
    position: int = 0


@dataclass(frozen=True)
class FunderAmount:
    amount_pence: int
    frequency: PaymentFrequency
    effective_from: date
    effective_to: date | None = None
    id: int | None = None


@dataclass(frozen=True)
class Funder:
    kind: FunderKind
    name: str = ""
    amounts: tuple[FunderAmount, ...] = ()
    id: int | None = None

    def amount_on(self, day: date) -> FunderAmount | None:
        for amount in self.amounts:
            if amount.effective_from <= day and (
                amount.effective_to is None or day <= amount.effective_to
            ):
                return amount
        return None


@dataclass(frozen=True)
class SupportPlan:
    reference: str = ""
    plan_date: date | None = None
    review_date: date | None = None
    agreed_weekly_minutes: int = 0
    outcomes: tuple[Outcome, ...] = ()
    funders: tuple[Funder, ...] = ()


@dataclass(frozen=True)
class EmployerNames:
    """How every document names the employer (``Employer.names``): the legal employer of
    the PAs, who signs and in what capacity, and the supported person."""

    legal_employer: str
    signer: str
    signer_capacity: str
    signer_reference: str
    supported_person: str

    @property
    def employer_for(self) -> str:
        """ "R Trust for Jean Robertson", or "Jean Robertson" when they are the employer."""
        if self.supported_person and self.supported_person != self.legal_employer:
            return f"{self.legal_employer} for {self.supported_person}"
        return self.legal_employer


@dataclass(frozen=True)
class Employer:
    """The employer: the supported person, or the person acting for them."""

    supported_person: str
    acting_person: str = ""
    legal_basis: LegalBasis = LegalBasis.SELF
    council_code: str = ""
    council_client_reference: str = ""
    paye_reference: str = ""
    accounts_office_reference: str = ""
    insurer: str = ""
    insurance_policy: str = ""
    insurance_expiry: date | None = None
    pension_provider: str = ""
    pension_employer_id: str = ""
    payroll_provider: str = ""
    payroll_contact: str = ""
    pay_frequency: PayFrequency = PayFrequency.FOUR_WEEKLY
    pay_anchor_date: date | None = None
    dp_account_type: str = "bank"
    iso_adviser: str = ""
    #: Days between a pay period's end and its pay date (0: paid on the last day).
    pay_lag_days: int = 0
    #: The first day of the holiday leave year, "MM-DD" (ASSUMPTION default 1 April).
    leave_year_start: str = "04-01"
    #: The contract's night hours, London wall-clock "HH:MM" (ASSUMPTION 22:00 to 07:00).
    night_start: str = "22:00"
    night_end: str = "07:00"
    #: The direct payment account's name and the last 4 digits of its number (for returns).
    dp_account_name: str = ""
    dp_account_last4: str = ""
    #: When the pension auto-enrolment declaration of compliance was made.
    pension_declaration_date: date | None = None
    #: The payroll export layout the provider takes (resources/payroll_layouts.toml), and
    #: how many Payment n groups per row its import is set to (BrightPay: 1 to 10, 5 default).
    payroll_layout: str = ""
    payroll_payment_groups: int = 5
    #: Whether the Employment Allowance is claimed (None: not recorded).
    employment_allowance: bool | None = None
    #: The signer's registration or order reference (an OPG number, a guardianship order).
    acting_reference: str = ""
    #: Who the legal employer of the PAs is, and their name when it is someone else.
    legal_employer: LegalEmployer = LegalEmployer.SUPPORTED_PERSON
    other_employer_name: str = ""
    #: What the person acting may do, in the words of their power or order (schema 0014),
    #: and whether it covers money and employing PAs (None: not recorded).
    acting_scope: str = ""
    acting_covers_finances: bool | None = None
    acting_covers_employment: bool | None = None
    #: The day from which they can no longer act under it: a guardianship order's or a
    #: time-limited power's end. For a parent: the child's 16th birthday, from the date below.
    acting_ends_on: date | None = None
    #: The supported person's date of birth (for a child: when a parent stops acting).
    supported_person_born_on: date | None = None
    #: The insurer's helpline (claims, and the cover lines in ``InsuranceCover``).
    insurer_helpline: str = ""

    @property
    def leave_year(self) -> tuple[int, int]:
        month, day = self.leave_year_start.split("-")
        return int(month), int(day)

    @property
    def signer_name(self) -> str:
        """Who signs returns: the person acting for the supported person, else the person."""
        if self.legal_basis is LegalBasis.SELF:
            return self.supported_person
        return self.acting_person or self.supported_person

    def names(self) -> EmployerNames:
        """The one place every document (timesheets and their covering note, the return
        and its declaration, the year-end pack, letters) takes the employer's names from."""
        acts = self.legal_basis is not LegalBasis.SELF and bool(self.acting_person.strip())
        return EmployerNames(
            legal_employer=self.employer_name,
            signer=self.signer_name,
            signer_capacity=self.legal_basis.capacity,
            signer_reference=self.acting_reference if acts else "",
            supported_person=self.supported_person,
        )

    @property
    def employer_name(self) -> str:
        """The legal employer of the PAs, as every document names the employer."""
        if self.legal_employer is LegalEmployer.OTHER and self.other_employer_name.strip():
            return self.other_employer_name.strip()
        if self.legal_employer is LegalEmployer.ACTING_PERSON and self.acting_person.strip():
            return self.acting_person.strip()
        return self.supported_person
