"""Council profiles: each council's direct payment rules as data, read from TOML text.

A field the research did not find is left out of the file and is ``None`` here: the app
shows it as "Not known". Every field that has a value has a status and the profile a source.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from pa_employer.core.rules import Status

#: How often the council pays the direct payment.
PAYMENT_FREQUENCIES: Mapping[str, str] = MappingProxyType(
    {
        "weekly": "Every week",
        "2-weekly": "Every 2 weeks",
        "4-weekly": "Every 4 weeks",
        "monthly": "Every month",
    }
)

#: Where the council pays the direct payment.
PAYMENT_METHODS: Mapping[str, str] = MappingProxyType(
    {"bank": "Bank account", "prepaid_card": "Pre-paid card"}
)

#: How often the employer sends a financial return.
RETURN_FREQUENCIES: Mapping[str, str] = MappingProxyType(
    {
        "4-weekly": "Every 4 weeks",
        "quarterly": "Every quarter",
        "annual": "Once a year",
        "none_card_monitoring": "No paper return: the council checks the card account online",
    }
)

#: What kind of financial return the council asks for (issue 14 item 5).
FULL, LIGHT_TOUCH, NO_PAPER = "full", "light_touch", "none_card_monitoring"
RETURN_STYLES: Mapping[str, str] = MappingProxyType(
    {
        FULL: "Full return (every section the council lists)",
        LIGHT_TOUCH: "One-page light-touch return",
        NO_PAPER: "No paper return (the council checks the card account online)",
    }
)

#: Whether a family member may be employed as a PA.
FAMILY_MEMBER_RULES: Mapping[str, str] = MappingProxyType(
    {
        "allowed": "Allowed",
        "exceptional": "Only in exceptional circumstances",
        "with_permission": "Allowed with the council's permission",
    }
)

#: How the council treats redundancy and notice pay when a PA's job ends.
REDUNDANCY_POLICIES: Mapping[str, str] = MappingProxyType(
    {
        "council_pays": "The council pays statutory redundancy and notice pay",
        "case_by_case": "The council decides case by case (ask your social worker)",
        "from_contingency": "Paid from the contingency the council already gave",
        "employer_insurance": "Partly covered by the employer's liability insurance",
    }
)

#: The sections a financial return can have (DOMAIN.md section 2.6).
RETURN_SECTIONS: Mapping[str, str] = MappingProxyType(
    {
        "header": "About the direct payment",
        "income": "Money in",
        "expenditure": "Money out",
        "reconciliation": "Reconciliation",
        "hours": "Hours planned and delivered",
        "outcomes": "Personal outcomes",
        "compliance": "Employer checklist",
        "attachments": "Attachments",
        "declaration": "Declaration",
        "pay": "Pay, budgets and funders",
    }
)

#: Evidence a council can ask to see with a return (DOMAIN.md section 2.3).
RETURN_EVIDENCE: Mapping[str, str] = MappingProxyType(
    {
        "bank_statements": "Bank or card statements",
        "payroll_summaries": "Payslips or payroll summaries",
        "hmrc_record": "HMRC payment record",
        "pension_schedule": "Pension contribution schedule",
        "timesheets": "Timesheets",
        "invoices": "Invoices from agencies or providers",
        "receipts": "Receipts for other purchases",
        "insurance_certificate": "Employer's liability insurance certificate",
        "contribution_proof": "Proof the client contribution was paid in",
    }
)

#: What a council says about a spending category.
CATEGORY_FLAGS: Mapping[str, str] = MappingProxyType(
    {"excluded": "Not allowed by the council", "prior_approval": "Ask the council first"}
)

#: The rule fields of a profile (all optional), with plain-English names.
FIELD_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "payment_frequency": "How often the council pays",
        "payment_method": "Where the council pays",
        "retained_cap_weeks": "Most you may keep (weeks of payments)",
        "netting": "Next payment reduced by money held above the contingency",
        "recover_all": "All unspent money must be returned",
        "return_frequency": "How often you send a financial return",
        "return_style": "What kind of return the council asks for",
        "recovery_on_death": "Unspent money recovered on death",
        "self_employed_pas_allowed": "Self-employed PAs allowed",
        "family_members": "Employing family members",
        "holiday_pay_counted": "Holiday pay earned counts as already owed",
        "redundancy_policy": "Redundancy and notice pay",
    }
)

RULE_FIELDS: tuple[str, ...] = tuple(FIELD_LABELS)

_CHOICE_FIELDS: Mapping[str, Mapping[str, str]] = {
    "payment_frequency": PAYMENT_FREQUENCIES,
    "payment_method": PAYMENT_METHODS,
    "return_frequency": RETURN_FREQUENCIES,
    "return_style": RETURN_STYLES,
    "family_members": FAMILY_MEMBER_RULES,
    "redundancy_policy": REDUNDANCY_POLICIES,
}
_BOOL_FIELDS = frozenset(
    {
        "netting",
        "recover_all",
        "recovery_on_death",
        "self_employed_pas_allowed",
        "holiday_pay_counted",
    }
)
#: List fields: which return sections and evidence the council asks for.
LIST_FIELDS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"return_sections": RETURN_SECTIONS, "return_evidence": RETURN_EVIDENCE}
)


def field_choices(field_name: str) -> Mapping[str, str] | None:
    """The values a choice field may take, with their words (None: not a choice field)."""
    return _CHOICE_FIELDS.get(field_name)


def is_yes_no(field_name: str) -> bool:
    return field_name in _BOOL_FIELDS


_TEXT_FIELDS = frozenset({"name", "source", "notes"})
_KNOWN_KEYS = (
    frozenset(RULE_FIELDS)
    | frozenset(LIST_FIELDS)
    | _TEXT_FIELDS
    | {"status", "category_flags", "also_known_as"}
)
_FLAG_KEYS = frozenset({"category", "flag", "status", "source", "approval_note"})
_FILE_STATUSES = (Status.CONFIRMED, Status.SECONDARY, Status.EXPECTED, Status.ASSUMPTION)
_CODE_RE = re.compile(r"^[a-z][a-z0-9-]*$")


class CouncilFileError(ValueError):
    """A council profiles file we cannot read, naming the file, council and field."""

    def __init__(self, filename: str, council: str | None, field: str | None, problem: str) -> None:
        self.filename = filename
        self.council = council
        self.field = field
        self.problem = problem
        where = filename
        if council is not None:
            where += f", council '{council}'"
        if field is not None:
            where += f", field '{field}'"
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class CategoryFlag:
    """A council's flag on a spending category: excluded, or needs prior approval."""

    category: str
    flag: str
    status: Status
    source: str
    approval_note: str = ""

    @property
    def label(self) -> str:
        """Plain-English wording of the flag."""
        return CATEGORY_FLAGS.get(self.flag, self.flag)


