"""Command line: ``pa leave`` (end a PA's employment: work it out, then record it) and
``pa letter`` (a leaving's letters as PDF or text).

    pa-employer pa leave FILE PA --reason redundancy --on 2026-11-27 --notice-given 2026-10-09
    pa-employer pa letter FILE PA --kind payroll --out leaver.pdf

The JSON keys are documented in docs/cli.md and are stable. Services are imported inside
the commands, so ``pa-employer --help`` stays quick.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pa_employer.cli.common import OK, emit, find_pa, open_file, parse_date_arg
from pa_employer.clock import Clock
from pa_employer.core.people.leaving import LeavingReason, NoticeBy

if TYPE_CHECKING:
    from pa_employer.services.employment.leaving import LeavingRecord


def leaving_json(record: LeavingRecord) -> dict[str, Any]:
    n, h = record.notice, record.holiday
    return {
        "pa_id": record.pa.id,
        "name": record.pa.name,
        "payroll_number": record.pa.payroll_number,
        "reason": record.reason.value,
        "leaving_date": record.leaving_date.isoformat(),
        "start_date": record.pa.start_date.isoformat(),
        "continuous_from": record.pa.service_from.isoformat(),
        "notice_by": n.by.value,
        "notice_given_on": n.given_on.isoformat() if n.given_on else None,
        "notice_statutory_weeks": n.statutory_weeks,
        "notice_contract_weeks": n.contract_weeks,
        "notice_weeks": n.weeks,
        "notice_ends_on": n.ends_on.isoformat() if n.ends_on else None,
        "notice_short": n.short,
        "notice_basis": n.basis,
        "week_pay_pence": record.week_pay_pence,
        "week_pay_basis": record.week_pay_basis,
        "redundancy_pence": record.redundancy_pence,
        "redundancy_basis": record.redundancy_basis,
        "holiday_hours": str(round(h.minutes / 60, 2)),
        "holiday_rate_pence": h.rate_pence,
        "holiday_pence": h.pence,
        "holiday_basis": h.basis,
        "final_period_start": (
            record.final_period_start.isoformat() if record.final_period_start else None
        ),
        "final_period_end": record.final_period_end.isoformat()
        if record.final_period_end
        else None,
        "notes": record.notes,
        "recorded_on": record.recorded_on.isoformat() if record.recorded_on else None,
        "warnings": list(record.warnings),
        "basis": record.basis,
    }


def cmd_leave(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.employment import leaving
    from pa_employer.services.employment.letters import kinds_for

    answers = leaving.LeavingAnswers(
        LeavingReason(args.reason),
        args.on,
        args.notice_given,
        NoticeBy(args.notice_by) if args.notice_by else None,
        args.contract_notice_weeks,
        args.notes or "",
    )
    with open_file(args, clock, read_only=args.preview) as ef:
        pa = find_pa(ef, args.pa)
        assert pa.id is not None
        if args.preview:
            record = leaving.work_out(ef, pa.id, answers)
        else:
            record = leaving.record_leaving(ef, pa.id, answers)
    data = {"recorded": not args.preview, "leaving": leaving_json(record)}
    head = (
        f"Preview (nothing saved): if {record.pa.name} left"
        if args.preview
        else f"Recorded: {record.pa.name} leaves"
    )
    text = [f"{head} on {record.leaving_date:%d %b %Y}.", "", *record.basis]
    if record.warnings:
        text += ["", "To do:", *(f"- {w}" for w in record.warnings)]
    if not args.preview:
        letters = ", ".join(k.value for k in kinds_for(record.reason))
        text += ["", f"Letters: pa-employer pa letter FILE {record.pa.payroll_number} --kind "
                 f"KIND --out FILE.pdf (KIND: {letters}; .txt for text to edit)"]  # fmt: skip
    emit(args, data, "\n".join(text))
    return OK


def cmd_letter(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.employment.letters import LetterKind, save_letter

    kind = LetterKind(args.kind)
    with open_file(args, clock, read_only=True) as ef:
        pa = find_pa(ef, args.pa)
        assert pa.id is not None
        path = save_letter(ef, pa.id, kind, Path(args.out))
    emit(
        args,
        {"letter": kind.value, "path": str(path)},
        f"{kind.label} for {pa.name} written to {path}",
    )
    return OK


def add_verbs(one: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add ``pa leave`` and ``pa letter`` (``one`` adds a verb taking FILE and PA)."""
    p = one("leave", "end a PA's employment: notice, holiday and redundancy pay, final pay")
    p.add_argument(
        "--reason", required=True, choices=[r.value for r in LeavingReason], help="why they leave"
    )
    p.add_argument(
        "--on", type=parse_date_arg, required=True, help="the last day of employment (YYYY-MM-DD)"
    )
    p.add_argument("--notice-given", type=parse_date_arg, help="the day notice was given")
    p.add_argument(
        "--notice-by",
        choices=[NoticeBy.PA.value, NoticeBy.EMPLOYER.value],
        help="who gave notice (default: the PA for a resignation, else the employer)",
    )
    p.add_argument(
        "--contract-notice-weeks",
        type=int,
        metavar="N",
        help="the notice in the PA's contract, in weeks (the longer of it and the law's is due)",
    )
    p.add_argument("--notes", help="anything to keep with the record (a redundancy: why)")
    p.add_argument("--preview", action="store_true", help="work it out and show it; save nothing")
    p.set_defaults(run=cmd_leave)

    p = one("letter", "write a leaving's letter: to the PA, or to the payroll provider")
    p.add_argument(
        "--kind",
        required=True,
        choices=["resignation", "redundancy", "payroll"],
        help="resignation or redundancy (to the PA), payroll (the leaver letter)",
    )
    p.add_argument("--out", required=True, help="the file: .pdf, or .txt for text to edit")
    p.set_defaults(run=cmd_letter)
