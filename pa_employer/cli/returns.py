"""Command line: the council's financial return (``return``, ``returns``).

``return`` builds the return for a period (default: the next one to send) as PDF, JSON
or CSV; ``--evidence-pack`` writes the PDF followed by the period's receipts and
invoices; ``--submit`` marks it as sent (kept unchanged); a period already sent is
written from the copy kept, byte for byte. JSON keys: docs/cli.md.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from pa_employer.cli.common import OK, WARNINGS, CliError, emit, open_file, parse_date_arg
from pa_employer.clock import Clock
from pa_employer.core.council.profile import NO_PAPER
from pa_employer.core.council.return_style import NO_PAPER_WORDS
from pa_employer.core.council.returns import ReturnStatus

FORMATS = ("pdf", "json", "csv")


def _period(args: argparse.Namespace, ef: Any) -> tuple[Any, Any]:
    from pa_employer.services.returns import next_return_period

    if bool(args.start) != bool(args.end):
        raise CliError("give both --from and --to, or neither (the next return to send)")
    if args.start:
        if args.end < args.start:
            raise CliError(f"--to {args.end:%d/%m/%Y} is before --from {args.start:%d/%m/%Y}")
        return args.start, args.end
    nxt = next_return_period(ef)
    return nxt.start, nxt.end


def _sent_for(ef: Any, start: Any, end: Any) -> Any:
    from pa_employer.services.returns import list_returns

    return next(
        (
            r
            for r in list_returns(ef)
            if r.status == ReturnStatus.SUBMITTED and (r.start, r.end) == (start, end)
        ),
        None,
    )


def _document(args: argparse.Namespace, ef: Any, start: Any, end: Any) -> tuple[Any, bytes, Any]:
    """(figures as JSON values, the bytes to write, the sent return or None)."""
    from pa_employer.core.council.returns import csv_bytes, to_json
    from pa_employer.services import returns as svc

    sent = _sent_for(ef, start, end)
    if sent is not None:
        figures: Any = svc.submitted_figures(ef, sent.id)
        text = svc.submitted_json(ef, sent.id)
        pdf = lambda: svc.submitted_pdf(ef, sent.id)  # noqa: E731
    else:
        built = svc.build_return(ef, start, end)
        text = to_json(built)
        figures = json.loads(text)
        pdf = lambda: svc.render_pdf(built, made=ef.now())  # noqa: E731
    if args.evidence_pack:
        return figures, svc.evidence_pack(ef, start, end, pdf()), sent
    if args.format == "pdf":
        return figures, pdf(), sent
    if args.format == "csv":
        return figures, csv_bytes(figures), sent
    return figures, text.encode("utf-8"), sent


def cmd_return(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services import returns as svc
    from pa_employer.services.storage.user_files import save_for_user

    if args.format == "pdf" and not args.out and not args.submit:
        raise CliError("a PDF needs --out PATH")
    if args.evidence_pack and not args.out:
        raise CliError("--evidence-pack needs --out PATH")
    with open_file(args, clock, read_only=not args.submit) as ef:
        if args.reprint is not None:
            sent = next((r for r in svc.list_returns(ef) if r.id == args.reprint), None)
            if sent is None or sent.status != ReturnStatus.SUBMITTED:
                raise CliError(f"there is no sent return number {args.reprint} (see `returns`)")
            start, end = sent.start, sent.end
        else:
            start, end = _period(args, ef)
        if args.submit:
            svc.submit_return(ef, start, end)
        figures, data, sent = _document(args, ef, start, end)
    checks = figures.get("checks", [])
    no_paper = figures.get("style") == NO_PAPER
    if args.out:
        save_for_user(Path(args.out), data)
        summary = {
            "file": args.out,
            "format": "pdf" if args.evidence_pack else args.format,
            "evidence_pack": bool(args.evidence_pack),
            "period": {"start": start.isoformat(), "end": end.isoformat()},
            "status": figures.get("status"),
            "style": figures.get("style", "full"),
            "return_id": sent.id if sent else None,
            "sha256": sent.sha256 if sent else None,
            "checks": checks,
        }
        words = [
            f"Wrote {args.out}: the return for {start:%d %b %Y} to {end:%d %b %Y}"
            + (f", sent on {sent.submitted_on:%d %b %Y} (kept copy)" if sent else " (draft)")
        ]
        lead = "Open when it was sent" if sent else "Before you send it"
        if no_paper and not sent:
            words = [
                f"Wrote {args.out}: a record of {start:%d %b %Y} to {end:%d %b %Y} for your "
                f"own files, not sent. {NO_PAPER_WORDS}"
            ]
            lead = "Worth looking at"
        words += [f"  {lead}: {c['text']}" for c in checks[:20]]
        if len(checks) > 20:
            words.append(f"  …and {len(checks) - 20} more (see --format json)")
        emit(args, summary, "\n".join(words))
    elif args.format == "pdf":  # --submit without --out
        emit(
            args,
            {"return_id": sent.id, "sha256": sent.sha256, "status": ReturnStatus.SUBMITTED},
            f"Marked the return for {start:%d %b %Y} to {end:%d %b %Y} as sent "
            f"(return {sent.id}); write it with --reprint {sent.id} --out PATH",
        )
    else:
        print(data.decode("utf-8-sig"), end="")
    return WARNINGS if checks and sent is None else OK


def cmd_returns(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.returns import list_returns, next_return_period, paper_return

    if args.annual_summary is not None:
        return _annual(args, clock)

    with open_file(args, clock, read_only=True) as ef:
        found = list_returns(ef)
        paper = paper_return(ef)
        try:
            nxt: Any = next_return_period(ef) if paper else None
        except Exception:  # no council chosen: nothing is due
            nxt = None
    data = {
        "returns": [
            {
                "id": r.id,
                "start": r.start.isoformat(),
                "end": r.end.isoformat(),
                "status": r.status,
                "submitted_on": r.submitted_on.isoformat() if r.submitted_on else None,
                "sha256": r.sha256 or None,
            }
            for r in found
        ],
        "next": None
        if nxt is None
        else {
            "start": nxt.start.isoformat(),
            "end": nxt.end.isoformat(),
            "due": nxt.due.isoformat(),
        },
        "paper_return": paper,
    }
    lines = [
        f"{r.id:>4}  {r.start:%d %b %Y} to {r.end:%d %b %Y}  "
        + (f"sent {r.submitted_on:%d %b %Y}" if r.status == ReturnStatus.SUBMITTED else "draft")
        for r in found
    ] or ["No returns kept yet."]
    if not paper:
        lines.append(f"No paper return: {NO_PAPER_WORDS}")
    if nxt is not None:
        lines.append(
            f"Next to send: {nxt.start:%d %b %Y} to {nxt.end:%d %b %Y}, due {nxt.due:%d %b %Y}"
        )
    emit(args, data, "\n".join(lines))
    return OK


def _annual(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.returns import annual_summary
    from pa_employer.services.storage.user_files import save_for_user

    if not args.out:
        raise CliError("--annual-summary needs --out PATH")
    with open_file(args, clock, read_only=True) as ef:
        first, last, pdf = annual_summary(ef, args.annual_summary)
    save_for_user(Path(args.out), pdf)
    emit(
        args,
        {"file": args.out, "start": first.isoformat(), "end": last.isoformat()},
        f"Wrote {args.out}: the annual summary for {first:%d %b %Y} to {last:%d %b %Y}",
    )
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """``return`` and ``returns``."""
    p = sub.add_parser(
        "return", parents=[common], help="the council's financial return as PDF, JSON or CSV"
    )
    p.add_argument("file")
    p.add_argument("--from", dest="start", type=parse_date_arg, metavar="DATE")
    p.add_argument("--to", dest="end", type=parse_date_arg, metavar="DATE")
    p.add_argument("--format", choices=FORMATS, default="pdf")
    p.add_argument("--out", metavar="PATH", help="write here (JSON and CSV print without it)")
    p.add_argument(
        "--evidence-pack",
        action="store_true",
        help="the PDF followed by the period's receipts and invoices, in one PDF",
    )
    p.add_argument(
        "--submit", action="store_true", help="mark the return as sent; it is kept unchanged"
    )
    p.add_argument("--reprint", type=int, metavar="ID", help="write a sent return again")
    p.set_defaults(run=cmd_return)
    p = sub.add_parser("returns", parents=[common], help="list the returns kept, and the next due")
    p.add_argument("file")
    p.add_argument(
        "--annual-summary",
        type=parse_date_arg,
        metavar="DATE",
        help="write the annual summary of the council's year containing DATE (needs --out)",
    )
    p.add_argument("--out", metavar="PATH")
    p.set_defaults(run=cmd_returns)
