"""A column mapping: which column of a file holds which field.

The fields a kind of file needs are :class:`FieldSpec` values (a statement's are in
``core.account.statement_mapping``). A :class:`Mapping` names, for each field, one or
more columns (a description may be two columns joined), and may fix the date format.
It is written as text for the command line and for saving::

    date=Date, description=Details+Reference, amount=Amount, dates=DD/MM/YYYY

:func:`check_mapping` refuses a mapping that leaves a required field unmapped, maps two
fields to one column or names a column the file does not have; :func:`guess_mapping`
proposes one from the header's names (and their synonyms) or, for a file without a
header, from what the cells hold.
"""

from __future__ import annotations

import re
from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from dataclasses import dataclass

from pa_employer.core.exchange.table import Table
from pa_employer.core.exchange.values import (
    DATE_FORMATS,
    direction_sign,
    fitting_formats,
    format_code,
    parse_amount,
)
from pa_employer.core.money import MoneyFormatError
from pa_employer.core.validation import InputError, Problem, shown

#: The key of the date format in a mapping's text.
DATES_KEY = "dates"
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normal(name: str) -> str:
    """A column name compared without case, spaces or punctuation ('Paid in (£)')."""
    return _NON_WORD.sub("", name.lower())


@dataclass(frozen=True)
class FieldSpec:
    """One field a file's rows give: ``key`` as typed in a mapping, ``label`` as the
    window shows it, what ``kind`` of cell it holds (date, amount, sign, text), whether
    it takes several columns, and the header names that mean it."""

    key: str
    label: str
    kind: str = "text"
    many: bool = False
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Schema:
    """The fields of one kind of file and which are needed: each group in ``needs``
    must have at least one of its fields mapped."""

    what: str
    fields: tuple[FieldSpec, ...]
    needs: tuple[tuple[str, ...], ...]

    def spec(self, key: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.key == key), None)


@dataclass(frozen=True)
class Mapping:
    """Field key -> the columns that hold it (in order), and the date format chosen
    (a strptime code; '' to work it out from the file)."""

    columns: tuple[tuple[str, tuple[str, ...]], ...]
    date_format: str = ""

    @classmethod
    def of(cls, columns: MappingABC[str, Sequence[str] | str], date_format: str = "") -> Mapping:
        pairs = []
        for key, value in columns.items():
            names = (value,) if isinstance(value, str) else tuple(value)
            names = tuple(n for n in names if n)
            if names:
                pairs.append((key, names))
        return cls(tuple(pairs), date_format)

    def get(self, key: str) -> tuple[str, ...]:
        return next((names for k, names in self.columns if k == key), ())

    def one(self, key: str) -> str:
        names = self.get(key)
        return names[0] if names else ""

    def as_dict(self) -> dict[str, tuple[str, ...]]:
        return dict(self.columns)

    def with_date_format(self, date_format: str) -> Mapping:
        return Mapping(self.columns, date_format)

    def text(self) -> str:
        """The mapping as typed after ``--map``."""
        parts = [f"{key}={'+'.join(names)}" for key, names in self.columns]
        if self.date_format:
            parts.append(f"{DATES_KEY}={DATE_FORMATS.get(self.date_format, self.date_format)}")
        return ",".join(parts)


def parse_mapping(text: str, schema: Schema) -> Mapping:
    """A mapping from its text (``date=Date,description=Details+Ref,amount=Amount``).
    Raises InputError naming the part that is wrong."""
    columns: dict[str, tuple[str, ...]] = {}
    date_format = ""
    problems: list[Problem] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        key, sep, value = part.partition("=")
        key = key.strip().lower().replace(" ", "_")
        if not sep or not value.strip():
            problems.append(Problem("map", f"{shown(part)} should be field=column"))
            continue
        if key == DATES_KEY:
            date_format = format_code(value)
            if not date_format:
                words = ", ".join(DATE_FORMATS.values())
                problems.append(Problem("map", f"{shown(value)} is not a date format ({words})"))
            continue
        spec = schema.spec(key)
        if spec is None:
            keys = ", ".join(f.key for f in schema.fields)
            problems.append(Problem("map", f"{shown(key)} is not a field; the fields are {keys}"))
            continue
        names = tuple(n.strip() for n in value.split("+") if n.strip())
        if len(names) > 1 and not spec.many:
            problems.append(Problem(key, "takes one column"))
            continue
        if key in columns:
            problems.append(Problem(key, "is mapped twice"))
            continue
        columns[key] = names
    if problems:
        raise InputError(problems, "--map")
    return Mapping.of(columns, date_format)


