"""Command line: ``outcomes`` (spending by personal outcome, and the outcomes page PDF).

The JSON keys are documented in docs/cli.md and are stable. Services are imported inside
the command, so ``pa-employer --help`` stays quick and Qt is never loaded.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pa_employer.cli.common import OK, CliError, emit, open_file, parse_date_arg
from pa_employer.clock import Clock
from pa_employer.core.account import outcomes as periods

if TYPE_CHECKING:
    from pa_employer.core.account.outcomes import MonthlySeries, OutcomesReport


def report_json(report: OutcomesReport) -> dict[str, Any]:
    return {
        "period": {
            "start": report.period.start.isoformat(),
            "end": report.period.end.isoformat(),
            "label": report.period.label,
        },
        "person": report.person,
        "money_out_pence": report.money_out_pence,
        "money_out_lines": report.money_out_lines,
        "linked_pence": report.linked_pence,
        "linked_lines": report.linked_lines,
        "linked_share": report.linked_share,
        "unlinked_pence": report.unlinked_pence,
        "shared_lines": report.shared_lines,
        "shared_pence": report.shared_pence,
        "outcomes": [
            {
                "outcome_id": o.outcome_id,
                "wording": o.wording,
                "pence": o.pence,
                "lines": [
                    {
                        "line_id": x.line_id,
                        "date": x.day.isoformat(),
                        "payee": x.payee,
                        "amount_pence": x.amount_pence,
                        "category": x.category,
                        "how_it_helps": x.how_it_helps,
                        "notes": x.notes,
                        "also_for": list(x.also_for),
                    }
                    for x in o.lines
                ],
            }
            for o in report.outcomes
        ],
        "unlinked": [
            {"category": g.category, "name": g.name, "pence": g.pence, "lines": g.count}
            for g in report.unlinked
        ],
        "words": list(report.words),
    }


def series_json(series: MonthlySeries) -> dict[str, Any]:
    return {
        "months": [m.isoformat()[:7] for m in series.months],
        "outcomes": [{"outcome_id": o.outcome_id, "pence": list(o.pence)} for o in series.outcomes],
        "not_linked": list(series.not_linked),
    }


def _text(report: OutcomesReport) -> list[str]:
    from pa_employer.core.money import format_pence

    text = [
        f"Spending by outcome, {report.period.label} ({report.period.dates_words})",
        *report.words,
    ]
    for outcome in report.outcomes:
        text.append(f"{outcome.wording}: {format_pence(outcome.pence)}")
        for line in outcome.lines:
            how = f" ({line.how_it_helps})" if line.how_it_helps else ""
            text.append(
                f"  {line.day:%d %b %Y} {line.payee or line.category_name}: "
                f"{format_pence(line.amount_pence)}{how}"
            )
    if report.unlinked:
        text.append("Not linked to any outcome:")
        text += [f"  {g.name}: {format_pence(g.pence)} ({g.count})" for g in report.unlinked]
    return text


def cmd_outcomes(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money import outcomes

    if (args.start is None) != (args.end is None):
        raise CliError("give both --from and --to, or neither (the council's year)")
    if args.pdf and Path(args.pdf).is_dir():
        raise CliError(f"--pdf {args.pdf} is a folder; give a file name")
    with open_file(args, clock, read_only=True) as ef:
        if args.start is not None:
            period = periods.any_period(args.start, args.end)
        else:
            period = periods.council_year(ef.today())
        if args.pdf:
            report = outcomes.save_outcomes_pdf(ef, period, Path(args.pdf))
        else:
            report = outcomes.outcomes_report(ef, period)
        year = periods.council_year(period.end)
        series = outcomes.monthly_by_outcome(ef, year.start)
    data = report_json(report)
    data["by_month"] = series_json(series)
    data["pdf"] = str(args.pdf) if args.pdf else None
    text = _text(report)
    if args.pdf:
        text.append(f"Saved the outcomes page to {args.pdf}")
    emit(args, data, "\n".join(text))
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``outcomes`` to the main parser."""
    p = sub.add_parser(
        "outcomes",
        parents=[common],
        help="spending by personal outcome, with what is not linked (and the page as PDF)",
    )
    p.add_argument("file")
    p.add_argument("--from", dest="start", type=parse_date_arg, metavar="DATE")
    p.add_argument("--to", dest="end", type=parse_date_arg, metavar="DATE")
    p.add_argument("--pdf", metavar="OUT", help="also write the outcomes page PDF here")
    p.set_defaults(run=cmd_outcomes)
