"""Bank and pre-paid card statements (DOMAIN.md sections 2.2-2.3 and 2.6 D): statement
rows, the line-to-line balance check, opening and closing balances, matching statement
lines to ledger lines, column layouts and the rules that guess a category from a line's
description. Pure: no files, no database.

Amounts on a statement are signed whole pence: money in positive, money out negative.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from pa_employer.core.money import format_pence
from pa_employer.core.rules import RuleFileError
from pa_employer.core.validation import InputError, Problem

# -- statement rows -------------------------------------------------------------------


@dataclass(frozen=True)
class StatementRow:
    """One line of a statement as read from the file. ``line`` is its line number in the
    file (for an OFX file, its place in the transaction list)."""

    line: int
    day: date
    description: str
    amount_pence: int
    balance_pence: int | None = None
    reference: str = ""


@dataclass(frozen=True)
class ReadStatement:
    """A whole statement as read: its rows oldest first, and its balances."""

    layout: str
    rows: tuple[StatementRow, ...]
    opening_pence: int | None
    closing_pence: int | None
    start: date
    end: date
    #: The account number the file says it is from ('' where it does not say).
    account_number: str = ""


def from_balances(
    layout: str,
    rows: Sequence[StatementRow],
    opening: int | None,
    closing: int | None,
    account: str,
    filename: str,
    field: str,
) -> ReadStatement:
    """A statement whose file gives opening and closing balances (CAMT.053, MT940): they
    must agree with the lines (refused, naming ``field``, when they do not), and one
    missing is worked out from the other. ``rows`` must not be empty."""
    total = sum(r.amount_pence for r in rows)
    if opening is not None and closing is not None and opening + total != closing:
        raise InputError(
            [
                Problem(
                    field,
                    f"the opening balance {format_pence(opening)} plus the lines "
                    f"({format_pence(total)}) is {format_pence(opening + total)}, not the "
                    f"closing balance {format_pence(closing)}: nothing was imported",
                )
            ],
            filename,
        )
    if opening is None and closing is not None:
        opening = closing - total
    if closing is None and opening is not None:
        closing = opening + total
    ordered = sorted(rows, key=lambda r: (r.day, r.line))
    return ReadStatement(
        layout, tuple(ordered), opening, closing, ordered[0].day, ordered[-1].day, account
    )


def _balance_error(filename: str, prev: StatementRow, row: StatementRow) -> InputError:
    assert prev.balance_pence is not None and row.balance_pence is not None
    expected = prev.balance_pence + row.amount_pence
    return InputError(
        [
            Problem(
                "Balance",
                f"expected {format_pence(expected)} (the balance "
                f"{format_pence(prev.balance_pence)} on line {prev.line} "
                f"{'plus' if row.amount_pence >= 0 else 'minus'} "
                f"{format_pence(abs(row.amount_pence))}) but found "
                f"{format_pence(row.balance_pence)}: the statement does not add up from line "
                f"to line, so nothing was imported",
            )
        ],
        f"{filename}, line {row.line}",
    )


def first_balance_break(rows: Sequence[StatementRow]) -> tuple[StatementRow, StatementRow] | None:
    """The first pair (previous, this) of rows, in the order given, where this row's
    balance is not the previous balance plus this row's amount; None if all add up.
    Rows without a balance are skipped over (the next balance is checked against the
    last one given plus every amount between)."""
    prev: StatementRow | None = None
    running = 0
    for row in rows:
        if prev is not None:
            running += row.amount_pence
        if row.balance_pence is None:
            continue
        if prev is not None and prev.balance_pence is not None:
            if prev.balance_pence + running != row.balance_pence:
                return prev, row
        prev, running = row, 0
    return None


def in_date_order(rows: Sequence[StatementRow], filename: str) -> tuple[StatementRow, ...]:
    """The rows oldest first, their running balances checked line to line.

    Banks write statements newest first (Lloyds, Halifax) or oldest first (Nationwide,
    Monzo). A file whose first date is after its last is read newest first; when every
    date is the same, whichever order adds up is used. Raises InputError naming the file,
    the line and the field "Balance", with the expected and found amounts."""
    rows = tuple(rows)
    if not rows:
        return rows
    newest_first = rows[0].day > rows[-1].day
    ordered = tuple(reversed(rows)) if newest_first else rows
    broken = first_balance_break(ordered)
    if broken is not None and rows[0].day == rows[-1].day:
        other = tuple(reversed(ordered))
        if first_balance_break(other) is None:
            return tuple(sorted(other, key=lambda r: r.day))
    if broken is not None:
        raise _balance_error(filename, *broken)
    return tuple(sorted(ordered, key=lambda r: r.day))  # stable: same-day order kept


def opening_and_closing(rows: Sequence[StatementRow]) -> tuple[int | None, int | None]:
    """(opening, closing) from rows oldest first: the balance before the first line and
    after the last, where the file has a running balance; (None, None) where not."""
    first = next((i for i, r in enumerate(rows) if r.balance_pence is not None), None)
    if first is None:
        return None, None
    before = sum(r.amount_pence for r in rows[: first + 1])
    opening = rows[first].balance_pence - before  # type: ignore[operator]
    last = max(i for i, r in enumerate(rows) if r.balance_pence is not None)
    after = sum(r.amount_pence for r in rows[last + 1 :])
    closing = rows[last].balance_pence + after  # type: ignore[operator]
    return opening, closing


# -- matching -------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")
#: Words on statements that say nothing about who was paid.
_NOISE = frozenset(
    {
        "ref",
        "card",
        "payment",
        "to",
        "from",
        "the",
        "ltd",
        "limited",
        "fp",
        "fpo",
        "fpi",
        "dd",
        "so",
        "bgc",
        "bp",
        "deb",
        "pos",
        "via",
        "and",
        "for",
        "on",
        "of",
        "bank",
        "transfer",
    }
)


def words(text: str) -> frozenset[str]:
    """The words of a description or payee that can tell two lines apart."""
    return frozenset(w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in _NOISE)


@dataclass(frozen=True)
class MatchItem:
    """A line to match: its id, date, signed amount (in positive, out negative) and
    the words to break ties with (description or payee)."""

    id: int
    day: date
    signed_pence: int
    text: str = ""


def one_per_payment(items: Iterable[tuple[MatchItem, int]]) -> list[MatchItem]:
    """Ledger lines to match, one per payment: the lines given with the same payment key
    (the parts of a split receipt, paid as one) become one item with their total and
    the first part's id, day and words; the others stay as they are."""
    payments: dict[int, list[MatchItem]] = {}
    for item, payment in items:
        payments.setdefault(payment, []).append(item)
    out = []
    for parts in payments.values():
        first = min(parts, key=lambda p: p.id)
        total = sum(p.signed_pence for p in parts)
        out.append(MatchItem(first.id, first.day, total, first.text))
    return out


