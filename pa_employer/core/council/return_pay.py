"""Pay on the council return (issue 14 item 4): each PA's rates in force, hours and gross
pay; one line on the two pay floors (DOMAIN.md sections 3.1 and 8) with any exceptions and
their explanations; contingency and training used against their budgets; each funder's
payments expected against those received; ILF Scotland money kept apart.

The figures are frozen dataclasses built by ``services.returns.pay`` and printed by
``reports.return_pdf``; ``pay_csv_rows`` gives their rows of the return's CSV. The floor
figures come from the rate tables (``RuleBook``) through the rule names
``core.pay.floors`` uses; none is written here. Money is whole pence, hours whole minutes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from pa_employer.core.money import format_pence, round_pence
from pa_employer.core.pay.floors import (
    SCOTTISH_MINIMUM,
    TimeWorked,
    average_pay_short,
    scottish_minimum,
)
from pa_employer.core.pay.pricing import PayLine
from pa_employer.core.records import PA, RateCode
from pa_employer.core.rule_titles import rule_title
from pa_employer.core.rules import NoRateOnDate, RuleBook, RuleRow, Status, UnknownRule

#: How far before an exception an explanation recorded on the Overview's reminder about
#: the same rate still counts (the reminder shows up to this long before a floor changes).
EXPLANATION_LOOKBACK = timedelta(days=92)


@dataclass(frozen=True)
class RateInForce:
    """One of the PA's contract rates in force during the period, with its own dates."""

    rate_code: str
    label: str
    amount_pence: int
    multiplier_percent: int | None
    effective_from: date
    effective_to: date | None


@dataclass(frozen=True)
class PayAtRate:
    """Hours and pay at one rate code (bank holiday hours at their own code)."""

    rate_code: str
    label: str
    minutes: int
    pence: int


@dataclass(frozen=True)
class PAPay:
    """One PA's pay for the shifts dated in the period, priced as Timesheets prices them."""

    pa_id: int
    name: str
    payroll_number: str
    rates: tuple[RateInForce, ...]
    by_rate: tuple[PayAtRate, ...]
    worked_minutes: int
    worked_pence: int
    holiday_minutes: int
    holiday_pence: int
    #: Pay for hours worked and holiday taken (Statutory Sick Pay is on the payslips).
    gross_pence: int


@dataclass(frozen=True)
class FloorException:
    """Hours paid below a floor: the Scottish PA minimum (every hour, on its date) or the
    legal minimum wage (the average over a pay reference period)."""

    pa_id: int
    pa: str
    rule: str
    floor: str
    first_day: date
    last_day: date
    #: The rate code's name ("Sleepover"), or "Average over the pay period".
    rate_label: str
    hourly_pence: int
    floor_pence: int
    minutes: int
    shortfall_pence: int
    #: Whether the floor figure is confirmed, or its status in words ("expected").
    floor_status: str
    explanation: str
    #: The key under which an explanation of this exception is recorded
    #: (``services.check.explain``).
    explanation_key: str

    def words(self) -> str:
        hours = _hours(self.minutes)
        when = (
            f"{_day(self.first_day)}"
            if self.first_day == self.last_day
            else f"{_day(self.first_day)} to {_day(self.last_day)}"
        )
        status = f" ({self.floor_status})" if self.floor_status else ""
        what = (
            f"{self.rate_label} rate {format_pence(self.hourly_pence)} an hour"
            if self.rule == SCOTTISH_MINIMUM
            else f"an average of {format_pence(self.hourly_pence)} an hour"
        )
        return (
            f"{self.pa}, {when}: {hours} h paid at {what}, below the {self.floor} of "
            f"{format_pence(self.floor_pence)}{status}; {format_pence(self.shortfall_pence)} short"
        )


@dataclass(frozen=True)
class PayFloors:
    """The one line on the floors, and the exceptions behind it."""

    met: bool
    statement: str
    exceptions: tuple[FloorException, ...]


@dataclass(frozen=True)
class PotPeriod:
    """Contingency or training in the period against the budget in force."""

    kind: str
    label: str
    budget_pence: int | None
    budget_from: date | None
    budget_to: date | None
    used_in_period_pence: int
    #: Used from the budget's first day to the end of the period (or the budget's end).
    used_to_date_pence: int
    left_pence: int | None
    items: tuple[str, ...]


