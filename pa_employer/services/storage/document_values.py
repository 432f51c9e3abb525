"""One column's value in the employer document, both ways, by the column's type.

Whole numbers (pence, minutes) stay numbers, text stays text, yes/no is ``true``/``false``,
a date is ISO (``2026-04-06``), an instant is ISO UTC (``2026-10-25T01:30:00Z``), and
binary data (a receipt, a kept PDF or export) is an object with its media type, size,
SHA-256 and the bytes in base64. Missing values are ``null``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import mimetypes
from datetime import UTC, date, datetime
from typing import Any, get_args, get_type_hints

from sqlalchemy import Boolean, Column, Date, Integer, LargeBinary, String
from sqlalchemy.types import TypeDecorator


class ValueProblem(ValueError):
    """A value the document cannot hold for its column; the message says why."""


def _decorated(cls: type[TypeDecorator[Any]]) -> tuple[Any, ...]:
    """The types a column type like ``UTCDateTime`` gives Python (its result's type)."""
    returned = get_type_hints(cls.process_result_value).get("return")
    return get_args(returned) or (returned,)


def _kind(column: Column[Any]) -> str:
    kind = column.type
    if isinstance(kind, TypeDecorator):
        if datetime in _decorated(type(kind)):
            return "instant"
        kind = kind.impl_instance
    for cls, name in (
        (Boolean, "yes/no"),
        (Integer, "whole number"),
        (LargeBinary, "binary"),
        (Date, "date"),
        (String, "text"),
    ):
        if isinstance(kind, cls):
            return name
    raise TypeError(f"column {column} has a type the employer document does not know")


def kind_of(column: Column[Any]) -> str:
    """What a column holds, in words ("whole number", "date", "text"...)."""
    return _kind(column)


def media_type(content: bytes, row: dict[str, Any]) -> str:
    """The media type of binary data: the row's own ``media_type``, else its ``filename``'s,
    else read from the first bytes."""
    if isinstance(row.get("media_type"), str) and row["media_type"]:
        return str(row["media_type"])
    if isinstance(row.get("filename"), str):
        guessed, _ = mimetypes.guess_type(row["filename"])
        if guessed:
            return guessed
    if content.startswith(b"%PDF"):
        return "application/pdf"
    return "application/octet-stream"


def to_document(column: Column[Any], value: Any, row: dict[str, Any]) -> Any:
    """``value`` (as read from the table) as the document holds it."""
    if value is None:
        return None
    kind = _kind(column)
    if kind == "date":
        return value.isoformat()
    if kind == "instant":
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if kind == "binary":
        content = bytes(value)
        return {
            "media_type": media_type(content, row),
            "size_bytes": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
            "base64": base64.b64encode(content).decode("ascii"),
        }
    return value


def _binary(value: Any) -> bytes:
    if not isinstance(value, dict):
        raise ValueProblem("should be an object with media_type, sha256 and base64")
    missing = [k for k in ("media_type", "sha256", "base64") if k not in value]
    if missing:
        raise ValueProblem(f"binary data is missing {', '.join(missing)}")
    try:
        content = base64.b64decode(str(value["base64"]), validate=True)
    except (binascii.Error, ValueError):
        raise ValueProblem("the base64 text cannot be read") from None
    if hashlib.sha256(content).hexdigest() != str(value["sha256"]).lower():
        raise ValueProblem("the data does not match its SHA-256 (it was changed or cut short)")
    if "size_bytes" in value and value["size_bytes"] != len(content):
        raise ValueProblem(f"size_bytes says {value['size_bytes']} but the data is {len(content)}")
    return content


def from_document(column: Column[Any], value: Any) -> Any:
    """The table's value for ``value`` in the document; :class:`ValueProblem` saying what is
    wrong when it is not one."""
    if value is None:
        if not column.nullable:
            raise ValueProblem("is required (null given)")
        return None
    kind = _kind(column)
    if kind == "whole number":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueProblem(f"should be a whole number (pence or minutes), not {value!r}")
        if not -(2**63) <= value < 2**63:  # what an SQLite integer holds
            raise ValueProblem(f"is too large a number ({value})")
        return value
    if kind == "yes/no":
        if not isinstance(value, bool):
            raise ValueProblem(f"should be true or false, not {value!r}")
        return value
    if kind == "binary":
        return _binary(value)
    if not isinstance(value, str):
        raise ValueProblem(f"should be text, not {value!r}")
    return _from_text(kind, value)


def _from_text(kind: str, value: str) -> Any:
    if kind == "date":
        try:
            return date.fromisoformat(value) if len(value) == 10 else _bad_date(value)
        except ValueError:
            raise ValueProblem(f"should be a date written 2026-04-06, not {value!r}") from None
    if kind == "instant":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise ValueProblem(f"should be a UTC time written 2026-10-25T01:30:00Z, not {value!r}")
        return moment
    return value


def _bad_date(value: str) -> date:
    raise ValueError(value)