def check_mapping(schema: Schema, mapping: Mapping, table: Table) -> list[Problem]:
    """What is wrong with ``mapping`` for a file with ``table``'s columns: a required
    field unmapped, a column the file does not have, one column mapped to two fields."""
    problems: list[Problem] = []
    for group in schema.needs:
        if not any(mapping.get(key) for key in group):
            labels = " or ".join(s.label for s in (schema.spec(k) for k in group) if s is not None)
            problems.append(Problem(labels, "is not mapped to a column: choose its column"))
    used: dict[str, str] = {}
    for key, names in mapping.columns:
        spec = schema.spec(key)
        label = spec.label if spec else key
        for name in names:
            if table.index(name) is None:
                problems.append(Problem(label, f"the file has no column {shown(name)}"))
                continue
            other = used.get(name.strip().lower())
            if other is not None and other != label:
                problems.append(
                    Problem(label, f"the column {shown(name)} is already mapped to {other}")
                )
            elif other == label:
                problems.append(Problem(label, f"the column {shown(name)} is given twice"))
            used[name.strip().lower()] = label
    return problems


def _is_amounts(values: Sequence[str]) -> bool:
    filled = [v for v in values if v.strip()]
    if not filled:
        return False
    try:
        for v in filled:
            parse_amount(v)
    except MoneyFormatError:
        return False
    return True


def _is_signs(values: Sequence[str]) -> bool:
    filled = [v for v in values if v.strip()]
    if not filled:
        return False
    try:
        for v in filled:
            direction_sign(v)
    except ValueError:
        return False
    return True


def _by_names(schema: Schema, table: Table) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    taken: set[int] = set()
    by_name = {normal(c): i for i, c in reversed(list(enumerate(table.columns)))}
    for spec in schema.fields:
        for synonym in spec.synonyms:
            i = by_name.get(normal(synonym))
            if i is None or i in taken:
                continue
            found.setdefault(spec.key, []).append(table.columns[i])
            taken.add(i)
            if not spec.many:
                break
    return found


def _kind(values: Sequence[str]) -> str:
    if fitting_formats(values):
        return "date"
    if _is_amounts(values):
        return "amount"
    if _is_signs(values):
        return "sign"
    return "text"


def _by_content(schema: Schema, table: Table) -> dict[str, list[str]]:
    sample = table.rows[:200]

    def column(i: int) -> list[str]:
        return [cells[i] if i < len(cells) else "" for _line, cells in sample]

    kinds: dict[str, list[int]] = {"date": [], "amount": [], "sign": [], "text": []}
    for i in range(len(table.columns)):
        values = column(i)
        if any(v.strip() for v in values):
            kinds[_kind(values)].append(i)
    name = table.columns.__getitem__
    found: dict[str, list[str]] = {}
    if kinds["text"]:
        widest = max(kinds["text"], key=lambda i: sum(len(v) for v in column(i)))
        kinds["text"] = [widest]
    wanted = (
        ("date", "date", 0),
        ("description", "text", 0),
        ("amount", "amount", 0),
        ("balance", "amount", 1),
        ("direction", "sign", 0),
    )
    for key, kind, position in wanted:
        if schema.spec(key) and len(kinds[kind]) > position:
            if key == "balance" and len(kinds["amount"]) != 2:
                continue
            found[key] = [name(kinds[kind][position])]
    return found


def guess_mapping(schema: Schema, table: Table) -> Mapping:
    """A proposed mapping: by header names and synonyms; for a file without a header
    (or names nothing matches), by content: the first column whose every cell is a date,
    amount columns (a second one is the balance), and the widest text column as the
    description."""
    found = _by_names(schema, table) if table.header_line else {}
    return Mapping.of(found or _by_content(schema, table))