@dataclass(frozen=True)
class ExpectedPayment:
    day: date
    pence: int


@dataclass(frozen=True)
class ReceivedPayment:
    line_id: int
    day: date
    payee: str
    pence: int


@dataclass(frozen=True)
class FunderPayments:
    """One support plan funder: payments expected in the period against those received."""

    funder: str
    kind: str
    kind_label: str
    #: The amounts in force in the period in words ("£2,394.00 every 4 weeks from ...").
    amounts: str
    #: How the expected dates were counted, in words.
    basis: str
    expected: tuple[ExpectedPayment, ...]
    received: tuple[ReceivedPayment, ...]
    expected_pence: int
    received_pence: int
    #: Received less expected: below zero when the funder paid short.
    difference_pence: int

    def difference_words(self) -> str:
        d = self.difference_pence
        if d == 0:
            return "as expected"
        if d < 0:
            return f"{format_pence(-d)} less than expected"
        return f"{format_pence(d)} more than expected"


@dataclass(frozen=True)
class SpendLine:
    line_id: int
    day: date
    payee: str
    pence: int


@dataclass(frozen=True)
class ILFMoney:
    """ILF Scotland money kept apart: its payments, and the spending marked as paid
    from it."""

    funders: tuple[FunderPayments, ...]
    spend: tuple[SpendLine, ...]
    spend_pence: int
    #: How ILF spending is marked, in words.
    spend_basis: str


@dataclass(frozen=True)
class PaySection:
    pas: tuple[PAPay, ...]
    floors: PayFloors
    pots: tuple[PotPeriod, ...]
    funders: tuple[FunderPayments, ...]
    ilf: ILFMoney | None
    worked_minutes: int
    gross_pence: int
    #: What the figures count and leave out, in words.
    notes: tuple[str, ...]


# ---------------------------------------------------------------- the floors


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _hours(minutes: int) -> str:
    text = f"{Decimal(minutes) / 60:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _row(book: RuleBook, name: str, day: date) -> RuleRow | None:
    try:
        return book.row(name, day)
    except (UnknownRule, NoRateOnDate):
        return None


def _status_words(row: RuleRow) -> str:
    return "" if row.status is Status.CONFIRMED else row.status.label.lower()


def _explanation(
    notes: Mapping[str, str],
    pa_id: int,
    key: str,
    rule: str,
    codes: Sequence[str],
    first: date,
    last: date,
) -> str:
    """The explanation recorded for this exception: under its own key, or on the
    Overview's reminder about the PA's rate and this floor
    (``rate_floor:pa:<id>:<code>:<floor>:<day>``) on a day from shortly before the
    exception to its last day."""
    found = [notes[key]] if notes.get(key) else []
    prefixes = [f"rate_floor:pa:{pa_id}:{code}:" for code in codes]
    for note_key in sorted(notes):
        prefix = next((p for p in prefixes if note_key.startswith(p)), None)
        if not notes[note_key] or prefix is None:
            continue
        parts = note_key[len(prefix) :].split(":")
        if len(parts) > 1 and parts[0] != rule:  # about the other floor
            continue
        try:
            day = date.fromisoformat(parts[-1])
        except ValueError:
            continue
        if first - EXPLANATION_LOOKBACK <= day <= last and notes[note_key] not in found:
            found.append(notes[note_key])
    return " ".join(found)


