"""A return's figures read back from the JSON kept when it was sent (``returns.to_json``), so
the accessible copy of a sent return is made from the figures sent, not today's.

Generic over the dataclasses of ``core.council.returns``: each field is read by its type
(text, whole numbers, yes/no, dates, the enums, tuples and nested figures). A field the
JSON does not have (a return sent before the field existed) takes the field's default;
one with no default makes :class:`KeptFiguresError`.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

from pa_employer.core.council import returns
from pa_employer.core.council.returns import ReturnFigures


class KeptFiguresError(ValueError):
    """The kept JSON cannot be read back as figures (it names what is missing)."""


@cache
def _hints(cls: type) -> dict[str, Any]:
    """The field types of ``cls``, its names read in the module that defines it (the
    return's parts live in several modules)."""
    return typing.get_type_hints(cls, {**vars(returns), **vars(sys.modules[cls.__module__])})


def _read(kind: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        if value is None:
            return None
        return _read(options[0], value, where)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(_read(item, v, f"{where}[{i}]") for i, v in enumerate(value or ()))
    if origin is dict or kind is dict:
        return dict(value or {})
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return _object(kind, value, where)
    if kind is date:
        return None if value is None else date.fromisoformat(value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if kind is bool:
        return bool(value)
    if kind is int:
        return None if value is None else int(value)
    if kind is str:
        return "" if value is None else str(value)
    return value


def _object(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise KeptFiguresError(f"{where} is not a set of figures")
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            values[f.name] = _read(hints[f.name], data[f.name], f"{where}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise KeptFiguresError(f"the kept figures have no {where}.{f.name}")
    return cls(**values)


def figures_from_json(text: str) -> ReturnFigures:
    """The figures of ``returns.to_json``'s text."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise KeptFiguresError(f"the kept figures are not JSON ({exc})") from exc
    figures: ReturnFigures = _object(ReturnFigures, data, "return")
    return figures
