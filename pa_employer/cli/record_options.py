"""Command-line options made from a record's fields, so that everything the window can set
on a record the command line can set too, and a field the record gains is settable at once.

Each field becomes ``--field-name VALUE``: text as given; dates as YYYY-MM-DD (``none``
clears a date that may be empty); ``yes``/``no`` for true/false (``none`` for "not
recorded" where the field allows it); whole numbers; the values of a choice field; money
(a ``..._pence`` field) in pounds as ``--field 45.00``. A field with no default is required
when ``required`` is asked for (adding a record).
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Collection, Mapping
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from pa_employer.cli.common import parse_date_arg
from pa_employer.core.validation import InputError, Problem

_CLEARS = ("none", "")


def option(name: str) -> str:
    return "--" + name.removesuffix("_pence").replace("_", "-")


def pounds_to_pence(text: str, name: str) -> int:
    """'1,250.00' or '£45' as pence; InputError naming the option otherwise."""
    try:
        value = Decimal(text.replace("£", "").replace(",", "").strip())
    except InvalidOperation:
        raise InputError([Problem(name, f"'{text}' is not an amount such as 45.00")]) from None
    if value < 0 or value != value.quantize(Decimal("0.01")):
        raise InputError([Problem(name, f"'{text}' is not an amount such as 45.00")])
    return int(value * 100)


def _kind(field: dataclasses.Field[Any]) -> tuple[str, bool]:
    """The field's type name and whether it may be empty (``X | None``)."""
    text = str(field.type).replace(" ", "")
    if text.endswith("|None"):
        return text[: -len("|None")], True
    return text, False


class RecordOptions:
    """The settable fields of one record type, their options, help and parsing."""

    def __init__(
        self,
        record: type[Any],
        enums: Mapping[str, type[StrEnum]],
        exclude: Collection[str] = (),
    ) -> None:
        self.enums = dict(enums)
        self.fields = [
            f
            for f in dataclasses.fields(record)
            if f.name not in exclude and _kind(f)[0] in ("str", "date", "int", "bool", *enums)
        ]

    def add_to(self, parser: argparse.ArgumentParser, required: bool = False) -> None:
        """One option per field; with ``required``, fields without a default must be given."""
        for field in self.fields:
            must = required and field.default is dataclasses.MISSING
            parser.add_argument(
                option(field.name),
                dest=field.name,
                metavar="VALUE",
                required=must,
                help=self._help(field),
            )

    def changes(self, args: argparse.Namespace) -> dict[str, Any]:
        """The fields given on the command line, parsed; InputError naming the option."""
        return {
            f.name: self.value(f, getattr(args, f.name))
            for f in self.fields
            if getattr(args, f.name, None) is not None
        }

    def _help(self, field: dataclasses.Field[Any]) -> str:
        kind, empty = _kind(field)
        clears = " (none clears it)" if empty else ""
        if kind == "date":
            return "YYYY-MM-DD" + clears
        if kind == "bool":
            return "yes or no" + (" (none: not recorded)" if empty else "")
        if kind == "int" and field.name.endswith("_pence"):
            return "an amount in pounds, e.g. 45.00" + clears
        if kind == "int":
            return "a whole number" + clears
        if kind in self.enums:
            return "one of: " + ", ".join(e.value for e in self.enums[kind])
        return "text"

    def value(self, field: dataclasses.Field[Any], text: str) -> Any:
        """What the user typed for ``field``, as the record holds it."""
        kind, empty = _kind(field)
        name = option(field.name)
        if empty and text.lower() in _CLEARS:
            return None
        if kind == "date":
            try:
                return parse_date_arg(text)
            except argparse.ArgumentTypeError as exc:
                raise InputError([Problem(name, str(exc))]) from None
        if kind == "bool":
            if text.lower() not in ("yes", "no"):
                raise InputError([Problem(name, f"give yes or no, not '{text}'")])
            return text.lower() == "yes"
        if kind == "int" and field.name.endswith("_pence"):
            return pounds_to_pence(text, name)
        if kind == "int":
            try:
                number = int(text)
            except ValueError:
                raise InputError([Problem(name, f"'{text}' is not a whole number")]) from None
            if abs(number) > 10**9:
                raise InputError([Problem(name, f"{text} is too large a number")])
            return number
        if kind in self.enums:
            enum = self.enums[kind]
            try:
                return enum(text)
            except ValueError:
                choices = ", ".join(e.value for e in enum)
                raise InputError([Problem(name, f"'{text}' is not one of: {choices}")]) from None
        return text

    def text(self, record: Any) -> list[str]:
        """``name: value`` lines for ``record``'s settable fields."""
        lines = []
        for field in self.fields:
            value = getattr(record, field.name)
            if isinstance(value, StrEnum):
                value = value.value
            elif isinstance(value, bool):
                value = "yes" if value else "no"
            elif value is None or value == "":
                value = "-"
            lines.append(f"  {field.name.replace('_', ' ')}: {value}")
        return lines