def scottish_minimum_exceptions(
    pa: PA, lines: Sequence[PayLine], book: RuleBook, notes: Mapping[str, str]
) -> list[FloorException]:
    """Every hour worked (sleepovers included) against the Scottish PA minimum on the
    date it was worked: the lines below it, grouped by rate code, rate and floor."""
    groups: dict[tuple[str, int, int], list[tuple[PayLine, RuleRow]]] = {}
    for line in lines:
        if line.minutes <= 0:
            continue
        minimum = scottish_minimum(book, line.local_date)
        if minimum is None or line.hourly_pence >= minimum.pence:
            continue
        group = (line.rate_code.value, line.hourly_pence, minimum.pence)
        groups.setdefault(group, []).append((line, minimum.row))
    out: list[FloorException] = []
    for (code, hourly, floor), found in groups.items():
        first = min(line.local_date for line, _ in found)
        last = max(line.local_date for line, _ in found)
        minutes = sum(line.minutes for line, _ in found)
        short = round_pence(Decimal(minutes) * (floor - hourly) / 6000)
        key = f"pay_floor:pa:{pa.id}:{SCOTTISH_MINIMUM}:{code}:{first.isoformat()}"
        row = found[0][1]
        out.append(
            FloorException(
                pa_id=pa.id or 0,
                pa=pa.name,
                rule=SCOTTISH_MINIMUM,
                floor=rule_title(SCOTTISH_MINIMUM),
                first_day=first,
                last_day=last,
                rate_label=found[0][0].rate_code.label,
                hourly_pence=hourly,
                floor_pence=floor,
                minutes=minutes,
                shortfall_pence=short,
                floor_status=_status_words(row),
                explanation=_explanation(
                    notes, pa.id or 0, key, SCOTTISH_MINIMUM, [code], first, last
                ),
                explanation_key=key,
            )
        )
    return sorted(out, key=lambda e: (e.first_day, e.rate_label))


def minimum_wage_exception(
    pa: PA,
    period_start: date,
    period_end: date,
    lines: Sequence[PayLine],
    book: RuleBook,
    notes: Mapping[str, str],
) -> FloorException | None:
    """The legal minimum wage over one pay reference period, as Timesheets checks it
    (``core.pay.floors.average_pay_short``): average pay for time worked (``lines``: the
    period's worked pay lines, holiday left out; sleepover lines are left out here, and
    premiums above the PA's basic Day rate) against the band for the PA's age at the
    period's start and the rate in force then (DOMAIN.md section 8)."""
    worked = []
    for line in lines:
        if line.rate_code is RateCode.SLEEPOVER:
            continue
        basic = pa.rate_on(RateCode.DAY, line.local_date)
        worked.append(
            TimeWorked(line.minutes, line.amount_pence, basic.amount_pence if basic else None)
        )
    found = average_pay_short(pa, book, period_start, period_end, worked)
    if found is None:
        return None
    name = found.floor.name
    codes = sorted({line.rate_code.value for line in lines})
    key = f"pay_floor:pa:{pa.id}:{name}:{period_start.isoformat()}"
    return FloorException(
        pa_id=pa.id or 0,
        pa=pa.name,
        rule=name,
        floor=rule_title(name),
        first_day=period_start,
        last_day=period_end,
        rate_label="Average over the pay period",
        hourly_pence=found.average_pence,
        floor_pence=found.floor.pence,
        minutes=found.minutes,
        shortfall_pence=found.short_pence,
        floor_status=_status_words(found.floor.row),
        explanation=_explanation(notes, pa.id or 0, key, name, codes, period_start, period_end),
        explanation_key=key,
    )


def _floor_figures(book: RuleBook, names: Sequence[str], start: date, end: date) -> str:
    """The floor figures in force from ``start`` to ``end``, in words."""
    out = []
    for name in names:
        rows: list[RuleRow] = []
        day = start
        while day <= end:
            row = _row(book, name, day)
            if row is None:
                day += timedelta(days=1)
                continue
            if row not in rows:
                rows.append(row)
            if row.effective_to is None or row.effective_to >= end:
                break
            day = row.effective_to + timedelta(days=1)
        figures = []
        for row in rows:
            status = _status_words(row)
            since = max(row.effective_from, start)
            figures.append(
                f"{format_pence(round_pence(row.value))} an hour"
                + (f" from {_day(since)}" if len(rows) > 1 else "")
                + (f", {status}" if status else "")
            )
        if figures:
            out.append(f"{rule_title(name)} {'; '.join(figures)}")
    return "; ".join(out)


def floors_line(
    exceptions: Sequence[FloorException],
    worked_minutes: int,
    book: RuleBook,
    wage_rules: Sequence[str],
    start: date,
    end: date,
) -> PayFloors:
    """The one line on the floors: every hour at or above both, or the exceptions."""
    if worked_minutes <= 0:
        return PayFloors(True, "No PA hours were worked in the period.", ())
    figures = _floor_figures(book, [SCOTTISH_MINIMUM, *wage_rules], start, end)
    known = f" ({figures})" if figures else ""
    if not exceptions:
        return PayFloors(
            True,
            "Every hour worked in the period was paid at or above the Scottish minimum rate "
            f"for PAs and the legal minimum wage for each PA's age{known}.",
            (),
        )
    explained = sum(1 for e in exceptions if e.explanation)
    count = len(exceptions)
    return PayFloors(
        False,
        f"Not every hour was paid at or above the floors{known}: {count} exception"
        f"{'s' if count != 1 else ''}, listed below"
        + (f" ({explained} with an explanation)" if explained else " (none explained yet)")
        + ".",
        tuple(exceptions),
    )