def _frozen_status() -> Mapping[str, Status]:
    return MappingProxyType({})


@dataclass(frozen=True)
class CouncilProfile:
    """One council's direct payment rules. ``None`` means not known."""

    code: str
    name: str
    payment_frequency: str | None = None
    payment_method: str | None = None
    retained_cap_weeks: int | None = None
    netting: bool | None = None
    recover_all: bool | None = None
    return_frequency: str | None = None
    #: full, light_touch or none_card_monitoring (RETURN_STYLES); None: not known.
    return_style: str | None = None
    recovery_on_death: bool | None = None
    self_employed_pas_allowed: bool | None = None
    family_members: str | None = None
    holiday_pay_counted: bool | None = None
    redundancy_policy: str | None = None
    #: Section codes the council's return needs (None: not known, so all of them).
    return_sections: tuple[str, ...] | None = None
    #: Evidence codes the council asks for with a return (None: not known).
    return_evidence: tuple[str, ...] | None = None
    status: Mapping[str, Status] = field(default_factory=_frozen_status, hash=False)
    category_flags: tuple[CategoryFlag, ...] = ()
    source: str = ""
    notes: str = ""
    #: Other names people use for the council ("Western Isles", "Edinburgh"), for finding
    #: it when choosing; not a rule, so two profiles differing only here are equal.
    also_known_as: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.status, MappingProxyType):
            object.__setattr__(self, "status", MappingProxyType(dict(self.status)))

    def value_of(self, field_name: str) -> str | int | bool | None:
        """The value of one rule field (None when not known)."""
        if field_name not in FIELD_LABELS:
            raise KeyError(f"'{field_name}' is not a council profile field")
        value: str | int | bool | None = getattr(self, field_name)
        return value

    def field_status(self, field_name: str) -> Status:
        """How sure we are of one field: UNKNOWN when its value is not known."""
        if self.value_of(field_name) is None:
            return Status.UNKNOWN
        return self.status.get(field_name, Status.UNKNOWN)

    def unknown_fields(self) -> list[str]:
        """The rule fields with no known value, in file order."""
        return [name for name in RULE_FIELDS if getattr(self, name) is None]

    def describe(self, field_name: str) -> str:
        """A field's value in plain English ("Every 4 weeks", "Yes", "4 weeks", "Not known")."""
        value = self.value_of(field_name)
        if value is None:
            return "Not known"
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, int):
            return "1 week" if value == 1 else f"{value} weeks"
        return _CHOICE_FIELDS[field_name].get(value, value)

    def sections(self) -> tuple[str, ...]:
        """The return sections to print: the council's list, or all when not known."""
        if self.return_sections is None:
            return tuple(RETURN_SECTIONS)
        return tuple(code for code in RETURN_SECTIONS if code in self.return_sections)

    def style_in_use(self) -> str:
        """The return style the builder follows: the council's, or no paper return when
        its frequency says the card account is monitored, else a full return (assumed)."""
        if self.return_style is not None:
            return self.return_style
        if self.return_frequency == NO_PAPER:
            return NO_PAPER
        return FULL

    @property
    def style_known(self) -> bool:
        """True when the profile says what kind of return the council wants."""
        return self.return_style is not None or self.return_frequency == NO_PAPER

    @property
    def paper_return(self) -> bool:
        """False when the council monitors the card account and asks for no paper return:
        then no return is ever due or overdue."""
        return self.style_in_use() != NO_PAPER

    def flags_for(self, category: str) -> tuple[CategoryFlag, ...]:
        """The council's flags on one spending category (often none)."""
        return tuple(f for f in self.category_flags if f.category == category)


