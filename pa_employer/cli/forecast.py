"""Command line: ``forecast``, the expected balance week by week.

The JSON keys are documented in docs/cli.md and are stable. Services are imported inside
the command, so ``pa-employer --help`` stays quick and Qt is never loaded.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from pa_employer.cli.common import OK, emit, open_file, parse_date_arg
from pa_employer.clock import Clock

if TYPE_CHECKING:
    from pa_employer.core.account.forecast import BalanceAt, Forecast, Movement, WeekRow


def _at(found: BalanceAt | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {"date": found.day.isoformat(), "balance_pence": found.balance_pence}


def _item(m: Movement) -> dict[str, Any]:
    return {
        "date": m.day.isoformat(),
        "direction": m.direction.value,
        "pence": m.pence,
        "label": m.label,
    }


def _week(w: WeekRow) -> dict[str, Any]:
    return {
        "start": w.start.isoformat(),
        "end": w.end.isoformat(),
        "opening_pence": w.opening_pence,
        "money_in_pence": w.money_in_pence,
        "money_out_pence": w.money_out_pence,
        "other_spending_pence": w.other_spending_pence,
        "balance_pence": w.balance_pence,
        "lowest_pence": w.lowest_pence,
        "short": w.short,
        "items": [_item(m) for m in w.items],
    }


def forecast_json(result: Forecast) -> dict[str, Any]:
    return {
        "start": result.start.isoformat(),
        "end": result.end.isoformat(),
        "opening_pence": result.opening_pence,
        "closing_pence": result.closing_pence,
        "weeks": [_week(w) for w in result.weeks],
        "short_weeks": [w.start.isoformat() for w in result.short_weeks],
        "tax_years": [
            {
                "tax_year": t.name,
                "pay_days": t.pay_days,
                "usual_pay_days": t.usual_pay_days,
                "extra_pay_day": t.extra_date.isoformat() if t.extra_date else None,
            }
            for t in result.tax_years
        ],
        "extra_pay_days": [
            {
                "tax_year": t.name,
                "date": t.extra_date.isoformat() if t.extra_date else None,
                "wages_pence": t.wages_pence,
                "in_forecast": t.in_forecast,
            }
            for t in result.extra_pay_days
        ],
        "next_extra_pay_day": (
            result.next_extra_pay_day.isoformat() if result.next_extra_pay_day else None
        ),
        "end_of_council_year": _at(result.end_of_council_year),
        "end_of_plan": _at(result.end_of_plan),
        "weekly_in_pence": round(result.weekly_in_pence),
        "weekly_out_pence": round(result.weekly_out_pence),
        "assumptions": list(result.assumptions),
    }


def forecast_text(result: Forecast) -> str:
    from pa_employer.core.account.forecast import summary_lines
    from pa_employer.core.money import format_pence

    lines = summary_lines(result)
    lines += ["", "Week by week:", "  week starting   money in     money out    balance"]
    for w in result.weeks:
        lines.append(
            f"  {w.start:%d %b %Y}   {format_pence(w.money_in_pence):>10}   "
            f"{format_pence(w.money_out_pence):>10}   {format_pence(w.balance_pence):>10}"
            f"  {w.short_words}"
        )
    return "\n".join(lines)


def cmd_forecast(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.forecast import forecast

    with open_file(args, clock, read_only=True) as ef:
        result = forecast(ef, args.start, args.end)
    emit(args, forecast_json(result), forecast_text(result))
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``forecast`` to the main parser."""
    p = sub.add_parser(
        "forecast",
        parents=[common],
        help="the expected balance week by week, short weeks and extra pay days",
    )
    p.add_argument("file")
    p.add_argument(
        "--from", dest="start", type=parse_date_arg, help="start on this date (default today)"
    )
    p.add_argument(
        "--to",
        dest="end",
        type=parse_date_arg,
        help="end on this date (default the later of 31 March and the end of the plan)",
    )
    p.set_defaults(run=cmd_forecast)