# ---------------------------------------------------------------- CSV rows


def _pounds(pence: int | None) -> str:
    return "" if pence is None else format_pence(pence, symbol=False)


def pay_csv_rows(pay: Mapping[str, Any] | None) -> Iterator[tuple[str, ...]]:
    """The section's rows of the return's CSV (columns: section, item, date, payee,
    category, amount, evidence, outcomes, notes), from its JSON values; nothing for a
    return kept before the section existed."""
    if not pay:
        return
    for pa in pay["pas"]:
        rates = "; ".join(
            f"{r['label']} "
            + (
                f"{r['multiplier_percent']}%"
                if r["multiplier_percent"] is not None
                else format_pence(r["amount_pence"])
            )
            + f" from {r['effective_from']}"
            + (f" to {r['effective_to']}" if r["effective_to"] else "")
            for r in pa["rates"]
        )
        for item in pa["by_rate"]:
            yield (
                "pay",
                "hours at rate",
                "",
                pa["name"],
                item["rate_code"],
                _pounds(item["pence"]),
                "",
                "",
                f"{_hours(item['minutes'])} h",
            )
        if pa["holiday_minutes"] or pa["holiday_pence"]:
            yield (
                "pay",
                "holiday pay",
                "",
                pa["name"],
                "holiday",
                _pounds(pa["holiday_pence"]),
                "",
                "",
                f"{_hours(pa['holiday_minutes'])} h",
            )
        yield (
            "pay",
            "gross pay",
            "",
            pa["name"],
            "",
            _pounds(pa["gross_pence"]),
            "",
            "",
            f"{_hours(pa['worked_minutes'])} h worked; rates in force: {rates}",
        )
    floors = pay["floors"]
    yield ("pay", "pay floors", "", "", "", "", "", "", floors["statement"])
    for e in floors["exceptions"]:
        yield (
            "pay",
            "below the floor",
            e["first_day"],
            e["pa"],
            e["rule"],
            _pounds(e["shortfall_pence"]),
            "",
            "",
            f"{e['first_day']} to {e['last_day']}: {_hours(e['minutes'])} h at "
            f"{format_pence(e['hourly_pence'])} ({e['rate_label']}), floor "
            f"{format_pence(e['floor_pence'])}; explanation: {e['explanation'] or 'none'}",
        )
    for pot in pay["pots"]:
        budget = (
            "no budget set"
            if pot["budget_pence"] is None
            else f"budget {format_pence(pot['budget_pence'])} from {pot['budget_from']}"
            + (f" to {pot['budget_to']}" if pot["budget_to"] else "")
            + f"; used to date {format_pence(pot['used_to_date_pence'])}; left "
            f"{format_pence(pot['left_pence'] or 0)}"
        )
        yield (
            "pay",
            f"{pot['kind']} used",
            "",
            "",
            pot["kind"],
            _pounds(pot["used_in_period_pence"]),
            "",
            "",
            budget,
        )
    ilf = pay.get("ilf") or {}
    for funder, section in [
        *((f, "funder") for f in pay["funders"]),
        *((f, "ILF Scotland") for f in ilf.get("funders", [])),
    ]:
        for item, amount in (
            ("expected", funder["expected_pence"]),
            ("received", funder["received_pence"]),
            ("difference", funder["difference_pence"]),
        ):
            yield (
                "pay",
                f"{section} {item}",
                "",
                funder["funder"],
                funder["kind"],
                _pounds(amount),
                "",
                "",
                funder["amounts"] if item == "expected" else "",
            )
    for line in ilf.get("spend", []):
        yield (
            "pay",
            "ILF Scotland spending",
            line["day"],
            line["payee"],
            "",
            _pounds(line["pence"]),
            f"line {line['line_id']}",
            "",
            ilf.get("spend_basis", ""),
        )
