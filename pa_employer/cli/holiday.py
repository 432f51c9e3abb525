"""Command line: each PA's holiday in the leave year (``holiday``).

The JSON keys are documented in docs/cli.md and are stable. Services are imported inside
the command, so ``pa-employer --help`` stays quick and Qt is never loaded.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from pa_employer.cli.common import OK, emit, open_file, parse_date_arg
from pa_employer.clock import Clock

if TYPE_CHECKING:
    from pa_employer.services.timesheets.holiday import HolidayRecord


def record_json(record: HolidayRecord) -> dict[str, Any]:
    """One PA's holiday (minutes as strings holding the unrounded decimal)."""
    row = record.balance
    return {
        "pa": row.name,
        "pa_id": row.pa_id,
        "payroll_number": row.payroll_number,
        "hours_type": row.hours_type.value,
        "leave_year_start": row.leave_year_start.isoformat(),
        "leave_year_end": row.leave_year_end.isoformat(),
        "entitlement_minutes": str(row.entitlement_minutes),
        "accrued_minutes": str(row.accrued_minutes),
        "available_minutes": str(row.available),
        "taken_minutes": row.taken_minutes,
        "remaining_minutes": str(row.remaining_minutes),
        "booked_minutes": row.booked_minutes,
        "worked_minutes": row.worked_minutes,
        "overdrawn": row.balance.overdrawn,
        "words": row.words,
        "basis": row.basis,
        "entries": [
            {
                "date": e.day.isoformat(),
                "minutes": e.minutes,
                "taken": e.taken,
                "notes": e.notes,
                "shift_id": e.shift_id,
            }
            for e in record.entries
        ],
    }


def holiday_text(records: list[HolidayRecord], on_text: str) -> str:
    from pa_employer.services.timesheets.holiday import hours_words

    if not records:
        return f"No PAs employed in the leave year containing {on_text}."
    first = records[0].balance
    out = [
        f"Holiday in the leave year {first.leave_year_start:%d %b %Y} to "
        f"{first.leave_year_end:%d %b %Y}, as on {on_text}"
    ]
    for record in records:
        row = record.balance
        out.append(f"  {row.name} ({row.payroll_number}): {row.words}")
        out.append(f"      {row.basis}")
        if record.booked:
            booked = hours_words(sum(e.minutes for e in record.booked))
            out.append(f"      {len(record.booked)} more booked ({booked} h)")
    return "\n".join(out)


def cmd_holiday(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.timesheets.holiday import holiday_records

    with open_file(args, clock, read_only=True) as ef:
        on = args.on or ef.today()
        records = holiday_records(ef, on)
    data = {"on": on.isoformat(), "pas": [record_json(r) for r in records]}
    emit(args, data, holiday_text(records, f"{on:%d %b %Y}"))
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``holiday`` to the main parser."""
    p = sub.add_parser(
        "holiday", parents=[common], help="each PA's holiday: entitlement, taken, left"
    )
    p.add_argument("file")
    p.add_argument("--on", type=parse_date_arg, metavar="DATE", help="as on DATE (default today)")
    p.set_defaults(run=cmd_holiday)