def match_lines(
    statement: Iterable[MatchItem], ledger: Iterable[MatchItem], window_days: int
) -> list[tuple[int, int]]:
    """Pair statement lines with ledger lines: (statement id, ledger id).

    A pair needs the same signed amount (so the same direction) and dates at most
    ``window_days`` apart. Each line is paired at most once. Pairs are taken closest
    date first; among equally close ones, the pair sharing more payee words first, then
    the earlier statement line and the earlier ledger line."""
    by_amount: dict[int, list[MatchItem]] = {}
    for item in ledger:
        by_amount.setdefault(item.signed_pence, []).append(item)
    candidates: list[tuple[int, int, date, int, date, int, int]] = []
    for s in statement:
        group = by_amount.get(s.signed_pence)
        if not group:
            continue
        s_words: frozenset[str] | None = None
        for g in group:
            gap = abs((s.day - g.day).days)
            if gap > window_days:
                continue
            if s_words is None:
                s_words = words(s.text)
            shared = len(s_words & words(g.text)) if s_words else 0
            candidates.append((gap, -shared, s.day, s.id, g.day, g.id, 0))
    candidates.sort()
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _gap, _shared, _sd, sid, _gd, gid, _ in candidates:
        if sid in used_s or gid in used_g:
            continue
        used_s.add(sid)
        used_g.add(gid)
        pairs.append((sid, gid))
    return pairs


