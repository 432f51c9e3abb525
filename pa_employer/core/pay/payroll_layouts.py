"""Payroll export layouts as data (resources/payroll_layouts.toml): which columns a payroll
product's import takes, how rows are formed, and the published page each follows. Pure:
reading the text only; ``exports.payroll_layout`` turns a timesheet into rows with them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from pa_employer.core.rules import RuleFileError

#: The values a column can take (besides "=TEXT", a fixed text, and "", an empty cell).
PA_VALUES = frozenset({"payroll_number", "first_name", "last_name", "ni_number", "pa_name"})
ITEM_VALUES = frozenset({"description", "hours", "rate", "amount", "code"})
PERIOD_VALUES = frozenset({"period_start", "period_end"})
VALUES = PA_VALUES | ITEM_VALUES | PERIOD_VALUES
SHAPES = ("groups", "items")
SSP_PLACES = ("absences", "item")
#: The kinds of hours a pay item can be (``RateCode`` values, and holiday taken).
KINDS = ("day night saturday sunday sleepover waking_night bank_holiday training holiday").split()


@dataclass(frozen=True)
class Column:
    header: str
    value: str


@dataclass(frozen=True)
class PayrollLayout:
    """One payroll product's import layout."""

    key: str
    provider: str
    name: str
    ending: str
    shape: str
    header: bool
    ssp: str
    columns: tuple[Column, ...]
    source: str
    source_title: str
    read_on: str
    group_columns: tuple[Column, ...] = ()
    groups_default: int = 1
    groups_max: int = 1
    codes: dict[str, str] = field(default_factory=dict)
    options_source: str = ""
    options_title: str = ""

    @property
    def has_absences(self) -> bool:
        """True if SSP and absences go in the companion absences file."""
        return self.ssp == "absences"

    def headers(self, groups: int) -> list[str]:
        out = [c.header for c in self.columns]
        for n in range(1, groups + 1):
            out += [c.header.replace("{n}", str(n)) for c in self.group_columns]
        return out


def _columns(raw: Any, where: str, key: str, values: frozenset[str]) -> tuple[Column, ...]:
    if not isinstance(raw, list):
        raise RuleFileError(where, None, key, "must be a list of [header, value] pairs")
    out = []
    for number, pair in enumerate(raw, start=1):
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        ):
            raise RuleFileError(where, None, f"{key}[{number}]", "must be [header, value]")
        header, value = pair
        if value and not value.startswith("=") and value not in values:
            known = ", ".join(sorted(values))
            raise RuleFileError(
                where, None, f"{key}[{number}]", f"'{value}' is not one of: {known}"
            )
        out.append(Column(header, value))
    return tuple(out)


def _text(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RuleFileError(where, None, key, "is missing")
    return value


def _layout(key: str, raw: dict[str, Any], where: str) -> PayrollLayout:
    texts = {k: _text(raw, k, where) for k in ("provider", "name", "ending", "source")}
    texts |= {k: _text(raw, k, where) for k in ("source_title", "read_on")}
    shape, ssp = raw.get("shape"), raw.get("ssp", "absences")
    if shape not in SHAPES:
        raise RuleFileError(where, None, "shape", f"must be one of: {', '.join(SHAPES)}")
    if ssp not in SSP_PLACES:
        raise RuleFileError(where, None, "ssp", f"must be one of: {', '.join(SSP_PLACES)}")
    row_values = VALUES if shape == "items" else PA_VALUES | PERIOD_VALUES
    columns = _columns(raw.get("columns"), where, "columns", row_values)
    groups: tuple[Column, ...] = ()
    low: Any = 1
    high: Any = 1
    if shape == "groups":
        groups = _columns(raw.get("group_columns"), where, "group_columns", ITEM_VALUES)
        low, high = raw.get("groups_default"), raw.get("groups_max")
        if not (isinstance(low, int) and isinstance(high, int) and 1 <= low <= high):
            raise RuleFileError(where, None, "groups_default", "give 1 <= groups_default <= max")
    codes = raw.get("codes", {})
    if not isinstance(codes, dict) or not all(isinstance(v, str) for v in codes.values()):
        raise RuleFileError(where, None, "codes", "must map kinds of hours to text")
    unknown = sorted(set(codes) - set(KINDS))
    if unknown:
        raise RuleFileError(where, None, "codes", f"unknown kinds: {', '.join(unknown)}")
    uses_code = any(c.value == "code" for c in (*columns, *groups))
    if uses_code and set(codes) != set(KINDS):
        missing = ", ".join(k for k in KINDS if k not in codes)
        raise RuleFileError(where, None, "codes", f"give a code for: {missing}")
    return PayrollLayout(
        key=key,
        shape=shape,
        header=bool(raw.get("header", True)),
        ssp=ssp,
        columns=columns,
        group_columns=groups,
        groups_default=low,
        groups_max=high,
        codes=dict(codes),
        options_source=raw.get("options_source", ""),
        options_title=raw.get("options_title", ""),
        **texts,
    )


def parse_payroll_layouts_toml(text: str, filename: str) -> dict[str, PayrollLayout]:
    """The layouts of resources/payroll_layouts.toml, in file order. Raises RuleFileError
    naming the file, the layout and the field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(filename, None, "toml", str(exc)) from exc
    layouts = {
        key: _layout(key, raw, f"{filename} [layouts.{key}]")
        for key, raw in data.get("layouts", {}).items()
    }
    if not layouts:
        raise RuleFileError(filename, None, "layouts", "no layouts are defined")
    return layouts
