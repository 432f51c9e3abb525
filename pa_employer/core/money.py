"""Money: integer pence, one Decimal constructor, one rounding policy.

Never use floating point for money. ``D()`` builds a Decimal from a string, int or
Decimal and refuses floats. Money is rounded once, where it is paid (per pay line),
half up to the penny (DOMAIN.md section 9).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from pa_employer.core.validation import shown

PENNY = Decimal("0.01")


def D(value: str | int | Decimal) -> Decimal:
    """Return a Decimal; reject floats and anything that is not a number."""
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"money and hours are never float: {value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    try:
        result = Decimal(value.strip())
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a number")
    return result


def round_pence(amount_pounds: Decimal) -> int:
    """Round an amount in pounds to whole pence, half up (the one rounding rule)."""
    return int((amount_pounds / PENNY).quantize(Decimal(1), rounding=ROUND_HALF_UP))


#: The largest amount read from text: £10,000,000 (no direct payment comes near it).
MAX_PENCE = 10_000_000_00

#: Whole pounds: plain digits, or a comma only between groups of three ("1,250").
_MONEY_RE = re.compile(
    r"^\s*(-)?\s*£?\s*(-)?\s*([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.([0-9]*))?\s*$"
)


class MoneyFormatError(ValueError):
    """Text that is not an amount of money."""


@dataclass(frozen=True, order=True, slots=True)
class Money:
    """An amount of money in whole pence."""

    pence: int

    def __post_init__(self) -> None:
        if not isinstance(self.pence, int) or isinstance(self.pence, bool):
            raise TypeError(f"Money holds whole pence as int, not {type(self.pence).__name__}")

    @classmethod
    def parse(cls, text: str) -> Money:
        """Read '£1,234.56', '1234.5', '12' or '-3.20'. A comma is only a thousands
        separator ('12,50' is refused, never read as 1250); more than 2 decimals, or more
        than £10,000,000 either way, is an error."""
        match = _MONEY_RE.match(text or "")
        if not match or (match.group(3) is None and not match.group(4)):
            if "," in (text or ""):
                raise MoneyFormatError(
                    f"{shown(text)} is not an amount of money: a comma is only for "
                    "thousands (1,250.00); pence come after a full stop (12.50)"
                )
            raise MoneyFormatError(f"{shown(text)} is not an amount of money (for example 12.60)")
        minus = bool(match.group(1) or match.group(2))
        whole = (match.group(3) or "0").replace(",", "")
        frac = match.group(4) or ""
        if len(frac) > 2:
            raise MoneyFormatError(f"{shown(text)} has more than two decimal places")
        if len(whole) > 12 or int(whole) * 100 > MAX_PENCE:
            raise MoneyFormatError(f"{shown(text)} is more than £10,000,000")
        pence = int(whole) * 100 + int((frac + "00")[:2])
        if pence > MAX_PENCE:
            raise MoneyFormatError(f"{shown(text)} is more than £10,000,000")
        return cls(-pence if minus else pence)

    @classmethod
    def from_pounds(cls, pounds: str | int | Decimal) -> Money:
        return cls(round_pence(D(pounds)))

    @property
    def pounds(self) -> Decimal:
        return Decimal(self.pence) / 100

    def __add__(self, other: Money) -> Money:
        return Money(self.pence + other.pence)

    def __sub__(self, other: Money) -> Money:
        return Money(self.pence - other.pence)

    def __neg__(self) -> Money:
        return Money(-self.pence)

    def times(self, factor: Decimal | int) -> Money:
        """Multiply and round once, half up."""
        return Money(round_pence(self.pounds * D(factor)))

    def __str__(self) -> str:
        return format_pence(self.pence)


ZERO = Money(0)


def format_pence(pence: int, symbol: bool = True) -> str:
    """'£1,234.56' (or '-£3.20'); without the symbol for CSV files: '1234.56'."""
    sign = "-" if pence < 0 else ""
    whole, frac = divmod(abs(pence), 100)
    if symbol:
        return f"{sign}£{whole:,}.{frac:02d}"
    return f"{sign}{whole}.{frac:02d}"