# ---------------------------------------------------------------- parsing


def _status(value: Any, filename: str, code: str, where: str) -> Status:
    allowed = [s.value for s in _FILE_STATUSES]
    if not isinstance(value, str) or value not in allowed:
        raise CouncilFileError(
            filename, code, where, f"{value!r} is not a status (one of: {', '.join(allowed)})"
        )
    return Status(value)


def _rule_value(key: str, value: Any, filename: str, code: str) -> str | int | bool:
    if key in _BOOL_FIELDS:
        if not isinstance(value, bool):
            raise CouncilFileError(filename, code, key, f"{value!r} must be true or false")
        return value
    if key == "retained_cap_weeks":
        if isinstance(value, bool) or not isinstance(value, int):
            raise CouncilFileError(filename, code, key, f"{value!r} must be a whole number")
        if value < 0:
            raise CouncilFileError(filename, code, key, f"{value} must not be negative")
        return value
    choices = _CHOICE_FIELDS[key]
    if not isinstance(value, str) or value not in choices:
        raise CouncilFileError(
            filename, code, key, f"{value!r} is not one of: {', '.join(choices)}"
        )
    return value


def _list_value(key: str, value: Any, filename: str, code: str) -> tuple[str, ...]:
    allowed = LIST_FIELDS[key]
    if not isinstance(value, list):
        raise CouncilFileError(filename, code, key, "must be a list of codes")
    for item in value:
        if not isinstance(item, str) or item not in allowed:
            raise CouncilFileError(
                filename, code, key, f"{item!r} is not one of: {', '.join(allowed)}"
            )
    return tuple(value)