# -- layouts --------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """How one bank's CSV export names its columns (resources/statement_layouts.toml).

    Amounts come either from a signed ``amount`` column or from ``money_in`` and
    ``money_out`` columns (signs there are ignored: the column says the direction)."""

    code: str
    name: str
    source: str
    date: str
    description: tuple[str, ...]
    date_formats: tuple[str, ...]
    amount: str = ""
    money_in: str = ""
    money_out: str = ""
    balance: str = ""
    reference: str = ""
    #: Columns that must be in the header for the layout to be recognised.
    detect: tuple[str, ...] = ()
    note: str = ""
    #: A CR/DR column giving the direction of an unsigned amount.
    direction: str = ""
    #: The column naming the account the line is from (checked against the account's).
    account: str = ""

    @property
    def required(self) -> tuple[str, ...]:
        cols = [self.date, *self.description]
        cols += [self.amount] if self.amount else [self.money_in, self.money_out]
        return tuple(dict.fromkeys(cols))

    def recognises(self, header: Collection[str]) -> bool:
        names = {h.strip().lower() for h in header}
        return all(c.lower() in names for c in (self.detect or self.required))


@dataclass(frozen=True)
class Layouts:
    layouts: Mapping[str, Layout]
    #: Days a statement line's date may differ from its ledger line's.
    window_days: int
    window_note: str = ""
    order: tuple[str, ...] = field(default=())

    def detect(self, header: Collection[str]) -> Layout | None:
        """The first layout (file order: most particular first) whose columns are all in
        the header."""
        found = self.all_detected(header)
        return found[0] if found else None

    def all_detected(self, header: Collection[str]) -> list[Layout]:
        """Every layout whose columns are all in the header, in file order (TSB and
        Lloyds write the same header: their date formats tell them apart)."""
        return [self.layouts[c] for c in self.order if self.layouts[c].recognises(header)]


def _strs(value: object, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise RuleFileError(where, None, key, "must be text or a list of text")


def parse_layouts_toml(text: str, filename: str) -> Layouts:
    """Read resources/statement_layouts.toml. Raises RuleFileError naming the layout."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(filename, None, "toml", str(exc)) from exc
    matching = data.get("matching", {})
    window = matching.get("window_days")
    if not isinstance(window, int) or window < 0:
        raise RuleFileError(filename, None, "matching.window_days", "must be a whole number >= 0")
    layouts: dict[str, Layout] = {}
    for code, raw in data.get("layouts", {}).items():
        where = f"{filename} [layouts.{code}]"
        for key in ("name", "source", "date", "description", "date_formats"):
            if key not in raw:
                raise RuleFileError(where, None, key, "is missing")
        amount, money_in, money_out = (raw.get(k, "") for k in ("amount", "money_in", "money_out"))
        if not amount and not (money_in and money_out):
            raise RuleFileError(where, None, "amount", "give amount, or money_in and money_out")
        layouts[code] = Layout(
            code=code,
            name=raw["name"],
            source=raw["source"],
            date=raw["date"],
            description=_strs(raw["description"], where, "description"),
            date_formats=_strs(raw["date_formats"], where, "date_formats"),
            amount=amount,
            money_in=money_in,
            money_out=money_out,
            balance=raw.get("balance", ""),
            reference=raw.get("reference", ""),
            detect=_strs(raw.get("detect", []), where, "detect"),
            note=raw.get("note", ""),
            direction=raw.get("direction", ""),
            account=raw.get("account", ""),
        )
    if not layouts:
        raise RuleFileError(filename, None, "layouts", "no layouts are defined")
    return Layouts(layouts, window, matching.get("note", ""), tuple(layouts))


# -- guessing a category --------------------------------------------------------------


@dataclass(frozen=True)
class CategoryRule:
    """A statement description containing ``pattern`` (any case) is ``category``."""

    pattern: str
    category: str
    note: str = ""


def parse_category_rules(text: str, filename: str) -> list[CategoryRule]:
    """Read resources/statement_categories.csv (pattern,category,note)."""
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    for column in ("pattern", "category"):
        if column not in header:
            raise RuleFileError(filename, 1, column, "column is missing from the header")
    rules: list[CategoryRule] = []
    for number, row in enumerate(reader, start=2):
        if not any(v.strip() for v in row):
            continue
        values = dict(zip(header, (v.strip() for v in row), strict=False))
        if not values.get("pattern") or not values.get("category"):
            raise RuleFileError(filename, number, "pattern", "pattern and category are needed")
        rules.append(CategoryRule(values["pattern"], values["category"], values.get("note", "")))
    return rules


def guess_category(
    description: str,
    money_in: bool,
    rules: Sequence[CategoryRule],
    income_codes: Collection[str],
    spending_codes: Collection[str],
) -> str:
    """The first rule whose pattern is in the description and whose category fits the
    direction; else "other_income" for money in and "other" for money out."""
    text = f" {' '.join(_WORD.findall(description.lower()))} "
    fits = income_codes if money_in else spending_codes
    for rule in rules:
        pattern = " ".join(_WORD.findall(rule.pattern.lower()))
        if pattern and f" {pattern} " in text and rule.category in fits:
            return rule.category
    return "other_income" if money_in else "other"