def _text(table: Mapping[str, Any], key: str, filename: str, code: str, where: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise CouncilFileError(filename, code, where, f"{value!r} must be text")
    return value


def _flags(
    raw: Any, filename: str, code: str, categories: Collection[str] | None
) -> tuple[CategoryFlag, ...]:
    if not isinstance(raw, list):
        raise CouncilFileError(filename, code, "category_flags", "must be a list of tables")
    flags: list[CategoryFlag] = []
    for number, item in enumerate(raw, start=1):
        where = f"category_flags[{number}]"
        if not isinstance(item, dict):
            raise CouncilFileError(filename, code, where, "must be a table")
        extra = sorted(set(item) - _FLAG_KEYS)
        if extra:
            raise CouncilFileError(filename, code, f"{where}.{extra[0]}", "is not a known key")
        category = _text(item, "category", filename, code, f"{where}.category")
        if not category:
            raise CouncilFileError(filename, code, f"{where}.category", "is missing")
        if categories is not None and category not in categories:
            raise CouncilFileError(
                filename, code, f"{where}.category", f"'{category}' is not a spending category"
            )
        flag = item.get("flag")
        if flag not in CATEGORY_FLAGS:
            raise CouncilFileError(
                filename, code, f"{where}.flag", f"{flag!r} is not one of: excluded, prior_approval"
            )
        status = _status(item.get("status"), filename, code, f"{where}.status")
        source = _text(item, "source", filename, code, f"{where}.source")
        if not source:
            raise CouncilFileError(filename, code, f"{where}.source", "is missing")
        note = _text(item, "approval_note", filename, code, f"{where}.approval_note")
        flags.append(CategoryFlag(category, str(flag), status, source, note))
    return tuple(flags)


def _profile(
    code: str, table: Any, filename: str, categories: Collection[str] | None
) -> CouncilProfile:
    if not _CODE_RE.match(code):
        raise CouncilFileError(
            filename, code, None, "the code must be lower-case letters, digits and hyphens"
        )
    if not isinstance(table, dict):
        raise CouncilFileError(filename, code, None, "must be a table")
    extra = sorted(set(table) - _KNOWN_KEYS)
    if extra:
        raise CouncilFileError(filename, code, extra[0], "is not a known field")
    name = _text(table, "name", filename, code, "name")
    if not name:
        raise CouncilFileError(filename, code, "name", "is missing")
    values = {
        key: _rule_value(key, table[key], filename, code) for key in RULE_FIELDS if key in table
    }
    raw_status = table.get("status", {})
    if not isinstance(raw_status, dict):
        raise CouncilFileError(filename, code, "status", "must be a table")
    status: dict[str, Status] = {}
    for key, value in raw_status.items():
        if key not in values and key not in table:
            raise CouncilFileError(
                filename, code, f"status.{key}", "has a status but no value in this profile"
            )
        status[key] = _status(value, filename, code, f"status.{key}")
    lists = {
        key: _list_value(key, table[key], filename, code) for key in LIST_FIELDS if key in table
    }
    for key in [*values, *lists]:
        if key not in status:
            raise CouncilFileError(filename, code, key, "has a value but no status")
    return CouncilProfile(
        code=code,
        name=name,
        payment_frequency=_opt_str(values, "payment_frequency"),
        payment_method=_opt_str(values, "payment_method"),
        retained_cap_weeks=_opt_int(values, "retained_cap_weeks"),
        netting=_opt_bool(values, "netting"),
        recover_all=_opt_bool(values, "recover_all"),
        return_frequency=_opt_str(values, "return_frequency"),
        return_style=_opt_str(values, "return_style"),
        recovery_on_death=_opt_bool(values, "recovery_on_death"),
        self_employed_pas_allowed=_opt_bool(values, "self_employed_pas_allowed"),
        family_members=_opt_str(values, "family_members"),
        holiday_pay_counted=_opt_bool(values, "holiday_pay_counted"),
        redundancy_policy=_opt_str(values, "redundancy_policy"),
        return_sections=lists.get("return_sections"),
        return_evidence=lists.get("return_evidence"),
        status=status,
        category_flags=_flags(table.get("category_flags", []), filename, code, categories),
        source=_text(table, "source", filename, code, "source"),
        notes=_text(table, "notes", filename, code, "notes"),
        also_known_as=_names(table.get("also_known_as", []), filename, code),
    )


def _names(raw: Any, filename: str, code: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(n, str) and n.strip() for n in raw):
        raise CouncilFileError(filename, code, "also_known_as", "must be a list of names")
    return tuple(n.strip() for n in raw)


def _opt_str(values: Mapping[str, str | int | bool], key: str) -> str | None:
    value = values.get(key)
    return value if isinstance(value, str) else None


def _opt_int(values: Mapping[str, str | int | bool], key: str) -> int | None:
    value = values.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _opt_bool(values: Mapping[str, str | int | bool], key: str) -> bool | None:
    value = values.get(key)
    return value if isinstance(value, bool) else None


def parse_councils_toml(
    text: str, filename: str, categories: Collection[str] | None = None
) -> dict[str, CouncilProfile]:
    """Read and check council profiles; raise CouncilFileError naming council and field.

    If ``categories`` (spending category codes) is given, every flag must name one of them.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CouncilFileError(filename, None, None, f"not valid TOML: {exc}") from None
    return {code: _profile(code, table, filename, categories) for code, table in data.items()}
